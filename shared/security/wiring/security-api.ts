import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName, readVar } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { createEventPublisher, type EventPublisher } from '#shared/events/publisher.ts';
import { commonEnv } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createSecurityApiHandler } from '#shared/security/http/handlers.ts';
import { securityManifest } from '#shared/security/manifest.ts';
import { createSecurityStore } from '#shared/security/store/security-store.ts';

/**
 * The security function wired from its environment: its table, the bus on which it asks for
 * audits, and its cursor seal (derived from the pseudonym key). It holds no data key.
 */
export const securityApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock; events?: EventPublisher } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const ports = {
    store: createSecurityStore({ db: document, tableName: readTableName(securityManifest.tables.security, env) }),
    clock: overrides.clock ?? systemClock,
    cursors: cursorSealFromEnvironment(env),
    events: overrides.events ?? createEventPublisher({ busName: readVar(env, commonEnv.eventBusName), context: securityManifest.name }),
  };
  return createSecurityApiHandler({ ports, logger: createLogger('security') });
};
