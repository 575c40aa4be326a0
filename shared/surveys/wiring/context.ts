import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { surveyPolicy, type SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { SURVEYS } from '#shared/surveys/index.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { createCampaignStore } from '#shared/surveys/store/campaign-store.ts';
import { createDefinitionStore } from '#shared/surveys/store/definition-store.ts';
import { createInvitationStore } from '#shared/surveys/store/invitation-store.ts';
import { definitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';

/**
 * What tests inject: a clock, a logger, a policy, or an environment pointing at tables of their
 * own. The surveys context is wired per function (surveys-api.ts, survey-campaign.ts,
 * survey-events.ts): only the API function, which holds both keys, loads the Encryption SDK and
 * the API's schemas.
 */
export interface SurveyWiringOverrides {
  clock?: Clock;
  logger?: Logger;
  policy?: SurveyPolicy;
  /** The environment to read instead of the process's (tests point it at tables of their own). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Clients, stores, policy and the outbox of domain events shared by every survey function (each
 * makes invitations or reminders); `functionName` names the default logger.
 */
export const surveysFromEnvironment = (functionName: string, overrides: SurveyWiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const logger = overrides.logger ?? createLogger(functionName);
  const { document } = createDynamoClients();
  const table = createTable(document, readTableName(surveysManifest.tables.surveys, env));
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), SURVEYS);
  const definitionStore = createDefinitionStore(table);
  return {
    env,
    document,
    table,
    figures,
    logger,
    clock: overrides.clock ?? systemClock,
    policy: overrides.policy ?? surveyPolicy,
    definitionStore,
    definitions: definitionsInForce(definitionStore),
    campaigns: createCampaignStore(document, table),
    invitations: createInvitationStore(table, figures),
    outbox: outboxFromEnvironment({ db: document, table: surveysManifest.tables.surveys, env }),
  };
};
