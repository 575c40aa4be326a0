import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { createAccessLogApiHandler } from '#shared/access-log/http/handlers.ts';
import { createAccessLogStore } from '#shared/access-log/store/access-log-store.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createLogger } from '#shared/observability/logger.ts';

/** The access-log function wired from its environment: it reads the log, opens the reasons with the data key and seals its cursors with a key derived from the pseudonym key. */
export const accessLogApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const clock = overrides.clock ?? systemClock;
  const ports = {
    store: createAccessLogStore({ db: document, tableName: readTableName(accessLogManifest.tables.accessLog, env), clock }),
    cipher: cipherFromEnvironment(env),
    clock,
    cursors: cursorSealFromEnvironment(env),
  };
  return createAccessLogApiHandler({ ports, logger: createLogger('access-log') });
};
