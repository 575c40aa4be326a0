import { createSurveysHandler } from '#functions/surveys/app.ts';
import { surveyCoreFromEnvironment, type SurveyWiringOverrides } from '#functions/surveys/core.ts';
import { systemClock } from '#shared/clock.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createSurveyService } from '#shared/surveys/service.ts';

/** The surveys API function, with both keys: free-text answers are encrypted, samples keyed. */
export const surveysHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const core = surveyCoreFromEnvironment(overrides);
  const clock = overrides.clock ?? systemClock;
  const service = createSurveyService({
    repository: core.repository,
    campaigns: core.campaigns,
    figures: core.figures,
    cipher: cipherFromEnvironment(core.env),
    pseudonyms: pseudonymsFromEnvironment(core.env),
    clock,
    policy: core.policy,
  });
  return createSurveysHandler({ service, clock, logger: core.logger });
};
