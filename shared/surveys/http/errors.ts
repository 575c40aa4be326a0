import { NotFoundError, VersionConflictError } from '#shared/errors.ts';
import { problems } from '#shared/http/problem.ts';
import { InvalidAnswersError } from '#shared/surveys/domain/answers.ts';
import { InvalidDefinitionError } from '#shared/surveys/domain/definitions.ts';
import { SurveyConflictError } from '#shared/surveys/domain/responses.ts';
import { SurveyForbiddenError } from '#shared/surveys/use-cases/require-role.ts';

/** The surveys' errors as problems (a 404 says what was not found); the API handler answers the other shared ones. */
export const mapSurveyError = (error: unknown) => {
  if (error instanceof NotFoundError) return problems.notFound(error.message);
  if (error instanceof SurveyForbiddenError) return problems.forbidden(error.message);
  if (error instanceof SurveyConflictError) return problems.conflict(error.reason, error.message);
  if (error instanceof InvalidAnswersError || error instanceof InvalidDefinitionError) {
    return problems.validation(error.errors.map((e) => ({ in: 'body' as const, ...e })));
  }
  if (error instanceof VersionConflictError) {
    return problems.conflict('concurrent-update', 'The survey is being changed by others right now; retry.');
  }
  return undefined;
};
