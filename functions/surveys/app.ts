import { surveysManifest } from '#shared/surveys/manifest.ts';
import type { Logger } from '@aws-lambda-powertools/logger';
import { callerFromRequest } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { NotFoundError } from '#shared/errors.ts';
import { figuresRangeOf } from '#shared/figures/query.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { problems } from '#shared/http/problem.ts';
import { readAccessReason, readJsonBody, readQuery, validate } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { InvalidAnswersError, InvalidDefinitionError } from '#shared/surveys/definitions.ts';
import { SurveyConflictError, SurveyForbiddenError } from '#shared/surveys/domain.ts';
import { SurveyVersionConflictError } from '#shared/surveys/repository.ts';
import {
  CampaignPathSchema,
  CommentsQuerySchema,
  CreateDefinitionRequestSchema,
  DefinitionPathSchema,
  DefinitionQuerySchema,
  InvitationPathSchema,
  ResponseRequestSchema,
  ResultsQuerySchema,
} from '#shared/surveys/schemas.ts';
import type { SurveyService } from '#shared/surveys/service.ts';

const mapError = (error: unknown) => {
  if (error instanceof NotFoundError) return problems.notFound(error.message);
  if (error instanceof SurveyForbiddenError) return problems.forbidden(error.message);
  if (error instanceof SurveyConflictError) return problems.conflict(error.reason, error.message);
  if (error instanceof InvalidAnswersError || error instanceof InvalidDefinitionError) {
    return problems.validation(error.errors.map((e) => ({ in: 'body' as const, ...e })));
  }
  if (error instanceof SurveyVersionConflictError) {
    return problems.conflict('concurrent-update', 'The survey is being changed by others right now; retry.');
  }
  return undefined;
};

/** The surveys function: every survey route, wired to the survey service. */
export const createSurveysHandler = (deps: { service: SurveyService; clock: Clock; logger: Logger }) => {
  const { service, clock, logger } = deps;

  return createApiHandler({
    logger,
    mapError,
    routes: surveysManifest.routes,
    refusals: { machine: 'Surveys are for people, not integration clients.' },
    handlers: {
      'GET /v1/surveys/current': async ({ event }) => json(200, await service.currentSurveys(callerFromRequest(event.requestContext))),

      'PUT /v1/surveys/{id}/response': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { id } = validate(InvitationPathSchema, event.pathParameters ?? {}, 'path');
        const { answers } = readJsonBody(event, ResponseRequestSchema);
        const result = await service.respond(caller, id, answers);
        return json(result.outcome === 'created' ? 201 : 200, result);
      },

      'POST /v1/survey-definitions': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const definition = await service.createDefinition(caller, readJsonBody(event, CreateDefinitionRequestSchema));
        return json(201, definition, { location: `/v1/survey-definitions/${definition.kind}?version=${definition.version}` });
      },

      'GET /v1/survey-definitions/{kind}': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { kind } = validate(DefinitionPathSchema, event.pathParameters ?? {}, 'path');
        const { version } = readQuery(event, DefinitionQuerySchema);
        return json(200, await service.getDefinition(caller, kind, version));
      },

      'GET /v1/survey-campaigns/{id}/comments': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { id } = validate(CampaignPathSchema, event.pathParameters ?? {}, 'path');
        const query = readQuery(event, CommentsQuerySchema);
        const reason = readAccessReason(event);
        return json(200, await service.comments(caller, id, query, reason));
      },

      'GET /v1/figures/surveys': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { kind, from, to } = readQuery(event, ResultsQuerySchema);
        const range = figuresRangeOf({ granularity: 'month', from, to }, clock.now());
        return json(200, await service.results(caller, { kind, from: range.from, to: range.to }));
      },
    },
  });
};
