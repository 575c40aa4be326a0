import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { complaintDecisions } from '#shared/customer-service/domain/decisions.ts';
import { slaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import { CUSTOMER_SERVICE } from '#shared/customer-service/index.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { createComplaintStore } from '#shared/customer-service/store/complaint-store.ts';
import { runSlaSweep } from '#shared/customer-service/use-cases/sweep.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * Customer service wired from its environment: validated configuration, clients, the complaint
 * store, the outbox and the figures, and the SLA sweep's function. The API function, which holds
 * the keys, is wired in api-wiring.ts, so that the sweep loads neither the Encryption SDK nor the
 * API's schemas. Tests inject a clock, a logger or an environment of their own.
 */
export interface WiringOverrides {
  clock?: Clock;
  logger?: Logger;
  /** The environment to read instead of the process's (tests point it at tables of their own). */
  env?: NodeJS.ProcessEnv;
}

/** What every customer-service function shares: the complaint store, the figures, the outbox, the decisions. */
export const customerServiceCore = (document: DynamoDBDocumentClient, logger: Logger, env: NodeJS.ProcessEnv) => {
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), CUSTOMER_SERVICE);
  const table = customerServiceManifest.tables.complaints;
  return {
    figures,
    complaints: createComplaintStore({ db: document, tableName: readTableName(table, env), figures }),
    outbox: outboxFromEnvironment({ db: document, table, context: CUSTOMER_SERVICE, logger, env }),
    decisions: complaintDecisions(slaPolicy),
    policy: slaPolicy,
  };
};

/** The SLA sweep, ready to run at a given time. */
export const slaSweepFromEnvironment = (logger: Logger, env: NodeJS.ProcessEnv = process.env) => {
  const ports = customerServiceCore(createDynamoClients().document, logger, env);
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
