import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { notificationsEnv } from '#shared/notifications/config.ts';
import { directoryFromEnvironment } from '#shared/notifications/directory/directory-from-environment.ts';
import { ADDRESS_PSEUDONYM } from '#shared/notifications/domain/delivery.ts';
import { notificationsManifest } from '#shared/notifications/manifest.ts';
import { createDeliveryStore } from '#shared/notifications/store/delivery-store.ts';
import { createInboxStore } from '#shared/notifications/store/inbox-store.ts';
import { createPersonRecords } from '#shared/notifications/store/person-records.ts';
import { createPreferenceStore } from '#shared/notifications/store/preference-store.ts';
import { createNotificationsPersonalDataHolder } from '#shared/notifications/use-cases/personal-data-holder.ts';
import type { UserDirectory } from '#shared/notifications/use-cases/ports.ts';

/** Whether the environment names a user directory (the local file, or the Cognito pools). */
const namesDirectory = (env: NodeJS.ProcessEnv) => Boolean(env[notificationsEnv.localUserDirectoryFile] || env[notificationsEnv.peoplePoolId]);

/**
 * The notifications holder from the environment: the notifications table (read and write), the
 * data key (inbox items) and the pseudonym key (the suppression list's key of the account's
 * address, when the environment names the user directory). Only the privacy functions load it.
 */
export const notificationsPersonalDataHolderFromEnvironment = (
  overrides: { env?: NodeJS.ProcessEnv; clock?: Clock; directory?: Pick<UserDirectory, 'profileOf'> } = {},
): PersonalDataHolder => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const table = createTable(document, readTableName(notificationsManifest.tables.notifications, env));
  const pseudonyms = pseudonymsFromEnvironment(env);
  const directory = overrides.directory ?? (namesDirectory(env) ? directoryFromEnvironment(env) : undefined);
  return createNotificationsPersonalDataHolder({
    inbox: createInboxStore(table, cipherFromEnvironment(env), overrides.clock ?? systemClock),
    preferences: createPreferenceStore(table),
    deliveries: createDeliveryStore(table),
    records: createPersonRecords(table),
    ...(directory && {
      addressPseudonymOf: async (sub: string) => {
        const email = (await directory.profileOf(sub))?.email;
        return email === undefined ? undefined : pseudonyms.pseudonym(ADDRESS_PSEUDONYM, email);
      },
    }),
  });
};
