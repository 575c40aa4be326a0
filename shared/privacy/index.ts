import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readTableName } from '#shared/config.ts';
import { reportCountsOf, requestFigures } from '#shared/privacy/domain/figures.ts';
import { privacyManifest } from '#shared/privacy/manifest.ts';
import { createPrivacyStore } from '#shared/privacy/store/request-store.ts';

/**
 * What other contexts use of privacy: the figures of people's requests over their data in a
 * quarter, as the transparency report states them (counts by name: requested, completed, on
 * time, cancelled, overdue, median and maximum hours to complete, per kind of request).
 */
export const dataSubjectRequestCountsFromEnvironment = (db: DynamoDBDocumentClient, env: NodeJS.ProcessEnv) => {
  const store = createPrivacyStore({ db, tableName: readTableName(privacyManifest.tables.privacy, env) });
  return async (quarter: string, now: Date): Promise<Record<string, number>> => reportCountsOf(requestFigures(await store.inQuarter(quarter), now));
};
