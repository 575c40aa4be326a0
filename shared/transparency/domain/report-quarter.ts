import { periodOf, periodPatterns, quarterBounds } from '#shared/figures/periods.ts';

/** A calendar quarter (UTC), as the figures name it: `2026-Q4`. */
export const QUARTER_PATTERN = periodPatterns.quarter;

export { quarterBounds };

/** Whether every instant of the quarter is before `now`: its figures are final (bar late events). */
export const hasQuarterEnded = (quarter: string, now: Date): boolean => quarterBounds(quarter).end.getTime() <= now.getTime();

/** Whether the quarter has begun at `now`: before that it has no figures to compile. */
export const hasQuarterStarted = (quarter: string, now: Date): boolean => quarterBounds(quarter).start.getTime() <= now.getTime();

/** The last quarter that ended before `now` (at 06:00 on 1 January 2027: `2026-Q4`). */
export const quarterEndedBefore = (now: Date): string => {
  const { start } = quarterBounds(periodOf(now, 'quarter'));
  return periodOf(new Date(start.getTime() - 1), 'quarter');
};
