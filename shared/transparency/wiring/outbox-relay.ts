import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { outboxRelayFromEnvironment } from '#shared/events/outbox.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';

export const TRANSPARENCY_OUTBOX_RELAY_JOB = 'transparency-outbox-relay';

/**
 * The scheduled relay of the transparency outbox (EventBridge Scheduler every five minutes; locally
 * `npm run job -- transparency-outbox-relay [--now <ISO time>]`): publishes an announcement the
 * stream relay could not publish, once the grace period has passed. It needs only the table and the bus.
 */
export const transparencyOutboxRelayHandlerFromEnvironment = (overrides: { logger?: Logger; env?: NodeJS.ProcessEnv } = {}) => {
  const env = overrides.env ?? process.env;
  const logger = overrides.logger ?? createLogger(TRANSPARENCY_OUTBOX_RELAY_JOB);
  const { document } = createDynamoClients();
  const relay = outboxRelayFromEnvironment({
    db: document,
    table: transparencyManifest.tables.transparency,
    context: transparencyManifest.name,
    logger,
    env,
  });
  return createJobHandler({ logger, job: TRANSPARENCY_OUTBOX_RELAY_JOB, run: (now) => relay.relay(now) });
};
