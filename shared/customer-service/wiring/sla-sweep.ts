import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { CUSTOMER_SERVICE } from '#shared/customer-service/index.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { runSlaSweep } from '#shared/customer-service/use-cases/sweep.ts';
import { customerServiceCore } from '#shared/customer-service/wiring/context.ts';
import { outboxRelayFromEnvironment } from '#shared/events/outbox.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';

/** The SLA sweep, ready to run at a given time, with the complaints outbox's scheduled relay. It holds neither key. */
export const slaSweepFromEnvironment = (logger: Logger, env: NodeJS.ProcessEnv = process.env) => {
  const { document } = createDynamoClients();
  const ports = {
    ...customerServiceCore(document, env),
    outboxRelay: outboxRelayFromEnvironment({ db: document, table: customerServiceManifest.tables.complaints, context: CUSTOMER_SERVICE, logger, env }),
  };
  return { run: (now: Date) => runSlaSweep(ports, now) };
};

/**
 * The scheduled SLA sweep (EventBridge Scheduler, every minute; locally the local scheduler and
 * `npm run job -- sla-sweep [--now <ISO time>]`). The event's `time` is the sweep's "now".
 */
export const slaSweepHandlerFromEnvironment = () => {
  const logger = createLogger('sla-sweep');
  const slaSweep = slaSweepFromEnvironment(logger);
  return createJobHandler({ logger, job: 'sla-sweep', run: (now) => slaSweep.run(now) });
};
