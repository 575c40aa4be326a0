import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { createModerationStore } from '#shared/moderation/store/index.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { limitedKeyCalls } from '#shared/moderation/wiring/key-calls.ts';
import { createLogger } from '#shared/observability/logger.ts';

/** What tests inject: a clock, a logger, and an environment that points at tables and queues of their own. */
export interface WiringOverrides {
  clock?: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The capabilities only some functions hold: the data key, the pseudonym key, sending to the queues. */
type Capabilities = Partial<Pick<ModerationPorts, 'cipher' | 'pseudonyms' | 'queues' | 'cursors' | 'accessLog'>>;

/**
 * Least privilege: a function without the data key, the pseudonym key or the right to send to the
 * queues gets a stand-in that refuses, not the capability. Since this module imports neither the
 * Encryption SDK nor the SQS client, such a function does not even load them: the wiring of the
 * functions that hold them (api.ts, content-review-worker.ts) passes them in.
 */
const unavailable = (what: string) => new Proxy({}, { get: () => () => Promise.reject(new Error(`${what} is not available to this function`)) }) as never;

/** The trust-and-safety ports of one function, from its environment and the capabilities it holds. */
export const moderationPortsFromEnvironment = (overrides: WiringOverrides, functionName: string, given: Capabilities = {}) => {
  const env = overrides.env ?? process.env;
  const capabilities = limitedKeyCalls(given);
  const { client, document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger(functionName);
  const table = moderationManifest.tables.moderation;
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), moderationManifest.name);
  const ports: ModerationPorts = {
    store: createModerationStore({ db: document, tableName: readTableName(table, env), figures }),
    cipher: capabilities.cipher ?? unavailable('The data key'),
    pseudonyms: capabilities.pseudonyms ?? unavailable('The pseudonym key'),
    cursors: capabilities.cursors ?? unavailable('The cursor key'),
    accessLog: capabilities.accessLog ?? unavailable('The access log'),
    outbox: outboxFromEnvironment({ db: document, table, env }),
    figures,
    queues: capabilities.queues ?? unavailable('Sending to the queues'),
    clock: overrides.clock ?? systemClock,
    logger,
  };
  return { ports, client, logger };
};
