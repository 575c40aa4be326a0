import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { type JobEvent, parseJobEvent } from '#shared/jobs/job-event.ts';
import { observedHandler } from '#shared/observability/metrics.ts';

/**
 * The Lambda handler of a scheduled job: checks the event, runs the job at the event's `time`
 * (the schedule's time, or `--now` of `npm run job`), logs its report and returns it. What the
 * run counted (e.g. the events it published) is written as metrics when it ends.
 */
export const createJobHandler =
  <Report extends object>(options: {
    logger: Logger;
    job: string;
    /** Runs at `now`, the event's time; the event itself for what else it names (a quarter). */
    run: (now: Date, event: JobEvent) => Promise<Report>;
    /** What of the report to log (it must hold no personal data); the whole report by default. */
    summary?: (report: Report) => Record<string, unknown>;
  }) =>
  observedHandler(async (event: unknown, context: Context): Promise<Report> => {
    options.logger.addContext(context);
    const parsed = parseJobEvent(event);
    if (!parsed.success || parsed.data.job !== options.job) {
      // A malformed event is a deployment error, not a transient one: fail loudly, never guess a time.
      const issues = parsed.success ? ['job'] : parsed.issues;
      options.logger.error('Not a job event', { issues });
      throw new Error(`The ${options.job} job expects { job, time }`);
    }
    const report = await options.run(new Date(parsed.data.time), parsed.data);
    const summary = options.summary ? options.summary(report) : ({ ...report } as Record<string, unknown>);
    options.logger.info(`${options.job} done`, summary);
    return report;
  });
