/**
 * What a scheduled job receives. EventBridge Scheduler fills `time` with the schedule's
 * `<aws.scheduler.scheduled-time>`; the local scheduler with the current time; `npm run job
 * -- <name> --now <ISO time>` with the time given, so anyone can see the effect of time
 * passing without waiting. The job treats `time` as "now".
 *
 * Checked by hand rather than with a zod schema: every job function loads this module, and for
 * most it is the only one that would load zod (about 17 KB and 4 to 7 ms of its cold start).
 */
export interface JobEvent {
  job: string;
  /** An RFC 3339 date-time with seconds and a `Z` or an offset. */
  time: string;
  /**
   * A job that works on a calendar quarter (the transparency report) takes it from here instead of
   * deriving it from `time`: `npm run job -- transparency-report --quarter 2026-Q4`. The schedules never set it.
   */
  quarter?: string;
}

const JOB_NAME = /^[a-z][a-z0-9-]{0,63}$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const KEYS: ReadonlySet<string> = new Set(['job', 'time', 'quarter']);

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
};

const isDateTime = (value: unknown): value is string => {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** The event as a job event, or the fields that are wrong (unknown fields by name; `''` when it is not an object). */
export const parseJobEvent = (event: unknown): { success: true; data: JobEvent } | { success: false; issues: string[] } => {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { success: false, issues: [''] };
  const fields = event as Record<string, unknown>;
  const issues = Object.keys(fields).filter((key) => !KEYS.has(key));
  if (typeof fields.job !== 'string' || !JOB_NAME.test(fields.job)) issues.push('job');
  if (!isDateTime(fields.time)) issues.push('time');
  if (fields.quarter !== undefined && (typeof fields.quarter !== 'string' || !QUARTER.test(fields.quarter))) issues.push('quarter');
  if (issues.length > 0) return { success: false, issues };
  const { job, time, quarter } = fields as unknown as JobEvent;
  return { success: true, data: { job, time, ...(quarter !== undefined && { quarter }) } };
};

/** The event a schedule sends for `job` at `time`. */
export const jobEvent = (job: string, time: Date, options: { quarter?: string | undefined } = {}): JobEvent => ({
  job,
  time: time.toISOString(),
  ...(options.quarter !== undefined && { quarter: options.quarter }),
});
