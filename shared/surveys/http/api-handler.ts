import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '#shared/clock.ts';
import { figuresRangeOf } from '#shared/figures/query.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readAccessReason, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { mapSurveyError } from '#shared/surveys/http/errors.ts';
import {
  CampaignPathSchema,
  CommentsQuerySchema,
  CreateDefinitionRequestSchema,
  DefinitionPathSchema,
  DefinitionQuerySchema,
  InvitationPathSchema,
  ResponseRequestSchema,
  ResultsQuerySchema,
} from '#shared/surveys/http/schemas.ts';
import type { campaignComments } from '#shared/surveys/use-cases/campaign-comments.ts';
import type { createDefinition } from '#shared/surveys/use-cases/create-definition.ts';
import type { currentSurveys } from '#shared/surveys/use-cases/current-surveys.ts';
import type { getDefinition } from '#shared/surveys/use-cases/get-definition.ts';
import type { respondToSurvey } from '#shared/surveys/use-cases/respond.ts';
import type { surveyResults } from '#shared/surveys/use-cases/survey-results.ts';

/** The use cases behind the survey routes, built by the wiring. */
interface SurveyUseCases {
  currentSurveys: ReturnType<typeof currentSurveys>;
  respond: ReturnType<typeof respondToSurvey>;
  createDefinition: ReturnType<typeof createDefinition>;
  getDefinition: ReturnType<typeof getDefinition>;
  results: ReturnType<typeof surveyResults>;
  comments: ReturnType<typeof campaignComments>;
}

/** The surveys function: every survey route (all for people), parsed and handed to its use case. */
export const createSurveysApiHandler = (deps: { useCases: SurveyUseCases; clock: Clock; logger: Logger }) => {
  const { useCases, clock, logger } = deps;

  return createApiHandler({
    logger,
    mapError: mapSurveyError,
    routes: surveysManifest.routes,
    refusals: { machine: 'Surveys are for people, not integration clients.' },
    handlers: {
      'GET /v1/surveys/current': async ({ caller }) => json(200, await useCases.currentSurveys(caller)),

      'PUT /v1/surveys/{id}/response': async ({ event, caller }) => {
        const { id } = readPath(event, InvitationPathSchema);
        const { answers } = readJsonBody(event, ResponseRequestSchema);
        const result = await useCases.respond(caller, id, answers);
        return json(result.outcome === 'created' ? 201 : 200, result);
      },

      'POST /v1/survey-definitions': async ({ event, caller }) => {
        const definition = await useCases.createDefinition(caller, readJsonBody(event, CreateDefinitionRequestSchema));
        return json(201, definition, { location: `/v1/survey-definitions/${definition.kind}?version=${definition.version}` });
      },

      'GET /v1/survey-definitions/{kind}': async ({ event, caller }) => {
        const { kind } = readPath(event, DefinitionPathSchema);
        const { version } = readQuery(event, DefinitionQuerySchema);
        return json(200, await useCases.getDefinition(caller, kind, version));
      },

      'GET /v1/survey-campaigns/{id}/comments': async ({ event, caller }) => {
        const { id } = readPath(event, CampaignPathSchema);
        const query = readQuery(event, CommentsQuerySchema);
        const reason = readAccessReason(event);
        return json(200, await useCases.comments(caller, id, query, reason));
      },

      'GET /v1/figures/surveys': async ({ event, caller }) => {
        const { kind, from, to } = readQuery(event, ResultsQuerySchema);
        const range = figuresRangeOf({ granularity: 'month', from, to }, clock.now());
        return json(200, await useCases.results(caller, { kind, from: range.from, to: range.to }));
      },
    },
  });
};
