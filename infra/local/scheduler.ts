import { functions, type JobDefinition, type JobName } from '#infra/manifest.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { invokeWithTimeout, type HandlerLoader } from '#infra/local/lambda.ts';
import { parseSchedule } from '#infra/schedule-expression.ts';

export { ScheduleExpressionError } from '#infra/schedule-expression.ts';

/**
 * The local stand-in for EventBridge Scheduler: fires each job on its `rate(...)` with the same
 * event the AWS schedule sends (`{ job, time }`, time = the tick), by calling the job function's
 * handler in this process. A calendar job (`cron(...)`, e.g. quarterly) is not fired by the clock
 * here: nobody keeps `npm start` running for a quarter, so it runs when asked (`npm run job`).
 */

/** Runs `tick` every `intervalMs` until the returned function is called. Tests pass their own. */
export type Every = (intervalMs: number, tick: () => void) => () => void;

const everyInterval: Every = (intervalMs, tick) => {
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
};

export interface SchedulerOptions {
  jobs: Record<string, JobDefinition>;
  loadHandler: HandlerLoader;
  now?: () => Date;
  every?: Every;
  log?: (line: Record<string, unknown>) => void;
}

export const startScheduler = (options: SchedulerOptions) => {
  const now = options.now ?? (() => new Date());
  const every = options.every ?? everyInterval;
  const log = options.log ?? (() => undefined);
  // Parse every expression before starting any timer, so a bad one stops `npm start` at once.
  const parsed = Object.entries(options.jobs).map(([name, job]) => [name as JobName, job, parseSchedule(job.schedule)] as const);
  const intervals = parsed.flatMap(([name, job, schedule]) => (schedule.kind === 'rate' ? [[name, job, schedule.intervalMs] as const] : []));
  const onDemand = parsed.flatMap(([name, job, schedule]) => (schedule.kind === 'cron' ? [{ name, schedule: job.schedule }] : []));

  const running = new Map<JobName, Promise<void>>();

  const run = async (name: JobName, job: JobDefinition): Promise<void> => {
    const started = Date.now();
    const event = jobEvent(name, now());
    try {
      const handler = await options.loadHandler(job.function);
      // As in Lambda, a run ends at the function's timeout (so stop() cannot wait forever).
      await invokeWithTimeout(handler, functions[job.function], event);
      log({ msg: 'job run', job: name, now: event.time, ms: Date.now() - started });
    } catch (error) {
      // Only the error's name: its message may quote the data the job was working on.
      log({ msg: 'job failed', job: name, now: event.time, errorName: (error as Error)?.name ?? typeof error });
    }
  };

  const tick = (name: JobName, job: JobDefinition) => {
    // One run at a time per job: a slow run makes the next tick skip, as a long sweep must not pile up.
    if (running.has(name)) {
      log({ msg: 'job skipped: previous run still running', job: name });
      return;
    }
    const current = run(name, job).finally(() => running.delete(name));
    running.set(name, current);
  };

  const cancels = intervals.map(([name, job, intervalMs]) => every(intervalMs, () => tick(name, job)));

  return {
    jobs: intervals.map(([name, job, intervalMs]) => ({ name, schedule: job.schedule, intervalMs })),
    /** The cron jobs: not fired by the clock locally, run with `npm run job -- <name>`. */
    onDemandJobs: onDemand,
    /** Runs that have started and not finished yet (for tests). */
    running: () => [...running.keys()],
    /** No new runs; waits for the runs in flight, so they do not outlive the emulators they use. */
    stop: async () => {
      for (const cancel of cancels) cancel();
      await Promise.all(running.values());
    },
  };
};
