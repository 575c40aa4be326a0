import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { createSurveyPersonalDataStore } from '#shared/surveys/store/personal-data-store.ts';
import { createSurveysPersonalDataHolder } from '#shared/surveys/use-cases/personal-data-holder.ts';
import { surveysFromEnvironment, type SurveyWiringOverrides } from '#shared/surveys/wiring/context.ts';

/**
 * The surveys' personal-data holder wired from the environment, for the privacy functions: the
 * surveys table (read-write) and the data key (it opens free-text answers for a person's export).
 */
export const surveysPersonalDataHolderFromEnvironment = (overrides: Pick<SurveyWiringOverrides, 'env' | 'logger'> = {}): PersonalDataHolder => {
  const surveys = surveysFromEnvironment('surveys-personal-data', overrides);
  return createSurveysPersonalDataHolder({ store: createSurveyPersonalDataStore(surveys.table), cipher: cipherFromEnvironment(surveys.env) });
};
