import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readTableName } from '#shared/config.ts';
import { eventPublisherFromEnvironment, type EventPublisher } from '#shared/events/publisher.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { activePeopleReader } from '#shared/figures/active-people.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { directoryFromEnvironment } from '#shared/notifications/index.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { countMetric } from '#shared/observability/metrics.ts';
import { EDUCATION_OVERDUE_METRIC } from '#shared/security/domain/education.ts';
import { EDUCATION_JOB, securityManifest } from '#shared/security/manifest.ts';
import { createEducationStore } from '#shared/security/store/education-store.ts';
import { runEducationJob, type EducationJobPorts } from '#shared/security/use-cases/announce-campaigns.ts';
import { measureAudience, type AudienceSources } from '#shared/security/use-cases/audience-size.ts';

/** What tests substitute: the environment, the bus, and where audience sizes come from. */
export interface EducationJobOverrides {
  env?: NodeJS.ProcessEnv;
  events?: EventPublisher;
  audienceSources?: AudienceSources;
}

/**
 * The job's ports from the environment: its table, the bus, and where audience sizes come from:
 * the directory (staff groups) and the monthly active people the platform reports (figures table).
 */
const educationJobPortsFromEnvironment = (overrides: EducationJobOverrides = {}): EducationJobPorts => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  // The directory is built on first use: only a staff or everyone campaign's start needs it.
  let directory: ReturnType<typeof directoryFromEnvironment> | undefined;
  const activePeople = activePeopleReader(document, readTableName(platformTables.figures, env));
  const sources = overrides.audienceSources ?? {
    membersOf: (group: string) => {
      directory ??= directoryFromEnvironment(env);
      return directory.membersOf(group);
    },
    monthlyActivePeople: async (month: string) => (await activePeople.activePeopleOf(month))?.activePeople,
  };
  return {
    education: createEducationStore({ db: document, tableName: readTableName(securityManifest.tables.securityEducation, env) }),
    events: overrides.events ?? eventPublisherFromEnvironment(securityManifest.name, env),
    audienceSize: (audience, at) => measureAudience(sources, audience, at),
  };
};

/**
 * The security education job, hourly by EventBridge Scheduler (locally `npm run job --
 * security-education [--now <ISO time>]`): announces the campaigns that have started, and writes
 * `SecurityEducationOverdue` (1 while the quarter has had no campaign after its first 30 days),
 * which an alarm watches.
 */
export const educationJobHandlerFromEnvironment = (overrides: EducationJobOverrides = {}) => {
  const ports = educationJobPortsFromEnvironment(overrides);
  return createJobHandler({
    logger: createLogger('security-education-job'),
    job: EDUCATION_JOB,
    run: async (now) => {
      const report = await runEducationJob(ports, now);
      countMetric(EDUCATION_OVERDUE_METRIC, report.overdue);
      return report;
    },
  });
};
