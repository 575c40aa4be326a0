import { observedHandler } from '#shared/observability/metrics.ts';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { complaintOwnerQueryFromEnvironment } from '#shared/customer-service/index.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { surveyPolicy, type SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { SURVEYS } from '#shared/surveys/index.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { createCampaignStore } from '#shared/surveys/store/campaign-store.ts';
import { createDefinitionStore } from '#shared/surveys/store/definition-store.ts';
import { createInvitationStore } from '#shared/surveys/store/invitation-store.ts';
import { definitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';
import { inviteAfterResolution, type ResolutionOutcome } from '#shared/surveys/use-cases/invite-after-resolution.ts';
import { runCampaignJob } from '#shared/surveys/use-cases/run-campaign-job.ts';

/**
 * The surveys context built from its environment: the one place that reads table names and
 * creates clients. It holds no key, so the campaign job and the complaint.resolved consumer built
 * here load neither the Encryption SDK nor the API's schemas; the API function, which holds both
 * keys, is built in api-wiring.ts on top of it. Tests inject a clock, a logger, a policy or an
 * environment pointing at tables of their own.
 */
export interface SurveyWiringOverrides {
  clock?: Clock;
  logger?: Logger;
  policy?: SurveyPolicy;
  /** The environment to read instead of the process's (tests point it at tables of their own). */
  env?: NodeJS.ProcessEnv;
}

/** Clients, stores and policy shared by every survey function; `functionName` names the default logger. */
export const surveysFromEnvironment = (functionName: string, overrides: SurveyWiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const table = createTable(document, readTableName(surveysManifest.tables.surveys, env));
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), SURVEYS);
  const definitionStore = createDefinitionStore(table);
  return {
    env,
    document,
    table,
    figures,
    logger: overrides.logger ?? createLogger(functionName),
    clock: overrides.clock ?? systemClock,
    policy: overrides.policy ?? surveyPolicy,
    definitionStore,
    definitions: definitionsInForce(definitionStore),
    campaigns: createCampaignStore(document, table),
    invitations: createInvitationStore(table, figures),
  };
};

/**
 * The survey-campaign job (EventBridge Scheduler, hourly; locally the local scheduler and
 * `npm run job -- survey-campaign [--now <ISO time>]`). The event's `time` is the job's "now".
 */
export const surveyCampaignHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const surveys = surveysFromEnvironment('survey-campaign', overrides);
  return createJobHandler({
    logger: surveys.logger,
    job: 'survey-campaign',
    run: (now) => runCampaignJob(surveys, now),
    summary: (report) => ({ opened: report.opened, closed: report.closed.length }),
  });
};

/**
 * Target of the `complaint.resolved` rule: EventBridge invokes it with the event (asynchronously:
 * a thrown error is retried, then the event goes to the rule's dead-letter queue); locally the
 * local EventBridge calls it the same way. The complaint's owner is asked of customer service
 * (one read of the owner id; no data key, so no personal data can be opened).
 */
export const surveyEventsHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const surveys = surveysFromEnvironment('survey-events', overrides);
  const deps = { ...surveys, complaints: complaintOwnerQueryFromEnvironment(surveys.document, surveys.env) };
  return observedHandler(async (event: unknown, context: Context): Promise<{ outcome: ResolutionOutcome }> => {
    surveys.logger.addContext(context);
    const outcome = await inviteAfterResolution(deps, event);
    surveys.logger.info('complaint.resolved handled', { outcome });
    return { outcome };
  });
};
