import { periodOf, periodPatterns } from '#shared/figures/periods.ts';

/** A calendar quarter (UTC), as the figures name it: `2026-Q4`. */
export const QUARTER_PATTERN = periodPatterns.quarter;

const isQuarter = (value: string): boolean => QUARTER_PATTERN.test(value);

/** The quarter's first instant and the first instant of the next one (`end` is exclusive). */
export const quarterBounds = (quarter: string): { start: Date; end: Date } => {
  if (!isQuarter(quarter)) throw new RangeError(`Not a quarter: ${quarter}`);
  const year = Number(quarter.slice(0, 4));
  const firstMonth = (Number(quarter.slice(6)) - 1) * 3;
  return { start: new Date(Date.UTC(year, firstMonth, 1)), end: new Date(Date.UTC(year, firstMonth + 3, 1)) };
};

/** Whether every instant of the quarter is before `now`: its figures are final (bar late events). */
export const hasQuarterEnded = (quarter: string, now: Date): boolean => quarterBounds(quarter).end.getTime() <= now.getTime();

/** Whether the quarter has begun at `now`: before that it has no figures to compile. */
export const hasQuarterStarted = (quarter: string, now: Date): boolean => quarterBounds(quarter).start.getTime() <= now.getTime();

/** The last quarter that ended before `now` (at 06:00 on 1 January 2027: `2026-Q4`). */
export const quarterEndedBefore = (now: Date): string => {
  const { start } = quarterBounds(periodOf(now, 'quarter'));
  return periodOf(new Date(start.getTime() - 1), 'quarter');
};
