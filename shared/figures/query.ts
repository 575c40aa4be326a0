import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { granularities, periodOf, periodPatterns, type Granularity } from '#shared/figures/periods.ts';
import { problems } from '#shared/http/problem.ts';

/** The query every figures endpoint takes: a granularity and a range of its periods. */

/** How many periods one request may span. */
const MAX_PERIODS: Record<Granularity, number> = { day: 366, month: 36, quarter: 12 };

export const FiguresQuerySchema = z
  .strictObject({
    granularity: z._default(z.enum(granularities), 'month'),
    from: describe(
      z.optional(z.string().check(z.maxLength(10))),
      'First period, e.g. 2026-11-01, 2026-11 or 2026-Q4 (default: the current one)',
    ),
    to: describe(z.optional(z.string().check(z.maxLength(10))), 'Last period, inclusive (default: the current one)'),
  })
  .check(
    z.superRefine((query, ctx) => {
      for (const field of ['from', 'to'] as const) {
        const value = query[field];
        if (value !== undefined && !periodPatterns[query.granularity].test(value)) {
          ctx.addIssue({ code: 'custom', path: [field], message: `Must be a ${query.granularity} such as ${example[query.granularity]}` });
        }
      }
      if (query.from && query.to && query.from > query.to) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must not be after `to`' });
      }
    }),
  );

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

/** `resolveFiguresQuery` for a handler: a span too long is a 400 on `from`. */
export const figuresRangeOf = (query: z.output<typeof FiguresQuerySchema>, now: Date): FiguresQuery => {
  const resolved = resolveFiguresQuery(query, now);
  if (typeof resolved === 'string') throw problems.validation([{ in: 'query', path: 'from', message: resolved }]);
  return resolved;
};

const countPeriods = (granularity: Granularity, from: string, to: string): number => {
  if (granularity === 'day') return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const index = (p: string) =>
    granularity === 'month'
      ? Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7))
      : Number(p.slice(0, 4)) * 4 + Number(p.slice(6, 7));
  return index(to) - index(from) + 1;
};

export const nextPeriod = (granularity: Granularity, period: string): string => {
  if (granularity === 'day') return new Date(Date.parse(period) + 86_400_000).toISOString().slice(0, 10);
  if (granularity === 'month') {
    const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  const [y, q] = [Number(period.slice(0, 4)), Number(period.slice(6, 7))];
  return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
};
