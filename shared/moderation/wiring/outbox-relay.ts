import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { outboxRelayFromEnvironment } from '#shared/events/outbox.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The scheduled relay of the moderation outbox (EventBridge Scheduler every minute; locally the
 * local scheduler and `npm run job -- moderation-outbox-relay [--now <ISO time>]`): publishes the
 * domain events that the stream relay could not publish, once the grace period has passed. It
 * loads neither the store nor the use cases nor the Encryption SDK: events hold no personal data,
 * so relaying them needs only the table and the bus.
 */
export const moderationOutboxRelayHandlerFromEnvironment = (overrides: { logger?: Logger; env?: NodeJS.ProcessEnv } = {}) => {
  const env = overrides.env ?? process.env;
  const logger = overrides.logger ?? createLogger('moderation-outbox-relay');
  const { document } = createDynamoClients();
  const relay = outboxRelayFromEnvironment({ db: document, table: moderationManifest.tables.moderation, context: moderationManifest.name, logger, env });
  return createJobHandler({ logger, job: 'moderation-outbox-relay', run: (now) => relay.relay(now) });
};
