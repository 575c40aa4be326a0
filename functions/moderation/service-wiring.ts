import type { Logger } from '@aws-lambda-powertools/logger';
import { MODERATION } from '#functions/moderation/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readEventBusName, readTableName } from '#shared/config.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { createOutbox } from '#shared/events/outbox.ts';
import { createEventPublisher } from '#shared/events/publisher.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
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

/**
 * Least privilege: a function without the data key or the MAC key gets a stand-in that refuses,
 * not a key; and since this module does not import the Encryption SDK, such a function does not
 * even load it (its wiring passes keys from shared/crypto/keys-from-environment.ts, or none).
 */
const unavailable = (what: string) =>
  new Proxy({}, { get: () => () => Promise.reject(new Error(`${what} is not available to this function`)) }) as never;

export const moderationServiceFromEnvironment = (
  overrides: WiringOverrides = {},
  name = 'moderation',
  keys: { cipher?: PersonalDataCipher; pseudonyms?: Pseudonymizer } = {},
) => {
  const env = overrides.env ?? process.env;
  const { client, document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger(name);
  const figures = createFiguresStore(document, readTableName('figures', env), MODERATION);
  const tableName = readTableName('moderation', env);
  const publisher = createEventPublisher({ busName: readEventBusName(env), context: MODERATION });
  const service = createModerationService({
    repository: createModerationRepository({ db: document, tableName, figures }),
    cipher: keys.cipher ?? unavailable('The data key'),
    pseudonyms: keys.pseudonyms ?? unavailable('The pseudonym key'),
    outbox: createOutbox({ db: document, tableName, publisher, logger }),
    figures,
    queues: createQueueSender(createSqsClient(), env),
    clock: overrides.clock ?? systemClock,
    logger,
  });
  return { service, client, logger };
};

