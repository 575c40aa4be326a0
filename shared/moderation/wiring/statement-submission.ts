import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { createStatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import { createTransparencyDatabaseClient } from '#shared/moderation/transparency-database/client.ts';
import { transparencyDatabaseFromEnvironment } from '#shared/moderation/transparency-database/config.ts';
import { submitStatements } from '#shared/moderation/use-cases/submit-statements.ts';
import { countMetric } from '#shared/observability/metrics.ts';
import { createLogger } from '#shared/observability/logger.ts';

const pause = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * The scheduled submission of statements of reasons to the Transparency Database (EventBridge
 * Scheduler every 15 minutes; locally the local scheduler and `npm run job -- statement-submission`).
 * It loads neither the rest of the moderation store nor the Encryption SDK: statements hold no
 * personal data. The database's address and token come from the environment (transparencyDatabaseEnv).
 */
export const statementSubmissionHandlerFromEnvironment = (
  overrides: { logger?: Logger; env?: NodeJS.ProcessEnv; clock?: Clock; sleep?: (milliseconds: number) => Promise<void> } = {},
) => {
  const env = overrides.env ?? process.env;
  const logger = overrides.logger ?? createLogger('statement-submission');
  const { document } = createDynamoClients();
  const table = createTable(document, readTableName(moderationManifest.tables.moderation, env));
  const config = transparencyDatabaseFromEnvironment(env);
  const ports = {
    submissions: createStatementSubmissionStore(document, table),
    api: config && createTransparencyDatabaseClient(config),
    clock: overrides.clock ?? systemClock,
    sleep: overrides.sleep ?? pause,
    count: countMetric,
    logger,
  };
  return createJobHandler({ logger, job: 'statement-submission', run: () => submitStatements(ports) });
};
