import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { createAccessLogAppender } from '#shared/access-log/store/access-log-store.ts';
import { createAccessLog, type AccessLog } from '#shared/access-log/use-cases/record-staff-read.ts';
import type { Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/** What other contexts use of the access log: record a staff read of personal data, before returning it. */
export type { AccessLog } from '#shared/access-log/use-cases/record-staff-read.ts';
export { readingRoles, type OpenedData, type ResourceKind, type StaffRead } from '#shared/access-log/domain/staff-read.ts';
export { requireAccessReason } from '#shared/access-log/domain/staff-read.ts';

/** The partition of the access log's figures (staff reads per quarter) in the figures table. */
export const ACCESS_LOG = accessLogManifest.name;
/** Staff reads of a period from its counters, as the transparency report states them. */
export { staffAccessFiguresOf } from '#shared/access-log/domain/staff-read.ts';

/**
 * The access log of a function that serves staff reads (its role may only append to the table,
 * and writes the figures table, where the reads are counted).
 */
export const accessLogFromEnvironment = (deps: { db: DynamoDBDocumentClient; cipher: Pick<PersonalDataCipher, 'seal'>; clock: Clock; env: NodeJS.ProcessEnv }): AccessLog =>
  createAccessLog({
    store: createAccessLogAppender({
      db: deps.db,
      tableName: readTableName(accessLogManifest.tables.accessLog, deps.env),
      figures: createFiguresStore(deps.db, readTableName(platformTables.figures, deps.env), accessLogManifest.name),
    }),
    cipher: deps.cipher,
    clock: deps.clock,
  });
