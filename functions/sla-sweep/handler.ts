import type { Context } from 'aws-lambda';
import { slaSweepFromEnvironment } from '#functions/sla-sweep/wiring.ts';
import type { SweepReport } from '#shared/complaints/sweep.ts';
import { JobEventSchema } from '#shared/jobs/job-event.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The scheduled SLA sweep (EventBridge Scheduler, every minute; locally the local scheduler and
 * `npm run job -- sla-sweep [--now <ISO time>]`). The event's `time` is the sweep's "now".
 */
const logger = createLogger('sla-sweep');
const slaSweep = slaSweepFromEnvironment(logger);

export const handler = async (event: unknown, context: Context): Promise<SweepReport> => {
  logger.addContext(context);
  const parsed = JobEventSchema.safeParse(event);
  if (!parsed.success) {
    // A malformed event is a deployment error, not a transient one: fail loudly, never guess a time.
    logger.error('Not a job event', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
    throw new Error('The SLA sweep expects { job, time }');
  }
  const report = await slaSweep.run(new Date(parsed.data.time));
  logger.info('SLA sweep done', { ...report });
  return report;
};
