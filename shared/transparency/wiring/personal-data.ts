import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readTableName } from '#shared/config.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createPolicyStore } from '#shared/transparency/store/policy-store.ts';
import { createTransparencyPersonalDataHolder } from '#shared/transparency/use-cases/personal-data-holder.ts';

/** The transparency holder from the environment: the transparency table (read and write); no key (acknowledgements are not sealed). */
export const transparencyPersonalDataHolderFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv } = {}): PersonalDataHolder => {
  const { document } = createDynamoClients();
  const tableName = readTableName(transparencyManifest.tables.transparency, overrides.env ?? process.env);
  return createTransparencyPersonalDataHolder({ store: createPolicyStore({ db: document, tableName }) });
};
