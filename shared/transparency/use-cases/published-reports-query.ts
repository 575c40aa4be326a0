import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readTableName } from '#shared/config.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createReportStore, type PublishedQuarter } from '#shared/transparency/store/report-store.ts';

/**
 * What other contexts read of the published reports (the promise scorecard: a report every
 * quarter): each published quarter with its latest version and when its first version was
 * published, newest quarter first. One small query; no draft, no content.
 */
export const publishedReportsQueryFromEnvironment = (db: DynamoDBDocumentClient, env: NodeJS.ProcessEnv = process.env) => {
  const store = createReportStore({ db, tableName: readTableName(transparencyManifest.tables.transparency, env) });
  return { publishedQuarters: (): Promise<PublishedQuarter[]> => store.publishedQuarters() };
};
