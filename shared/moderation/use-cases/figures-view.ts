import { countersByKey, quantileMinutesOf } from '#shared/figures/histogram.ts';
import type { FiguresQuery } from '#shared/figures/query.ts';
import type { Counters } from '#shared/figures/store.ts';
import { APPEAL_TIME_TO_DECIDE } from '#shared/moderation/domain/appeal-decision.ts';
import { actions, appealOutcomes, noticeCategories } from '#shared/moderation/domain/index.ts';
import type { ModerationPeriod } from '#shared/moderation/http/response-schemas/figures.ts';

/**
 * The trust-and-safety figures (DSA Art. 15 and 24 headings) from counters kept as events
 * happen: a period costs one read whatever the number of notices in it. Their shape, for the
 * API's contract, is ModerationFiguresSchema in shared/moderation/http/response-schemas/figures.ts.
 */

const pick = countersByKey;
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

const periodFigures = (period: string, c: Counters): ModerationPeriod => {
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
    medianNoticeToActionMinutes: quantileMinutesOf(c, 'noticeToAction#', 0.5),
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
  return {
    ...query,
    // The store returns the periods oldest first, each once.
    periods: stored.map((p) => periodFigures(p.period, p.counters)),
    total: periodFigures(`${query.from}..${query.to}`, sum),
  };
};

/**
 * What the transparency report states beyond the staff figures, from a period's counters: the
 * median hours from an appeal's filing to its decision (the upper edge of its histogram bucket;
 * null when none was decided) and the rewards cancelled by an appeal's decision.
 */
export const appealAndRewardFiguresOf = (c: Counters): { medianHoursToDecideAppeal: number | null; rewardsCancelled: number } => {
  const minutes = quantileMinutesOf(c, APPEAL_TIME_TO_DECIDE, 0.5);
  return { medianHoursToDecideAppeal: minutes === null ? null : minutes / 60, rewardsCancelled: c['rewards#cancelled'] ?? 0 };
};
