import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { countMetric } from '#shared/observability/metrics.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { PRIVACY_REQUESTS_JOB, PRIVACY_RETENTION_JOB, privacyManifest, REQUESTS_NEAR_DEADLINE_METRIC } from '#shared/privacy/manifest.ts';
import { createPrivacyStore } from '#shared/privacy/store/request-store.ts';
import { runRequests } from '#shared/privacy/use-cases/run-requests.ts';
import { runRetention } from '#shared/privacy/use-cases/run-retention.ts';
import { requestTimingsFromEnvironment } from '#shared/privacy/wiring/config.ts';
import { personalDataHoldersFromEnvironment, retentionHoldersFromEnvironment } from '#shared/privacy/wiring/holders.ts';

const storeFromEnvironment = (env: NodeJS.ProcessEnv) =>
  createPrivacyStore({ db: createDynamoClients().document, tableName: readTableName(privacyManifest.tables.privacy, env) });

/**
 * The requests job (EventBridge Scheduler every 5 minutes; locally `npm run job -- privacy-requests
 * [--now <ISO time>]`): runs at the event's time, so `--now` moves the cooling-off and the expiry.
 * Writes the number of requests near their deadline on every run (zero included) for the alarm.
 */
export const privacyRequestsHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; holders?: readonly PersonalDataHolder[] } = {}) => {
  const env = overrides.env ?? process.env;
  const logger = createLogger(PRIVACY_REQUESTS_JOB);
  let runAt = new Date();
  const ports = {
    store: storeFromEnvironment(env),
    clock: { now: () => runAt },
    timings: requestTimingsFromEnvironment(env),
    cipher: cipherFromEnvironment(env),
    holders: overrides.holders ?? personalDataHoldersFromEnvironment(env),
  };
  return createJobHandler({
    logger,
    job: PRIVACY_REQUESTS_JOB,
    run: async (now) => {
      runAt = now;
      // Ids and kinds only: a failure's message may quote what it choked on.
      const report = await runRequests(ports, (request, error) =>
        logger.error('privacy request failed; it stays due', { requestId: request.id, kind: request.kind, errorName: error instanceof Error ? error.name : 'unknown' }),
      );
      countMetric(REQUESTS_NEAR_DEADLINE_METRIC, report.nearDeadline);
      return report;
    },
  });
};

/** The retention job (daily; locally `npm run job -- privacy-retention [--now <ISO time>]`). */
export const privacyRetentionHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; holders?: readonly PersonalDataHolder[] } = {}) => {
  const env = overrides.env ?? process.env;
  const store = storeFromEnvironment(env);
  const holders = overrides.holders ?? retentionHoldersFromEnvironment(env);
  return createJobHandler({
    logger: createLogger(PRIVACY_RETENTION_JOB),
    job: PRIVACY_RETENTION_JOB,
    run: (now) => runRetention({ store, holders }, now),
    summary: (report) => ({ daysRun: report.days.length, lastDay: report.days.at(-1), itemsChanged: report.itemsChanged }),
  });
};
