import { createModerationHandler } from '#functions/moderation/app.ts';
import { moderationServiceFromEnvironment, type WiringOverrides } from '#functions/moderation/service-wiring.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { systemClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createQueueSender } from '#shared/moderation/queue-sender.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/**
 * The moderation API function, with both keys (it encrypts notices and derives pseudonyms) and
 * the queue sender (notices and content reviews are queued for their consumers).
 */
export const moderationHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { service, client, logger } = moderationServiceFromEnvironment(overrides, 'moderation', {
    cipher: cipherFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
    queues: createQueueSender(createSqsClient(), env),
  });
  return createModerationHandler({
    logger,
    clock: overrides.clock ?? systemClock,
    service,
    idempotency: createIdempotency({ client, tableName: readTableName(platformTables.idempotency, env) }),
  });
};
