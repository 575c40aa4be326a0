import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readSetting, readTableName } from '#shared/config.ts';
import type { NumberSetting } from '#shared/manifest/types.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { countMetric } from '#shared/observability/metrics.ts';
import { SECURITY_WATCH_JOB, securityManifest } from '#shared/security/manifest.ts';
import { createIncidentStore } from '#shared/security/store/incident-store.ts';
import { createSecurityStore } from '#shared/security/store/security-store.ts';
import { OVERDUE_FINDINGS_METRIC, watchFindings } from '#shared/security/use-cases/watch-findings.ts';
import { countNoticeDeadlines, DEFAULT_NOTICE_WARNING_HOURS, NOTICE_DUE_METRIC, NOTICE_OVERDUE_METRIC } from '#shared/security/use-cases/count-notice-deadlines.ts';

/** Optional: hours before the deadline from which an incident counts as due (default 24). */
export const NOTICE_WARNING_HOURS_ENV = 'INCIDENT_NOTICE_WARNING_HOURS';

const warningHoursSetting = {
  env: NOTICE_WARNING_HOURS_ENV,
  fallback: DEFAULT_NOTICE_WARNING_HOURS,
  min: 0,
  max: 72,
  unit: 'hours',
} as const satisfies NumberSetting;

/**
 * The security programme's hourly watch (EventBridge Scheduler; locally `npm run job --
 * security-watch [--now <ISO time>]`): the incidents whose 72-hour regulator notification is due
 * within the warning hours or overdue, and the findings past their fix-by, after lifting the
 * suppressions that have expired. It writes the counts as metrics on every run, zero included,
 * and holds no key.
 */
export const securityWatchHandlerFromEnvironment = (env: NodeJS.ProcessEnv = process.env) => {
  const logger = createLogger('security-watch');
  const warningHours = readSetting(warningHoursSetting, env);
  const { document } = createDynamoClients();
  const store = createIncidentStore({ db: document, tableName: readTableName(securityManifest.tables.securityIncidents, env) });
  const findings = createSecurityStore({ db: document, tableName: readTableName(securityManifest.tables.security, env) });
  return createJobHandler({
    logger,
    job: SECURITY_WATCH_JOB,
    run: async (now) => {
      const [counts, watched] = await Promise.all([countNoticeDeadlines({ store }, now, warningHours), watchFindings(findings, now)]);
      countMetric(NOTICE_DUE_METRIC, counts.due);
      countMetric(NOTICE_OVERDUE_METRIC, counts.overdue);
      countMetric(OVERDUE_FINDINGS_METRIC, watched.overdue);
      return { ...counts, findings: watched };
    },
  });
};
