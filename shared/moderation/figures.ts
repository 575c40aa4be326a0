import * as z from 'zod';
import { count, countsBy } from '#shared/figures/schemas.ts';
import { quantileMs } from '#shared/figures/histogram.ts';
import { granularities } from '#shared/figures/periods.ts';
import type { FiguresQuery } from '#shared/figures/query.ts';
import type { Counters } from '#shared/figures/store.ts';
import { appealOutcomes } from '#shared/moderation/domain.ts';
import { actions, noticeCategories } from '#shared/moderation/taxonomy.ts';

/**
 * The trust-and-safety figures (DSA Art. 15 and 24 headings) from counters kept as events
 * happen: a period costs one read whatever the number of notices in it.
 */

const share = z.number().nullable();

export const ModerationPeriodSchema = z
  .object({
    period: z.string(),
    notices: count,
    noticesByCategory: countsBy(noticeCategories),
    noticesBySource: countsBy(['user', 'trusted_flagger', 'anonymous']),
    duplicateNotices: count,
    casesOpened: count,
    medianNoticeToActionMinutes: z.number().nullable().describe('From the first notice of a case to the action on it (histogram upper edge)'),
    actions: countsBy(actions),
    decisions: z.object({ total: count, automated: count, human: count, onTermsGround: count, onLegalGround: count }),
    statements: count,
    screening: z.object({
      screened: count,
      approved: count,
      held: count,
      humanReview: count,
      truePositives: count,
      falsePositives: count,
      falseNegatives: count,
      precision: share.describe('Flagged items a moderator then acted on / flagged items decided'),
      recall: share.describe('Flagged-and-confirmed / (flagged-and-confirmed + approved automatically and later acted on)'),
    }),
    appeals: z.object({ total: count, byAffected: count, byReporter: count, ...Object.fromEntries(appealOutcomes.map((o) => [o, count])), reversals: count }),
    misuse: z.object({ warnings: count, suspensions: count }),
    rewards: z.object({ paid: count, points: count }),
  })
  .meta({ id: 'ModerationPeriodFigures' });
export type ModerationPeriod = z.output<typeof ModerationPeriodSchema>;

export const ModerationFiguresSchema = z
  .object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: z.array(ModerationPeriodSchema),
    total: ModerationPeriodSchema,
  })
  .meta({ id: 'ModerationFigures' });

const pick = (counters: Counters, prefix: string, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, counters[`${prefix}${k}`] ?? 0]));
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export const periodFigures = (period: string, c: Counters): ModerationPeriod => {
  const histogram = Object.fromEntries(
    Object.entries(c)
      .filter(([name]) => name.startsWith('noticeToAction#'))
      .map(([name, n]) => [name.slice('noticeToAction#'.length), n]),
  );
  const median = quantileMs(histogram, 0.5);
  const tp = c['screening#truePositive'] ?? 0;
  const fp = c['screening#falsePositive'] ?? 0;
  const fn = c['screening#falseNegative'] ?? 0;
  return {
    period,
    notices: c.notices ?? 0,
    noticesByCategory: pick(c, 'notices#category#', noticeCategories),
    noticesBySource: pick(c, 'notices#source#', ['user', 'trusted_flagger', 'anonymous']),
    duplicateNotices: c['notices#duplicate'] ?? 0,
    casesOpened: c.casesOpened ?? 0,
    medianNoticeToActionMinutes: median === undefined ? null : median / 60_000,
    actions: pick(c, 'actions#', actions),
    decisions: {
      total: c.decisions ?? 0,
      automated: c['decisions#automated'] ?? 0,
      human: c['decisions#human'] ?? 0,
      onTermsGround: c['decisions#ground#terms'] ?? 0,
      onLegalGround: c['decisions#ground#illegal'] ?? 0,
    },
    statements: c.statements ?? 0,
    screening: {
      screened: c.screened ?? 0,
      approved: c['screening#approved'] ?? 0,
      held: c['screening#held'] ?? 0,
      humanReview: c['screening#human_review'] ?? 0,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
    },
    appeals: {
      total: c.appeals ?? 0,
      byAffected: c['appeals#by#affected'] ?? 0,
      byReporter: c['appeals#by#reporter'] ?? 0,
      ...pick(c, 'appeals#outcome#', appealOutcomes),
      reversals: c.reversals ?? 0,
    } as ModerationPeriod['appeals'],
    misuse: { warnings: c['misuse#warnings'] ?? 0, suspensions: c['misuse#suspensions'] ?? 0 },
    rewards: { paid: c['rewards#paid'] ?? 0, points: c['rewards#points'] ?? 0 },
  };
};

export const figuresView = (query: FiguresQuery, stored: Array<{ period: string; counters: Counters }>) => {
  const sum: Counters = {};
  for (const { counters } of stored) for (const [name, n] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + n;
  const byPeriod = new Map(stored.map((p) => [p.period, p.counters]));
  return {
    ...query,
    periods: [...byPeriod.keys()].sort().map((period) => periodFigures(period, byPeriod.get(period)!)),
    total: periodFigures(`${query.from}..${query.to}`, sum),
  };
};
