import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { type Clock, systemClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { type Outbox, outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createTransparencyReportDraftsApiHandler } from '#shared/transparency/http/report-draft-handlers.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createReportStore } from '#shared/transparency/store/report-store.ts';
import type { CompileFigures } from '#shared/transparency/use-cases/report-ports.ts';
import { reportCompilerFromEnvironment } from '#shared/transparency/wiring/report-compiler.ts';

/**
 * The report drafts function wired from its environment: the transparency table (drafts,
 * versions, the outbox of the announcements) and the figure sources the compilation reads.
 * Tests replace the clock, the outbox or the compilation.
 */
export const transparencyReportDraftsApiHandlerFromEnvironment = (
  overrides: { env?: NodeJS.ProcessEnv; clock?: Clock; outbox?: Outbox; compile?: CompileFigures } = {},
) => {
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? systemClock;
  const { document } = createDynamoClients();
  const table = transparencyManifest.tables.transparency;
  const ports = {
    reports: createReportStore({ db: document, tableName: readTableName(table, env) }),
    compile: overrides.compile ?? reportCompilerFromEnvironment(document, env, clock),
    outbox: overrides.outbox ?? outboxFromEnvironment({ db: document, table, env }),
    clock,
  };
  return createTransparencyReportDraftsApiHandler({ ports, logger: createLogger('transparency-report-drafts') });
};
