import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createEducationApiHandler } from '#shared/security/http/education-handlers.ts';
import { securityManifest } from '#shared/security/manifest.ts';
import { createEducationStore } from '#shared/security/store/education-store.ts';

/** The security education function wired from its environment: its table and its cursor seal. It holds no data key. */
export const educationApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const ports = {
    education: createEducationStore({ db: document, tableName: readTableName(securityManifest.tables.securityEducation, env) }),
    clock: overrides.clock ?? systemClock,
    cursors: cursorSealFromEnvironment(env),
  };
  return createEducationApiHandler({ ports, logger: createLogger('security-education') });
};
