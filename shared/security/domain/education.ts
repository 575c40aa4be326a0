import { periodOf } from '#shared/figures/periods.ts';

/**
 * Security education campaigns: a lesson written by security staff, in English and Simplified
 * Chinese, for an audience (people, staff, or everyone) over a period. Rules:
 *
 * - a campaign lasts from `startsAt` (inclusive) to `endsAt` (exclusive), at least one day and at
 *   most a quarter (92 days);
 * - campaigns whose audiences overlap (`everyone` overlaps both others) may not overlap in time,
 *   so each person has at most one current campaign; `people` and `staff` campaigns may run side
 *   by side;
 * - a campaign may be changed until it starts, never after;
 * - a person is delivered a campaign when they are first shown it (or first mark it read), and
 *   it counts as read within the window when they mark it read within 14 days of that delivery.
 */

export const educationAudiences = ['people', 'staff', 'everyone'] as const;
export type EducationAudience = (typeof educationAudiences)[number];

/** Whom a signed-in person counts as: staff (any staff role) or the people. */
export type PersonAudience = Exclude<EducationAudience, 'everyone'>;

export const educationLocales = ['en', 'zh-CN'] as const;
export type EducationLocale = (typeof educationLocales)[number];

export const TITLE_MAX_LENGTH = 120;
/** Plain text or Markdown, kept as text (never rendered by the API). */
export const CONTENT_MAX_LENGTH = 20_000;
const MIN_CAMPAIGN_DAYS = 1;
const MAX_CAMPAIGN_DAYS = 92;
/** A read counts towards the share read "in time" when it comes within these days of the delivery. */
export const READ_WINDOW_DAYS = 14;
/** A quarter with no campaign started after its first these days is overdue (the plan: within a month, then quarterly). */
const CADENCE_GRACE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

type Localized = Record<EducationLocale, string>;

/** What security staff write. */
export interface CampaignDraft {
  title: Localized;
  content: Localized;
  audience: EducationAudience;
  startsAt: string;
  endsAt: string;
}

/** How many people a campaign is for: a count, or none with the reason it is not known. */
export type AudienceSize = { count: number; basis: string } | { count: null; reason: string };

export interface Campaign extends CampaignDraft {
  id: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** When the daily job told the audience that the campaign had started. */
  announcedAt?: string;
  /** Measured when the campaign is announced. */
  audienceSize?: AudienceSize;
  /** Optimistic concurrency: each write expects the version it read. */
  version: number;
}

/** The reach counters of a campaign, added to as people are shown it and read it. */
export interface ReachCounters {
  delivered: number;
  read: number;
  readWithinWindow: number;
}

/** When a person was delivered and read a campaign. */
export interface Receipt {
  deliveredAt: string;
  readAt?: string;
}

/** The schedule is not one a campaign may have. */
export class CampaignScheduleError extends Error {
  override name = 'CampaignScheduleError';
  constructor(
    readonly field: 'startsAt' | 'endsAt',
    message: string,
  ) {
    super(message);
  }
}

const audiencesOverlap = (a: EducationAudience, b: EducationAudience): boolean => a === 'everyone' || b === 'everyone' || a === b;

/** Whether a campaign for `audience` is meant for a person of `person`'s audience. */
export const reaches = (audience: EducationAudience, person: PersonAudience): boolean => audience === 'everyone' || audience === person;

export const isRunning = (campaign: Pick<CampaignDraft, 'startsAt' | 'endsAt'>, now: Date): boolean =>
  Date.parse(campaign.startsAt) <= now.getTime() && now.getTime() < Date.parse(campaign.endsAt);

export const hasStarted = (campaign: Pick<CampaignDraft, 'startsAt'>, now: Date): boolean => Date.parse(campaign.startsAt) <= now.getTime();

/** Holds a schedule to the rules: not in the past, end after start, at least a day, at most a quarter. */
export const checkSchedule = (draft: Pick<CampaignDraft, 'startsAt' | 'endsAt'>, now: Date): void => {
  const start = Date.parse(draft.startsAt);
  const end = Date.parse(draft.endsAt);
  if (start < now.getTime()) throw new CampaignScheduleError('startsAt', 'A campaign cannot start in the past.');
  if (end <= start) throw new CampaignScheduleError('endsAt', 'A campaign must end after it starts.');
  if (end - start < MIN_CAMPAIGN_DAYS * DAY_MS) throw new CampaignScheduleError('endsAt', `A campaign lasts at least ${MIN_CAMPAIGN_DAYS} day.`);
  if (end - start > MAX_CAMPAIGN_DAYS * DAY_MS) throw new CampaignScheduleError('endsAt', `A campaign lasts at most ${MAX_CAMPAIGN_DAYS} days.`);
};

/** The scheduled campaign (not `except`) that the draft would overlap: same or overlapping audience, overlapping period. */
export const overlapOf = <C extends Pick<Campaign, 'id' | 'audience' | 'startsAt' | 'endsAt'>>(
  draft: Pick<CampaignDraft, 'audience' | 'startsAt' | 'endsAt'>,
  scheduled: readonly C[],
  except?: string,
): C | undefined =>
  scheduled.find(
    (other) =>
      other.id !== except &&
      audiencesOverlap(other.audience, draft.audience) &&
      Date.parse(other.startsAt) < Date.parse(draft.endsAt) &&
      Date.parse(draft.startsAt) < Date.parse(other.endsAt),
  );

