import {
  categories,
  channels,
  statuses,
  type Category,
  type Channel,
  type ComplaintStatus,
} from '#shared/customer-service/domain/complaint.ts';
import { slaTargets, type SlaTarget } from '#shared/customer-service/domain/sla-policy.ts';
import { countersByKey, quantileMinutesOf } from '#shared/figures/histogram.ts';
import type { Granularity } from '#shared/figures/periods.ts';

/** Counters of a period, by name, as the figures table keeps them. */
export type Counters = Record<string, number>;

/**
 * The customer-service figures, computed from the counters kept as events happen: a period's
 * figures cost one read whatever the number of complaints in it.
 */

/** Counts keyed by the named values (`K`), every one present. */
type CountsBy<_K extends string> = Record<string, number>;

export interface PeriodFigures {
  period: string;
  received: number;
  receivedByChannel: CountsBy<Channel>;
  receivedByCategory: CountsBy<Category>;
  firstResponses: number;
  firstResponseMinutes: { median: number | null; p90: number | null };
  answeredWithin24Hours: { met: number; missed: number; share: number | null };
  warnings: CountsBy<Exclude<SlaTarget, 'commitment'>>;
  breaches: CountsBy<'total' | SlaTarget>;
  escalations: number;
  resolved: number;
  resolvedLate: number;
  reopened: number;
  closed: number;
  backlogAtLastSweep: CountsBy<ComplaintStatus>;
}

export interface CustomerServiceFigures {
  granularity: Granularity;
  from: string;
  to: string;
  periods: PeriodFigures[];
  total: PeriodFigures;
  backlog: CountsBy<ComplaintStatus>;
}

export const pick = countersByKey;

const HISTOGRAM = 'firstResponseTime#';

/** Wall-clock time from filing to each resolution (a reopened complaint counts again when resolved again). */
export const RESOLUTION_TIME_HISTOGRAM = 'resolutionTime#';

/** The median and 90th percentile of the period's resolution times, in hours (upper bucket edges); null when none. */
export const resolutionHoursOf = (counters: Counters): { median: number | null; p90: number | null } => {
  const hours = (q: number) => {
    const minutes = quantileMinutesOf(counters, RESOLUTION_TIME_HISTOGRAM, q);
    return minutes === null ? null : minutes / 60;
  };
  return { median: hours(0.5), p90: hours(0.9) };
};

export const periodFigures = (period: string, counters: Counters): PeriodFigures => {
  const minutes = (q: number) => quantileMinutesOf(counters, HISTOGRAM, q);
  const met = counters.commitmentMet ?? 0;
  const missed = counters.commitmentMissed ?? 0;
  return {
    period,
    received: counters.received ?? 0,
    receivedByChannel: pick(counters, 'received#channel#', channels),
    receivedByCategory: pick(counters, 'received#category#', categories),
    firstResponses: counters.firstResponses ?? 0,
    firstResponseMinutes: { median: minutes(0.5), p90: minutes(0.9) },
    answeredWithin24Hours: { met, missed, share: met + missed === 0 ? null : met / (met + missed) },
    warnings: pick(counters, 'warnings#', slaTargets.filter((t) => t !== 'commitment')),
    breaches: { total: counters.breaches ?? 0, ...pick(counters, 'breaches#', slaTargets) },
    escalations: counters.escalations ?? 0,
    resolved: counters.resolved ?? 0,
    resolvedLate: counters.resolvedLate ?? 0,
    reopened: counters.reopened ?? 0,
    closed: counters.closed ?? 0,
    backlogAtLastSweep: pick(counters, 'backlog#', statuses),
  };
};
