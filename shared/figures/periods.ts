/** The calendar periods figures are kept for, in UTC: `2026-11-29`, `2026-11`, `2026-Q4`. */
export const granularities = ['day', 'month', 'quarter'] as const;
export type Granularity = (typeof granularities)[number];

export const periodOf = (at: Date, granularity: Granularity): string => {
  const iso = at.toISOString();
  switch (granularity) {
    case 'day':
      return iso.slice(0, 10);
    case 'month':
      return iso.slice(0, 7);
    case 'quarter':
      return `${iso.slice(0, 4)}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
  }
};

export const periodPatterns: Record<Granularity, RegExp> = {
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
};

const quarterParts = (quarter: string) => {
  if (!periodPatterns.quarter.test(quarter)) throw new RangeError(`Not a quarter: ${quarter}`);
  return { year: Number(quarter.slice(0, 4)), firstMonth: (Number(quarter.slice(6)) - 1) * 3 };
};

/** A quarter's (`2026-Q4`) first instant and the first instant of the next one (`end` is exclusive). */
export const quarterBounds = (quarter: string): { start: Date; end: Date } => {
  const { year, firstMonth } = quarterParts(quarter);
  return { start: new Date(Date.UTC(year, firstMonth, 1)), end: new Date(Date.UTC(year, firstMonth + 3, 1)) };
};

/** A quarter's three months: `2026-Q4` -> 2026-10, 2026-11, 2026-12. */
export const monthsOfQuarter = (quarter: string): string[] => {
  const { year, firstMonth } = quarterParts(quarter);
  return [0, 1, 2].map((offset) => `${year}-${String(firstMonth + offset + 1).padStart(2, '0')}`);
};
