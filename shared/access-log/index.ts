import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { createAccessLogStore } from '#shared/access-log/store/access-log-store.ts';
import { createAccessLog, type AccessLog } from '#shared/access-log/use-cases/record-staff-read.ts';
import type { Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';

/** What other contexts use of the access log: record a staff read of personal data, before returning it. */
export type { AccessLog } from '#shared/access-log/use-cases/record-staff-read.ts';
export { readingRoles, type OpenedData, type ResourceKind, type StaffRead } from '#shared/access-log/domain/staff-read.ts';
export { requireAccessReason } from '#shared/access-log/domain/staff-read.ts';

/** The access log of a function that serves staff reads (its role may only append to the table). */
export const accessLogFromEnvironment = (deps: { db: DynamoDBDocumentClient; cipher: Pick<PersonalDataCipher, 'seal'>; clock: Clock; env: NodeJS.ProcessEnv }): AccessLog =>
  createAccessLog({
    store: createAccessLogStore({ db: deps.db, tableName: readTableName(accessLogManifest.tables.accessLog, deps.env) }),
    cipher: deps.cipher,
    clock: deps.clock,
  });
