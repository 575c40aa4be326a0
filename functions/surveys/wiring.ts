import type { Logger } from '@aws-lambda-powertools/logger';
import { createSurveysHandler } from '#functions/surveys/app.ts';
import { SURVEYS } from '#functions/surveys/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readDataKeyConfig, readPseudonymKeyConfig, readStage, readTableName } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { pseudonymizerFor } from '#shared/crypto/pseudonym.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createCampaigns } from '#shared/surveys/campaigns.ts';
import { surveyPolicy, type SurveyPolicy } from '#shared/surveys/policy.ts';
import { createSurveyRepository } from '#shared/surveys/repository.ts';
import { createSurveyService } from '#shared/surveys/service.ts';

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

/** Repository and campaigns: what every survey function needs, none of it touching personal data. */
export const surveyCoreFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger(SURVEYS);
  const policy = overrides.policy ?? surveyPolicy;
  const figures = createFiguresStore(document, readTableName('figures', env), SURVEYS);
  const repository = createSurveyRepository({ db: document, tableName: readTableName('surveys', env), figures });
  const campaigns = createCampaigns({ repository, figures, policy, logger });
  return { document, env, logger, policy, figures, repository, campaigns };
};

export const surveysHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const core = surveyCoreFromEnvironment(overrides);
  const clock = overrides.clock ?? systemClock;
  const service = createSurveyService({
    repository: core.repository,
    campaigns: core.campaigns,
    figures: core.figures,
    cipher: createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig(core.env)), stage: readStage(core.env) }),
    pseudonyms: pseudonymizerFor(readPseudonymKeyConfig(core.env)),
    clock,
    policy: core.policy,
  });
  return createSurveysHandler({ service, clock, logger: core.logger });
};
