import * as z from 'zod';
import { jobs, type JobName } from '#infra/resources.ts';

/**
 * What a scheduled job receives. EventBridge Scheduler fills `time` with the schedule's
 * `<aws.scheduler.scheduled-time>`; the local scheduler with the current time; `npm run job
 * -- <name> --now <ISO time>` with the time given, so anyone can see the effect of time
 * passing without waiting. The job treats `time` as "now".
 */
export const JobEventSchema = z.strictObject({
  job: z.enum(Object.keys(jobs) as [JobName, ...JobName[]]),
  time: z.iso.datetime({ offset: true }),
});
export type JobEvent = z.output<typeof JobEventSchema>;

export const jobEvent = (job: JobName, time: Date): JobEvent => ({ job, time: time.toISOString() });
