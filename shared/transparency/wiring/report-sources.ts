import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ACCESS_LOG } from '#shared/access-log/index.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { CUSTOMER_SERVICE } from '#shared/customer-service/index.ts';
import { activePeopleReader } from '#shared/figures/active-people.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { dataSubjectRequestCountsFromEnvironment } from '#shared/privacy/index.ts';
import { MODERATION } from '#shared/moderation/index.ts';
import { securityFiguresFromEnvironment } from '#shared/security/index.ts';
import { monthlySurveyResultsFromEnvironment } from '#shared/surveys/index.ts';
import { privacyPolicyQueryFromEnvironment } from '#shared/transparency/index.ts';
import type { ReportSources } from '#shared/transparency/use-cases/report-sources.ts';

/** The partition of each context's counters in the figures table. */
const partitions = { 'customer-service': CUSTOMER_SERVICE, moderation: MODERATION, 'access-log': ACCESS_LOG } as const;

/**
 * The report's sources on the tables the environment names, all read only: the figures table
 * (counters, active people), the surveys table (campaigns), the security programme's three tables
 * the transparency table (the policy's versions) and the privacy table (people's requests). `clock` dates the security figures' "overdue".
 */
export const reportSourcesFromEnvironment = (db: DynamoDBDocumentClient, env: NodeJS.ProcessEnv, clock: Clock = systemClock): ReportSources => {
  const figuresTable = readTableName(platformTables.figures, env);
  const policy = privacyPolicyQueryFromEnvironment(db, env);
  const dataSubjectRequests = dataSubjectRequestCountsFromEnvironment(db, env);
  return {
    async quarterCounters(context, quarter) {
      const periods = await createFiguresStore(db, figuresTable, partitions[context]).range('quarter', quarter, quarter);
      return periods[0]?.counters ?? {};
    },
    activePeopleBetween: activePeopleReader(db, figuresTable).activePeopleBetween,
    monthlySurveyResults: monthlySurveyResultsFromEnvironment(db, env),
    securityFigures: securityFiguresFromEnvironment(db, env, clock),
    privacyPolicyAt: (at) => policy.versionsAt(at),
    acknowledgementsByVersion: () => policy.acknowledgementsByVersion(),
    dataSubjectRequests: (quarter) => dataSubjectRequests(quarter, clock.now()),
  };
};
