import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readTableName } from '#shared/config.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createReportStore } from '#shared/transparency/store/report-store.ts';

/**
 * What the promise scorecard reads of the published reports (a report every quarter): when a
 * quarter's report was first published with figures compiled after the quarter's end. One small
 * query; no draft, no content.
 */
export const publishedReportsQueryFromEnvironment = (db: DynamoDBDocumentClient, env: NodeJS.ProcessEnv = process.env) => {
  const store = createReportStore({ db, tableName: readTableName(transparencyManifest.tables.transparency, env) });
  return { finalPublishedAt: (quarter: string): Promise<string | null> => store.finalPublishedAt(quarter) };
};
