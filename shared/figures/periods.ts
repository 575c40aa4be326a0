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
