import * as z from 'zod';
import { statuses, channels, categories } from '#shared/complaints/schemas.ts';
import { slaTargets } from '#shared/complaints/policy.ts';
import { count, countsBy } from '#shared/figures/schemas.ts';
import { countersByKey, quantileMinutesOf } from '#shared/figures/histogram.ts';
import { granularities } from '#shared/figures/periods.ts';
import { nextPeriod, type FiguresQuery } from '#shared/figures/query.ts';
import type { Counters } from '#shared/figures/store.ts';

/**
 * The customer-service figures, computed from the counters kept as events happen: a period's
 * figures cost one read whatever the number of complaints in it.
 */

export const PeriodFiguresSchema = z
  .object({
    period: z.string(),
    received: count,
    receivedByChannel: countsBy(channels),
    receivedByCategory: countsBy(categories),
    firstResponses: count,
    firstResponseMinutes: z
      .object({ median: z.number().nullable(), p90: z.number().nullable() })
      .describe('Active time to the first response (waiting on the user excluded), as the upper edge of its histogram bucket'),
    answeredWithin24Hours: z
      .object({ met: count, missed: count, share: z.number().nullable() })
      .describe('The 24-hour promise: met / (met + missed), decided once per complaint'),
    warnings: countsBy(slaTargets.filter((t) => t !== 'commitment')),
    breaches: countsBy(['total', ...slaTargets]),
    escalations: count,
    resolved: count,
    resolvedLate: count,
    reopened: count,
    closed: count,
    backlogAtLastSweep: countsBy(statuses).describe('The backlog by status when the sweep last ran in the period'),
  })
  .meta({ id: 'PeriodFigures' });
export type PeriodFigures = z.output<typeof PeriodFiguresSchema>;

export const CustomerServiceFiguresSchema = z
  .object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: z.array(PeriodFiguresSchema).describe('Every period of the range, oldest first'),
    total: PeriodFiguresSchema.describe('The whole range (backlog: at the end of the range)'),
    backlog: countsBy(statuses).describe('The backlog by status now'),
  })
  .meta({ id: 'CustomerServiceFigures' });

const pick = countersByKey;

const HISTOGRAM = 'firstResponseTime#';

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

export const figuresView = (
  query: FiguresQuery,
  stored: Array<{ period: string; counters: Counters }>,
  backlog: Counters,
): z.output<typeof CustomerServiceFiguresSchema> => {
  const byPeriod = new Map(stored.map((p) => [p.period, p.counters]));
  const periods: PeriodFigures[] = [];
  const sum: Counters = {};
  let lastBacklog: Counters = {};
  for (let period = query.from; period <= query.to; period = nextPeriod(query.granularity, period)) {
    const counters = byPeriod.get(period) ?? {};
    periods.push(periodFigures(period, counters));
    for (const [name, n] of Object.entries(counters)) {
      if (name.startsWith('backlog#')) continue;
      sum[name] = (sum[name] ?? 0) + n;
    }
    const snapshot = Object.fromEntries(Object.entries(counters).filter(([name]) => name.startsWith('backlog#')));
    if (Object.keys(snapshot).length > 0) lastBacklog = snapshot;
  }
  return {
    ...query,
    periods,
    total: periodFigures(`${query.from}..${query.to}`, { ...sum, ...lastBacklog }),
    backlog: pick(backlog, '', statuses),
  };
};
