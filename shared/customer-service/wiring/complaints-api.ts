import { accessLogFromEnvironment } from '#shared/access-log/index.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
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
  const cipher = cipherFromEnvironment(env);
  const clock = overrides.clock ?? systemClock;
  const ports = {
    ...customerServiceCore(document, env),
    cipher,
    pseudonyms: pseudonymsFromEnvironment(env),
    cursors: cursorSealFromEnvironment(env),
    clock,
    accessLog: accessLogFromEnvironment({ db: document, cipher, clock, env }),
  };
  const idempotency = createIdempotency({ client, tableName: readTableName(platformTables.idempotency, env) });
  return createComplaintsApiHandler({ ports, idempotency, logger });
};
