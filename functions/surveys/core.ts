import type { Logger } from '@aws-lambda-powertools/logger';
import { SURVEYS } from '#functions/surveys/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createCampaigns } from '#shared/surveys/campaigns.ts';
import { surveyPolicy, type SurveyPolicy } from '#shared/surveys/policy.ts';
import { createSurveyRepository } from '#shared/surveys/repository.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/**
 * The surveys context wired from its environment; used by the surveys function, the campaign
 * job and the resolution consumer. Tests inject a clock, a logger, a policy or their own tables.
 */
export interface SurveyWiringOverrides {
  clock?: Clock;
  logger?: Logger;
  policy?: SurveyPolicy;
  /** The environment to read instead of the process's (tests point it at tables of their own). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Repository and campaigns: what every survey function needs, none of it touching personal data
 * (this module does not import the Encryption SDK, so the job and the consumer do not load it).
 */
export const surveyCoreFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger(SURVEYS);
  const policy = overrides.policy ?? surveyPolicy;
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), SURVEYS);
  const repository = createSurveyRepository({ db: document, tableName: readTableName(surveysManifest.tables.surveys, env), figures });
  const campaigns = createCampaigns({ repository, figures, policy, logger });
  return { document, env, logger, policy, figures, repository, campaigns };
};

