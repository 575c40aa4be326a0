import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readTableName } from '#shared/config.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createTransparencyReportsApiHandler } from '#shared/transparency/http/report-handlers.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createReportStore } from '#shared/transparency/store/report-store.ts';

/** The report pages wired from their environment: the transparency table, read only. */
export const transparencyReportsApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const ports = { reports: createReportStore({ db: document, tableName: readTableName(transparencyManifest.tables.transparency, env) }) };
  return createTransparencyReportsApiHandler({ ports, logger: createLogger('transparency-reports') });
};
