import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#shared/clock.ts';
import { compileReport } from '#shared/transparency/use-cases/compile-report.ts';
import type { CompileFigures } from '#shared/transparency/use-cases/report-ports.ts';
import { reportSourcesFromEnvironment } from '#shared/transparency/wiring/report-sources.ts';

/**
 * The report's figures compiled from what the contexts keep, on the tables the environment names
 * (read only), at the clock's time: what the job and comms' compilation run.
 */
export const reportCompilerFromEnvironment = (db: DynamoDBDocumentClient, env: NodeJS.ProcessEnv, clock: Clock): CompileFigures => {
  const sources = reportSourcesFromEnvironment(db, env, clock);
  return (quarter) => compileReport(sources, quarter, clock.now());
};
