import { accessLogFromEnvironment } from '#shared/access-log/index.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { systemClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createModerationApiHandler } from '#shared/moderation/http/api.ts';
import { createQueueSender } from '#shared/moderation/queues/sender.ts';
import { moderationPortsFromEnvironment, type WiringOverrides } from '#shared/moderation/wiring/context.ts';

/**
 * The moderation API function, the only one with all three capabilities: both keys (it seals
 * notices and derives pseudonyms) and the queue sender (notices and content reviews are queued
 * for their consumers).
 */
export const moderationApiHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const cipher = cipherFromEnvironment(env);
  const { ports, client, logger } = moderationPortsFromEnvironment(overrides, 'moderation', {
    cipher,
    accessLog: accessLogFromEnvironment({ db: createDynamoClients().document, cipher, clock: overrides.clock ?? systemClock, env }),
    pseudonyms: pseudonymsFromEnvironment(env),
    cursors: cursorSealFromEnvironment(env),
    queues: createQueueSender(createSqsClient(), env),
  });
  return createModerationApiHandler({
    ports,
    logger,
    idempotency: createIdempotency({ client, tableName: readTableName(platformTables.idempotency, env) }),
  });
};
