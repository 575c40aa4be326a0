import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { createAccessLogStore } from '#shared/access-log/store/access-log-store.ts';
import { createAccessLogPersonalDataHolder } from '#shared/access-log/use-cases/personal-data-holder.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';

/**
 * The access-log holder from the environment: the access-log table (it only reads it) and the data
 * key (the sealed reasons). Only the privacy functions load it.
 */
export const accessLogPersonalDataHolderFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock } = {}): PersonalDataHolder => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const store = createAccessLogStore({ db: document, tableName: readTableName(accessLogManifest.tables.accessLog, env), clock: overrides.clock ?? systemClock });
  return createAccessLogPersonalDataHolder({ store, cipher: cipherFromEnvironment(env) });
};
