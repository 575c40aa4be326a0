import type { Logger } from '@aws-lambda-powertools/logger';
import { MODERATION } from '#functions/moderation/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { outboxFromEnvironment, type Outbox } from '#shared/events/outbox.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';

/**
 * The scheduled relay of the moderation outbox (EventBridge Scheduler every minute; locally the
 * local scheduler and `npm run job -- moderation-outbox-relay [--now <ISO time>]`): publishes the
 * domain events that the request which raised them could not publish, once the grace period has
 * passed. It loads neither the moderation service nor the Encryption SDK: events hold no
 * personal data, so relaying them needs only the table and the bus.
 */
const createModerationOutboxRelay = (deps: { outbox: Pick<Outbox, 'relay'>; logger: Logger }) =>
  createJobHandler({ logger: deps.logger, job: 'moderation-outbox-relay', run: (now) => deps.outbox.relay(now) });

/** Wired from the environment; tests pass their own (tables, bus) and logger. */
export const moderationOutboxRelayFromEnvironment = (overrides: { logger?: Logger; env?: NodeJS.ProcessEnv } = {}) => {
  const env = overrides.env ?? process.env;
  const logger = overrides.logger ?? createLogger('moderation-outbox-relay');
  const { document } = createDynamoClients();
  const outbox = outboxFromEnvironment({ db: document, table: moderationManifest.tables.moderation, context: MODERATION, logger, env });
  return createModerationOutboxRelay({ outbox, logger });
};
