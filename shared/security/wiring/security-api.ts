import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { activePeopleReader } from '#shared/figures/active-people.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { eventPublisherFromEnvironment, type EventPublisher } from '#shared/events/publisher.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createSecurityApiHandler } from '#shared/security/http/handlers.ts';
import { securityManifest } from '#shared/security/manifest.ts';
import { createEducationStore } from '#shared/security/store/education-store.ts';
import { createIncidentStore } from '#shared/security/store/incident-store.ts';
import { createSecurityStore } from '#shared/security/store/security-store.ts';

/**
 * The security function wired from its environment: its table, the bus on which it asks for
 * audits, and its cursor seal (derived from the pseudonym key); for the programme's figures, the
 * incidents, the campaigns and the reported active people, read only. It holds no data key.
 */
export const securityApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock; events?: EventPublisher } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const ports = {
    store: createSecurityStore({ db: document, tableName: readTableName(securityManifest.tables.security, env) }),
    clock: overrides.clock ?? systemClock,
    cursors: cursorSealFromEnvironment(env),
    events: overrides.events ?? eventPublisherFromEnvironment(securityManifest.name, env),
  };
  const figures = {
    store: ports.store,
    incidents: createIncidentStore({ db: document, tableName: readTableName(securityManifest.tables.securityIncidents, env) }),
    education: createEducationStore({ db: document, tableName: readTableName(securityManifest.tables.securityEducation, env) }),
    activePeople: activePeopleReader(document, readTableName(platformTables.figures, env)),
    clock: ports.clock,
  };
  return createSecurityApiHandler({ ports, figures, logger: createLogger('security') });
};
