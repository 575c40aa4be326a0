import * as z from 'zod/mini';

/**
 * What a scheduled job receives. EventBridge Scheduler fills `time` with the schedule's
 * `<aws.scheduler.scheduled-time>`; the local scheduler with the current time; `npm run job
 * -- <name> --now <ISO time>` with the time given, so anyone can see the effect of time
 * passing without waiting. The job treats `time` as "now".
 */
export const JobEventSchema = z.strictObject({
  job: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/)),
  time: z.iso.datetime({ offset: true }),
  /**
   * A job that works on a calendar quarter (the transparency report) takes it from here instead of
   * deriving it from `time`: `npm run job -- transparency-report --quarter 2026-Q4`. The schedules never set it.
   */
  quarter: z.optional(z.string().check(z.regex(/^\d{4}-Q[1-4]$/))),
});
export type JobEvent = z.output<typeof JobEventSchema>;

export const jobEvent = (job: string, time: Date, options: { quarter?: string | undefined } = {}): JobEvent => ({
  job,
  time: time.toISOString(),
  ...(options.quarter !== undefined && { quarter: options.quarter }),
});
