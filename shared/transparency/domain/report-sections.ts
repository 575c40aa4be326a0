import { staffAccessFiguresOf } from '#shared/access-log/index.ts';
import { periodFigures, resolutionHoursOf } from '#shared/customer-service/index.ts';
import type { Counters } from '#shared/figures/store.ts';
import { appealAndRewardFiguresOf, authorityOrderFiguresOf, figuresView } from '#shared/moderation/index.ts';
import type { SecurityFigures } from '#shared/security/index.ts';
import type { MonthResults } from '#shared/surveys/index.ts';
import { dataCategories } from '#shared/transparency/domain/data-categories.ts';
import type {
  CustomerServiceSection,
  DataUseSection,
  SatisfactionMonth,
  SecuritySection,
  TrustAndSafetySection,
} from '#shared/transparency/domain/report.ts';

/**
 * The report's sections, each from what its context keeps for the quarter: pure, so that the
 * numbers can be checked against the activity that produced them. Counters are a quarter's,
 * summed over their shards; the contexts' own functions (their `index.ts`) read their meaning.
 */

/** The mean of the quarter's monthly active people; null unless all three months were reported. */
export const meanMonthlyActivePeople = (months: readonly string[], reported: ReadonlyArray<{ month: string; activePeople: number }>): number | null => {
  const figures = months.map((month) => reported.find((r) => r.month === month)?.activePeople);
  if (figures.some((n) => n === undefined)) return null;
  const mean = (figures as number[]).reduce((sum, n) => sum + n, 0) / figures.length;
  return mean > 0 ? mean : null;
};

/** Customer service from its quarter counters, with the rate per thousand monthly active people. */
export const customerServiceSection = (quarter: string, counters: Counters, monthlyActivePeople: number | null): CustomerServiceSection => {
  const figures = periodFigures(quarter, counters);
  return {
    received: figures.received,
    receivedByChannel: figures.receivedByChannel,
    receivedByCategory: figures.receivedByCategory,
    monthlyActivePeople,
    complaintsPerThousandActivePeople: monthlyActivePeople === null ? null : (figures.received / monthlyActivePeople) * 1000,
    answeredWithin24Hours: figures.answeredWithin24Hours,
    firstResponseMinutes: figures.firstResponseMinutes,
    breaches: figures.breaches,
    resolved: figures.resolved,
    resolvedLate: figures.resolvedLate,
    resolutionHours: resolutionHoursOf(counters),
  };
};

/** Trust and safety from moderation's quarter counters, laid out as the 2024/2835 template's headings. */
export const trustAndSafetySection = (quarter: string, counters: Counters): TrustAndSafetySection => {
  const { total: m } = figuresView({ granularity: 'quarter', from: quarter, to: quarter }, [{ period: quarter, counters }]);
  const extras = appealAndRewardFiguresOf(counters);
  const decisions = m.decisions.total;
  // The staff view keeps one count per appeal outcome next to the totals (its schema spreads them in).
  const appeals = m.appeals as typeof m.appeals & TrustAndSafetySection['appeals']['outcomes'];
  return {
    authorityOrders: authorityOrderFiguresOf(counters),
    notices: {
      total: m.notices,
      byCategory: m.noticesByCategory,
      byTrustedFlaggers: m.noticesBySource.trusted_flagger ?? 0,
      bySource: m.noticesBySource,
      medianMinutesToAction: m.medianNoticeToActionMinutes,
    },
    decisions: {
      total: decisions,
      byRestriction: m.actions,
      onLegalGround: m.decisions.onLegalGround,
      onTermsGround: m.decisions.onTermsGround,
      automatedOnly: m.decisions.automated,
      automatedOnlyShare: decisions === 0 ? null : m.decisions.automated / decisions,
    },
    screening: { screened: m.screening.screened, precision: m.screening.precision, recall: m.screening.recall },
    appeals: {
      received: appeals.total,
      outcomes: { upheld: appeals.upheld, partly_reversed: appeals.partly_reversed, reversed: appeals.reversed },
      medianHoursToDecide: extras.medianHoursToDecideAppeal,
    },
    suspensions: m.misuse.suspensions,
    rewards: { granted: m.rewards.paid, cancelled: extras.rewardsCancelled, points: m.rewards.points },
  };
};

/** Satisfaction: each month of the monthly survey, its CSAT with the 95% interval and its verdict against the target. */
export const satisfactionMonth = (results: MonthResults): SatisfactionMonth => ({
  month: results.month,
  responses: results.csat.n,
  score: results.csat.score,
  interval: results.csat.wilson95 && { lower: results.csat.wilson95.lower, upper: results.csat.wilson95.upper },
  target: results.target.threshold,
  verdict: results.target.verdict,
});

/** Security from the programme's figures of the quarter. */
export const securitySection = (figures: SecurityFigures): SecuritySection => ({
  audits: {
    scheduled: figures.audits.scheduled,
    completed: figures.audits.scheduledCompleted,
    onDemand: figures.audits.onDemand,
    failed: figures.audits.failed,
    onSchedule: figures.audits.onSchedule,
  },
  findings: {
    opened: figures.findings.opened,
    resolved: figures.findings.resolved,
    overdue: figures.findings.overdue,
    reopened: figures.findings.reopened,
    medianDaysToFix: figures.findings.medianDaysToFix,
  },
  incidents: {
    total: figures.incidents.incidents,
    byCategory: figures.incidents.byCategory,
    ratePerMillionActivePeople: figures.incidents.rate.perMillionActivePeople,
  },
  education: {
    campaigns: figures.education.campaignsRun,
    reached: figures.education.totals.read,
    delivered: figures.education.totals.delivered,
    readShare: figures.education.totals.shareReadWithinWindow,
  },
});

/** A published privacy-policy version, as the report reads it (no text, nor who published it). */
export interface PolicyVersionFacts {
  number: number;
  publishedAt: string;
  effectiveDate: string;
  summaryOfChanges: Record<'en' | 'zh-CN', string>;
}

/** Data use: the catalogue, the quarter's staff reads, and the privacy policy's versions and acknowledgements. */
export const dataUseSection = (input: {
  period: { start: string; end: string };
  staffReadCounters: Counters;
  policy: { inForce: number | null; versions: readonly PolicyVersionFacts[] };
  acknowledgements: Record<number, number>;
  /** People's requests over their data made in the quarter, by kind and figure. */
  dataSubjectRequests: Record<string, number>;
}): DataUseSection => {
  const { start, end } = input.period;
  return {
    categories: dataCategories.map((category) => ({ ...category, purposes: [...category.purposes] })),
    staffAccesses: staffAccessFiguresOf(input.staffReadCounters),
    dataSubjectRequests: { ...input.dataSubjectRequests },
    privacyPolicy: {
      versionInForce: input.policy.inForce,
      changes: input.policy.versions
        .filter((v) => v.publishedAt >= start && v.publishedAt < end)
        .sort((a, b) => a.number - b.number)
        .map((v) => ({
          version: v.number,
          publishedAt: v.publishedAt,
          effectiveAt: `${v.effectiveDate}T00:00:00.000Z`,
          summary: { en: v.summaryOfChanges.en, 'zh-CN': v.summaryOfChanges['zh-CN'] },
        })),
      acknowledgements: Object.fromEntries(Object.entries(input.acknowledgements).map(([version, n]) => [String(version), n])),
    },
  };
};
