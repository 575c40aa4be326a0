import { slaSweepFromEnvironment } from '#functions/sla-sweep/wiring.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The scheduled SLA sweep (EventBridge Scheduler, every minute; locally the local scheduler and
 * `npm run job -- sla-sweep [--now <ISO time>]`). The event's `time` is the sweep's "now".
 */
const logger = createLogger('sla-sweep');
const slaSweep = slaSweepFromEnvironment(logger);

export const handler = createJobHandler({ logger, job: 'sla-sweep', run: (now) => slaSweep.run(now) });
