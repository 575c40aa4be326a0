import type { Logger } from '@aws-lambda-powertools/logger';
import { MODERATION } from '#functions/moderation/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createModerationRepository } from '#shared/moderation/repository.ts';
import { createModerationService, type QueueSender } from '#shared/moderation/service.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { platformTables } from '#shared/manifest/platform.ts';

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
 * Least privilege: a function without the data key, the MAC key or the right to send to the
 * queues gets a stand-in that refuses, not the capability; and since this module imports neither
 * the Encryption SDK nor the SQS client, such a function does not even load them (its wiring
 * passes keys from shared/crypto/keys-from-environment.ts and a queue sender, or none).
 */
const unavailable = (what: string) =>
  new Proxy({}, { get: () => () => Promise.reject(new Error(`${what} is not available to this function`)) }) as never;

export const moderationServiceFromEnvironment = (
  overrides: WiringOverrides = {},
  name = 'moderation',
  capabilities: { cipher?: PersonalDataCipher; pseudonyms?: Pseudonymizer; queues?: QueueSender } = {},
) => {
  const env = overrides.env ?? process.env;
  const { client, document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger(name);
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), MODERATION);
  const service = createModerationService({
    repository: createModerationRepository({ db: document, tableName: readTableName(moderationManifest.tables.moderation, env), figures }),
    cipher: capabilities.cipher ?? unavailable('The data key'),
    pseudonyms: capabilities.pseudonyms ?? unavailable('The pseudonym key'),
    outbox: outboxFromEnvironment({ db: document, table: moderationManifest.tables.moderation, context: MODERATION, logger, env }),
    figures,
    queues: capabilities.queues ?? unavailable('Sending to the queues'),
    clock: overrides.clock ?? systemClock,
    logger,
  });
  return { service, client, logger };
};

