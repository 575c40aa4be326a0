import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createComplaintsApiHandler } from '#shared/customer-service/http/handlers.ts';
import { customerServiceCore, type WiringOverrides } from '#shared/customer-service/wiring/context.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The complaints function wired from its environment, with both keys: personal fields and
 * message bodies are sealed with the data key, and people filed for by integrations are known by
 * a pseudonym made with the pseudonym key.
 */
export const complaintsApiHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { client, document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger('complaints');
  const ports = {
    ...customerServiceCore(document, logger, env),
    cipher: cipherFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
    clock: overrides.clock ?? systemClock,
  };
  const idempotency = createIdempotency({ client, tableName: readTableName(platformTables.idempotency, env) });
  return createComplaintsApiHandler({ ports, idempotency, logger });
};
