import * as z from 'zod';
import { statuses, channels, categories } from '#shared/complaints/schemas.ts';
import { slaTargets } from '#shared/complaints/policy.ts';
import { quantileMs } from '#shared/figures/histogram.ts';
import { granularities, periodOf, periodPatterns, type Granularity } from '#shared/figures/periods.ts';
import type { Counters } from '#shared/figures/store.ts';

/**
 * The customer-service figures, computed from the counters kept as events happen: a period's
 * figures cost one read whatever the number of complaints in it.
 */

const MINUTE_MS = 60_000;
/** How many periods one request may span. */
export const MAX_PERIODS: Record<Granularity, number> = { day: 366, month: 36, quarter: 12 };

export const FiguresQuerySchema = z
  .strictObject({
    granularity: z.enum(granularities).default('month'),
    from: z.string().max(10).optional().describe('First period, e.g. 2026-11-01, 2026-11 or 2026-Q4 (default: the current one)'),
    to: z.string().max(10).optional().describe('Last period, inclusive (default: the current one)'),
  })
  .superRefine((query, ctx) => {
    for (const field of ['from', 'to'] as const) {
      const value = query[field];
      if (value !== undefined && !periodPatterns[query.granularity].test(value)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Must be a ${query.granularity} such as ${example[query.granularity]}` });
      }
    }
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must not be after `to`' });
    }
  });

const example: Record<Granularity, string> = { day: '2026-11-29', month: '2026-11', quarter: '2026-Q4' };

export interface FiguresQuery {
  granularity: Granularity;
  from: string;
  to: string;
}

/** Fills the defaults (the current period) and refuses spans longer than MAX_PERIODS. */
export const resolveFiguresQuery = (query: z.output<typeof FiguresQuerySchema>, now: Date): FiguresQuery | string => {
  const current = periodOf(now, query.granularity);
  const to = query.to ?? (query.from && query.from > current ? query.from : current);
  const from = query.from ?? to;
  if (countPeriods(query.granularity, from, to) > MAX_PERIODS[query.granularity]) {
    return `At most ${MAX_PERIODS[query.granularity]} ${query.granularity}s per request`;
  }
  return { granularity: query.granularity, from, to };
};

const countPeriods = (granularity: Granularity, from: string, to: string): number => {
  if (granularity === 'day') return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const index = (p: string) =>
    granularity === 'month'
      ? Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7))
      : Number(p.slice(0, 4)) * 4 + Number(p.slice(6, 7));
  return index(to) - index(from) + 1;
};

const count = z.number().int();
const byKey = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, count])));

export const PeriodFiguresSchema = z
  .object({
    period: z.string(),
    received: count,
    receivedByChannel: byKey(channels),
    receivedByCategory: byKey(categories),
    firstResponses: count,
    firstResponseMinutes: z
      .object({ median: z.number().nullable(), p90: z.number().nullable() })
      .describe('Active time to the first response (waiting on the user excluded), as the upper edge of its histogram bucket'),
    answeredWithin24Hours: z
      .object({ met: count, missed: count, share: z.number().nullable() })
      .describe('The 24-hour promise: met / (met + missed), decided once per complaint'),
    warnings: byKey(slaTargets.filter((t) => t !== 'commitment')),
    breaches: byKey(['total', ...slaTargets]),
    escalations: count,
    resolved: count,
    resolvedLate: count,
    reopened: count,
    closed: count,
    backlogAtLastSweep: byKey(statuses).describe('The backlog by status when the sweep last ran in the period'),
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
    backlog: byKey(statuses).describe('The backlog by status now'),
  })
  .meta({ id: 'CustomerServiceFigures' });

const pick = (counters: Counters, prefix: string, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, counters[`${prefix}${k}`] ?? 0]));

const HISTOGRAM = 'firstResponseTime#';

export const periodFigures = (period: string, counters: Counters): PeriodFigures => {
  const histogram = Object.fromEntries(
    Object.entries(counters)
      .filter(([name]) => name.startsWith(HISTOGRAM))
      .map(([name, n]) => [name.slice(HISTOGRAM.length), n]),
  );
  const minutes = (q: number) => {
    const value = quantileMs(histogram, q);
    return value === undefined ? null : value / MINUTE_MS;
  };
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

const nextPeriod = (granularity: Granularity, period: string): string => {
  if (granularity === 'day') return new Date(Date.parse(period) + 86_400_000).toISOString().slice(0, 10);
  if (granularity === 'month') {
    const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  const [y, q] = [Number(period.slice(0, 4)), Number(period.slice(6, 7))];
  return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
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
