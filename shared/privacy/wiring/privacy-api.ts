import { accessLogFromEnvironment } from '#shared/access-log/index.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createLogger } from '#shared/observability/logger.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { createPrivacyApiHandler } from '#shared/privacy/http/handlers.ts';
import { privacyManifest } from '#shared/privacy/manifest.ts';
import { createPrivacyStore } from '#shared/privacy/store/request-store.ts';
import { contactCorrectorsFromEnvironment } from '#shared/privacy/wiring/holders.ts';
import { requestTimingsFromEnvironment } from '#shared/privacy/wiring/config.ts';

/** The privacy API function wired from its environment. */
export const privacyApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock; correctors?: readonly PersonalDataHolder[] } = {}) => {
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? systemClock;
  const { document } = createDynamoClients();
  const cipher = cipherFromEnvironment(env);
  const ports = {
    store: createPrivacyStore({ db: document, tableName: readTableName(privacyManifest.tables.privacy, env) }),
    clock,
    timings: requestTimingsFromEnvironment(env),
    cipher,
    correctors: overrides.correctors ?? contactCorrectorsFromEnvironment(env),
    accessLog: accessLogFromEnvironment({ db: document, cipher, clock, env }),
  };
  return createPrivacyApiHandler({ ports, cursors: cursorSealFromEnvironment(env), pseudonyms: pseudonymsFromEnvironment(env), logger: createLogger('privacy') });
};
