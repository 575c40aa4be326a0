import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { MODERATION, promiseFiguresOf } from '#shared/moderation/index.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createCommitmentStore } from '#shared/transparency/store/commitment-store.ts';
import type { CommitmentPorts } from '#shared/transparency/use-cases/commitment-ports.ts';
import { publishedReportsQueryFromEnvironment } from '#shared/transparency/use-cases/published-reports-query.ts';
import type { CompileFigures } from '#shared/transparency/use-cases/report-ports.ts';
import { reportCompilerFromEnvironment } from '#shared/transparency/wiring/report-compiler.ts';

/** What tests inject: the environment, a clock, and a stand-in for the report's compilation. */
export interface CommitmentOverrides {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  compile?: CompileFigures;
}

/**
 * The scorecard's ports from the environment: its state on the transparency table, the report's
 * compilation of the quarter to date, trust and safety's counters (moderation's partition of the
 * figures table, read through its index) and the published reports.
 */
export const commitmentPortsFromEnvironment = (overrides: CommitmentOverrides = {}): CommitmentPorts => {
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? systemClock;
  const { document } = createDynamoClients();
  const moderationFigures = createFiguresStore(document, readTableName(platformTables.figures, env), MODERATION);
  const reports = publishedReportsQueryFromEnvironment(document, env);
  return {
    store: createCommitmentStore({ db: document, tableName: readTableName(transparencyManifest.tables.transparency, env) }),
    compile: overrides.compile ?? reportCompilerFromEnvironment(document, env, clock),
    trustAndSafety: async (quarter) => promiseFiguresOf((await moderationFigures.range('quarter', quarter, quarter))[0]?.counters ?? {}),
    // A report to date, published while its quarter ran, does not keep the promise: the first version compiled after its end does.
    reportPublishedAt: (quarter) => reports.finalPublishedAt(quarter),
    clock,
  };
};