/** The campaign running now for a person of this audience, among the scheduled ones. */
export const currentFor = <C extends Pick<Campaign, 'audience' | 'startsAt' | 'endsAt'>>(person: PersonAudience, scheduled: readonly C[], now: Date): C | undefined =>
  scheduled.find((campaign) => reaches(campaign.audience, person) && isRunning(campaign, now));

/**
 * The locale of an `Accept-Language` header the platform speaks, by the header's preference
 * (q-values): any English tag is `en`, any Chinese tag not written in Traditional script is
 * `zh-CN`; `en` when none matches.
 */
export const negotiateLocale = (acceptLanguage: string | undefined): EducationLocale => {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((range) => range.tag !== '' && Number.isFinite(range.q) && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if ((tag === 'zh' || tag.startsWith('zh-')) && !/^zh-(hant|tw|hk|mo)\b/.test(tag)) return 'zh-CN';
  }
  return 'en';
};

/** Whether a read at `readAt` of a campaign delivered at `deliveredAt` is within the window. */
const readWithinWindow = (deliveredAt: string, readAt: string): boolean => Date.parse(readAt) - Date.parse(deliveredAt) <= READ_WINDOW_DAYS * DAY_MS;

/** The counters a first read adds: `delivered` too when the person had not been shown it before. */
export const firstReadCounters = (receipt: Receipt | undefined, readAt: string): ReachCounters => ({
  delivered: receipt ? 0 : 1,
  read: 1,
  readWithinWindow: readWithinWindow(receipt?.deliveredAt ?? readAt, readAt) ? 1 : 0,
});

/** The share of those delivered who read within the window; null before anyone is delivered. */
const shareReadInTime = (reach: ReachCounters): number | null => (reach.delivered === 0 ? null : reach.readWithinWindow / reach.delivered);

/** A campaign's reach as security staff read it. */
export const reachOf = (campaign: Pick<Campaign, 'audienceSize'>, counters: ReachCounters) => ({
  audienceSize: campaign.audienceSize ?? ({ count: null, reason: 'Measured when the campaign starts.' } as AudienceSize),
  delivered: counters.delivered,
  read: counters.read,
  readWithinDays: READ_WINDOW_DAYS,
  readWithinWindow: counters.readWithinWindow,
  shareReadWithinWindow: shareReadInTime(counters),
});
export type CampaignReach = ReturnType<typeof reachOf>;

const quarterStart = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), Math.floor(at.getUTCMonth() / 3) * 3, 1));

/**
 * The education cadence at `now`: days since the last campaign started (null when none ever
 * did), and `overdue` (1 or 0): the current quarter has had no campaign start although more
 * than `CADENCE_GRACE_DAYS` of it have passed. This is what the overdue alarm watches.
 */
export const educationCadence = (campaigns: ReadonlyArray<Pick<Campaign, 'startsAt'>>, now: Date) => {
  const starts = campaigns.map((c) => Date.parse(c.startsAt)).filter((start) => start <= now.getTime());
  const last = starts.length > 0 ? Math.max(...starts) : undefined;
  const quarterBegan = quarterStart(now).getTime();
  const startedThisQuarter = last !== undefined && last >= quarterBegan;
  const graceOver = now.getTime() - quarterBegan > CADENCE_GRACE_DAYS * DAY_MS;
  return {
    daysSinceLastCampaign: last === undefined ? null : Math.floor((now.getTime() - last) / DAY_MS),
    overdue: !startedThisQuarter && graceOver ? 1 : 0,
  };
};

/**
 * The education figures of a quarter (`2031-Q1`) from stored campaigns and their reach counters:
 * the campaigns that started in it, each with its audience, size, delivered, read and share read
 * within the window, and the totals. Pure: the caller reads the campaigns and their counters.
 */
export const educationFiguresOfQuarter = (
  quarter: string,
  campaigns: ReadonlyArray<{ campaign: Pick<Campaign, 'id' | 'audience' | 'startsAt' | 'endsAt' | 'audienceSize'>; counters: ReachCounters }>,
) => {
  const inQuarter = campaigns
    .filter(({ campaign }) => periodOf(new Date(campaign.startsAt), 'quarter') === quarter)
    .sort((a, b) => a.campaign.startsAt.localeCompare(b.campaign.startsAt));
  const totals = inQuarter.reduce(
    (sum, { counters }) => ({
      delivered: sum.delivered + counters.delivered,
      read: sum.read + counters.read,
      readWithinWindow: sum.readWithinWindow + counters.readWithinWindow,
    }),
    { delivered: 0, read: 0, readWithinWindow: 0 },
  );
  return {
    quarter,
    campaignsRun: inQuarter.length,
    campaigns: inQuarter.map(({ campaign, counters }) => ({
      id: campaign.id,
      audience: campaign.audience,
      startsAt: campaign.startsAt,
      endsAt: campaign.endsAt,
      ...reachOf(campaign, counters),
    })),
    totals: { ...totals, shareReadWithinWindow: shareReadInTime(totals) },
  };
};
export type EducationQuarterFigures = ReturnType<typeof educationFiguresOfQuarter>;

/** The metric the education job writes each run: 1 while the quarter is overdue (see `educationCadence`), else 0. */
export const EDUCATION_OVERDUE_METRIC = 'SecurityEducationOverdue';
