import { createModerationHandler } from '#functions/moderation/app.ts';
import { moderationServiceFromEnvironment, type WiringOverrides } from '#functions/moderation/service-wiring.ts';
import { systemClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createIdempotency } from '#shared/idempotency.ts';

/** The moderation API function, with both keys: it encrypts notices and derives pseudonyms. */
export const moderationHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { service, client, logger } = moderationServiceFromEnvironment(overrides, 'moderation', {
    cipher: cipherFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
  });
  return createModerationHandler({
    logger,
    clock: overrides.clock ?? systemClock,
    service,
    idempotency: createIdempotency({ client, tableName: readTableName('idempotency', env) }),
  });
};
