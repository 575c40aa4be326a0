import { accessLogFromEnvironment } from '#shared/access-log/index.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createSurveysApiHandler } from '#shared/surveys/http/api-handler.ts';
import { createCommentStore } from '#shared/surveys/store/comment-store.ts';
import { campaignComments } from '#shared/surveys/use-cases/campaign-comments.ts';
import { createDefinition } from '#shared/surveys/use-cases/create-definition.ts';
import { currentSurveys } from '#shared/surveys/use-cases/current-surveys.ts';
import { getDefinition } from '#shared/surveys/use-cases/get-definition.ts';
import { respondToSurvey } from '#shared/surveys/use-cases/respond.ts';
import { surveyResults } from '#shared/surveys/use-cases/survey-results.ts';
import { surveysFromEnvironment, type SurveyWiringOverrides } from '#shared/surveys/wiring/context.ts';

/**
 * The surveys API function wired from its environment, with both keys: free-text answers are
 * encrypted with the data key, and the monthly sample is drawn with the pseudonym key. The only
 * survey function that loads the Encryption SDK and the API's schemas.
 */
export const surveysApiHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const surveys = surveysFromEnvironment('surveys', overrides);
  const cipher = cipherFromEnvironment(surveys.env);
  const deps = {
    ...surveys,
    cipher,
    accessLog: accessLogFromEnvironment({ db: surveys.document, cipher, clock: surveys.clock, env: surveys.env }),
    pseudonyms: pseudonymsFromEnvironment(surveys.env),
    comments: createCommentStore(surveys.table, cursorSealFromEnvironment(surveys.env)),
  };
  const useCases = {
    currentSurveys: currentSurveys(deps),
    respond: respondToSurvey(deps),
    createDefinition: createDefinition({ ...deps, store: surveys.definitionStore }),
    getDefinition: getDefinition(deps),
    results: surveyResults(deps),
    comments: campaignComments(deps),
  };
  return createSurveysApiHandler({ useCases, clock: surveys.clock, logger: surveys.logger });
};
