/**
 * The schedule expressions of `jobs` (infra/manifest.ts), understood once for both readers: the
 * CDK stack (how old a missed run may get before it is dropped) and the local scheduler (how
 * often to fire). Plain code: the local stack reads it without loading the CDK.
 */
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export class ScheduleExpressionError extends Error {
  override name = 'ScheduleExpressionError';
}

/** `rate(5 minutes)` -> 300000. Only rate expressions: anything else is an error naming the accepted form. */
export const rateMilliseconds = (expression: string): number => {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  const value = Number(match?.[1]);
  const unitName = match?.[2];
  const unit = unitName?.replace(/s$/, '') as keyof typeof UNIT_MS | undefined;
  // EventBridge Scheduler's own rule: the singular unit for 1, the plural for more.
  const pluralOk = value === 1 ? !unitName?.endsWith('s') : unitName?.endsWith('s');
  if (!match || !unit || !(value >= 1) || !pluralOk) {
    throw new ScheduleExpressionError(
      `Cannot run the schedule "${expression}": use rate(<n> minute|minutes|hour|hours|day|days), e.g. rate(5 minutes).`,
    );
  }
  return value * UNIT_MS[unit];
};
