/**
 * The schedule expressions of `jobs` (infra/manifest.ts), understood once for both readers: the
 * CDK stack (how old a missed run may get before it is dropped) and the local scheduler (how
 * often to fire, or not at all). Plain code: the local stack reads it without loading the CDK.
 *
 * Two forms, as EventBridge Scheduler writes them: `rate(<n> <unit>)` for a job that runs every
 * few minutes or hours, and `cron(<minute> <hour> <day-of-month> <month> <day-of-week> <year>)`,
 * in UTC, for a calendar job (the first day of each quarter). A cron job names one minute and one
 * hour, so it runs at most once a day: a job that runs more often is a rate.
 */
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const DAY_MS = UNIT_MS.day;

export class ScheduleExpressionError extends Error {
  override name = 'ScheduleExpressionError';
}

export type Schedule = { kind: 'rate'; intervalMs: number } | { kind: 'cron'; expression: string };

const ACCEPTED_FORMS =
  'use rate(<n> minute|minutes|hour|hours|day|days), e.g. rate(5 minutes), or cron(<minute> <hour> <day-of-month> <month> <day-of-week> <year>) with one minute and one hour, e.g. cron(0 3 1 1,4,7,10 ? *)';

const refuse = (expression: string, why?: string) =>
  new ScheduleExpressionError(`Cannot run the schedule "${expression}"${why ? ` (${why})` : ''}: ${ACCEPTED_FORMS}.`);

const rateOf = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unitName = match[2] as string;
  // EventBridge Scheduler's own rule: the singular unit for 1, the plural for more.
  const pluralOk = value === 1 ? !unitName.endsWith('s') : unitName.endsWith('s');
  if (!(value >= 1) || !pluralOk) return undefined;
  return value * UNIT_MS[unitName.replace(/s$/, '') as keyof typeof UNIT_MS];
};

const isWithin = (field: string, max: number) => /^\d{1,2}$/.test(field) && Number(field) <= max;
/** The characters EventBridge allows in the day, month and year fields (lists, ranges, steps, L, W, #, names). */
const CALENDAR_FIELD = /^[0-9A-Z*?,\-/#]+$/;

/** Why a cron expression cannot run, or undefined when it can. */
const cronProblem = (expression: string): string | undefined => {
  const match = /^cron\((.*)\)$/.exec(expression);
  const fields = match?.[1]?.split(' ') ?? [];
  if (fields.length !== 6) return 'a cron expression has six fields, separated by single spaces';
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (!isWithin(minute, 59) || !isWithin(hour, 23)) return 'a cron job names one minute (0-59) and one hour (0-23): at most one run a day';
  if (![dayOfMonth, month, dayOfWeek, year].every((field) => CALENDAR_FIELD.test(field))) return 'a day, month or year field has a character EventBridge does not accept';
  // EventBridge's rule: one of the two day fields must be `?`, not both.
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) return 'exactly one of day-of-month and day-of-week is ?';
  return undefined;
};

/** Reads a job's schedule; ScheduleExpressionError, naming the accepted forms, for anything else. */
export const parseSchedule = (expression: string): Schedule => {
  const intervalMs = rateOf(expression);
  if (intervalMs !== undefined) return { kind: 'rate', intervalMs };
  if (!expression.startsWith('cron(')) throw refuse(expression);
  const problem = cronProblem(expression);
  if (problem) throw refuse(expression, problem);
  return { kind: 'cron', expression };
};

/** `rate(5 minutes)` -> 300000. Only rate expressions: anything else is an error naming the accepted forms. */
export const rateMilliseconds = (expression: string): number => {
  const schedule = parseSchedule(expression);
  if (schedule.kind !== 'rate') throw refuse(expression, 'not a rate');
  return schedule.intervalMs;
};

/**
 * How long after its scheduled time a run is still worth starting. A rate job's run is superseded
 * by its next tick (the job catches up from its "now"), so one interval; a cron job runs at most
 * once a day, weeks apart for a quarterly one, so a missed run stays worth a day of retries.
 */
export const runWorthMilliseconds = (expression: string): number => {
  const schedule = parseSchedule(expression);
  return schedule.kind === 'rate' ? schedule.intervalMs : DAY_MS;
};
