import type { Logger } from '@aws-lambda-powertools/logger';
import { createModerationHandler } from '#functions/moderation/app.ts';
import { MODERATION } from '#functions/moderation/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readDataKeyConfig, readEventBusName, readPseudonymKeyConfig, readStage, readTableName } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { pseudonymizerFor } from '#shared/crypto/pseudonym.ts';
import { createEventPublisher } from '#shared/events/publisher.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createQueueSender } from '#shared/moderation/queue-sender.ts';
import { createModerationRepository } from '#shared/moderation/repository.ts';
import { createModerationService } from '#shared/moderation/service.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The moderation service wired from its environment; used by the API function, the queue
 * consumers and the rewards settlement. Tests inject a clock, a logger and an environment that
 * points at tables of their own.
 */
export interface WiringOverrides {
  clock?: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** Least privilege: a function without the data key or the MAC key gets a cipher that refuses, not a key. */
const unavailable = (what: string) =>
  new Proxy({}, { get: () => () => Promise.reject(new Error(`${what} is not available to this function`)) }) as never;

export const moderationServiceFromEnvironment = (
  overrides: WiringOverrides = {},
  name = 'moderation',
  needs: { dataKey: boolean; pseudonyms: boolean } = { dataKey: true, pseudonyms: true },
) => {
  const env = overrides.env ?? process.env;
  const { client, document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger(name);
  const figures = createFiguresStore(document, readTableName('figures', env), MODERATION);
  const service = createModerationService({
    repository: createModerationRepository({ db: document, tableName: readTableName('moderation', env), figures }),
    cipher: needs.dataKey
      ? createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig(env)), stage: readStage(env) })
      : unavailable('The data key'),
    pseudonyms: needs.pseudonyms ? pseudonymizerFor(readPseudonymKeyConfig(env)) : unavailable('The pseudonym key'),
    publisher: createEventPublisher({ busName: readEventBusName(env), context: MODERATION }),
    figures,
    queues: createQueueSender(createSqsClient(), env),
    clock: overrides.clock ?? systemClock,
    logger,
  });
  return { service, client, logger };
};

export const moderationHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const { service, client, logger } = moderationServiceFromEnvironment(overrides);
  return createModerationHandler({
    logger,
    clock: overrides.clock ?? systemClock,
    service,
    idempotency: createIdempotency({ client, tableName: readTableName('idempotency', overrides.env) }),
  });
};
