import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { activePeopleReader } from '#shared/figures/active-people.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createIncidentApiHandler } from '#shared/security/http/incident-handlers.ts';
import { securityManifest } from '#shared/security/manifest.ts';
import { createIncidentStore } from '#shared/security/store/incident-store.ts';

/**
 * The security-incidents function wired from its environment: its table, the figures table (the
 * monthly active people, read only), the data key that seals the notes, and its cursor seal
 * (derived from the pseudonym key). The audit and findings function holds no data key; this one
 * is kept apart so that only it loads the Encryption SDK.
 */
export const incidentApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const ports = {
    store: createIncidentStore({ db: document, tableName: readTableName(securityManifest.tables.securityIncidents, env) }),
    cipher: cipherFromEnvironment(env),
    clock: overrides.clock ?? systemClock,
    cursors: cursorSealFromEnvironment(env),
    activePeople: activePeopleReader(document, readTableName(platformTables.figures, env)),
  };
  return createIncidentApiHandler({ ports, logger: createLogger('security-incidents') });
};
