import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readTableName } from '#shared/config.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { quarterEndedBefore } from '#shared/transparency/domain/report-quarter.ts';
import { TRANSPARENCY_REPORT_JOB, transparencyManifest } from '#shared/transparency/manifest.ts';
import { createReportStore } from '#shared/transparency/store/report-store.ts';
import { compileReportDraft } from '#shared/transparency/use-cases/compile-report-draft.ts';
import type { CompileFigures } from '#shared/transparency/use-cases/report-ports.ts';
import { reportCompilerFromEnvironment } from '#shared/transparency/wiring/report-compiler.ts';

/**
 * The quarterly report job (EventBridge Scheduler at 06:00 UTC on the first day of each quarter;
 * locally `npm run job -- transparency-report [--quarter 2026-Q4] [--now <ISO time>]`): compiles
 * the quarter just ended at the event's time, or the quarter the event names, into its draft.
 * Comms review and publish it. Its report names the quarter and the draft's revision, no figure.
 */
export const transparencyReportJobHandlerFromEnvironment = (overrides: { logger?: Logger; env?: NodeJS.ProcessEnv; compile?: CompileFigures } = {}) => {
  const env = overrides.env ?? process.env;
  const logger = overrides.logger ?? createLogger(TRANSPARENCY_REPORT_JOB);
  const { document } = createDynamoClients();
  const reports = createReportStore({ db: document, tableName: readTableName(transparencyManifest.tables.transparency, env) });
  return createJobHandler({
    logger,
    job: TRANSPARENCY_REPORT_JOB,
    run: async (now, event) => {
      // The clock of this run is the event's time, so that `--now` moves the compilation too.
      const clock = { now: () => now };
      const compile = overrides.compile ?? reportCompilerFromEnvironment(document, env, clock);
      const quarter = event.quarter ?? quarterEndedBefore(now);
      const { draft, created, changed } = await compileReportDraft({ reports, compile, clock }, quarter);
      return { quarter, revision: draft.revision, created, changed };
    },
  });
};
