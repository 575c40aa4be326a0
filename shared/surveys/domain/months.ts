import { periodOf, periodPatterns } from '#shared/figures/periods.ts';

/** Month helpers on the figures' month periods (`2026-11`, UTC): a campaign's figures are its month's. */

export const isMonth = (value: string): boolean => periodPatterns.month.test(value);
export const monthOf = (at: Date): string => periodOf(at, 'month');
export const monthStart = (month: string): Date => new Date(`${month}-01T00:00:00.000Z`);

export const addMonths = (month: string, delta: number): string => {
  const start = monthStart(month);
  return monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + delta, 1)));
};

export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
};
