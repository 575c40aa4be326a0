import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, problem } from '#shared/http/problem-schema.ts';
import { accessReasonHeader, invalidOrUnexplainedRead } from '#shared/http/access-reason-openapi.ts';
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
import {
  CommentPageSchema,
  CurrentSurveysSchema,
  ResponseResultSchema,
  SurveyDefinitionSchema,
  SurveyResultsSchema,
} from '#shared/surveys/http/response-schemas.ts';


const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });

/** The survey paths of the OpenAPI document. */
export const surveyPaths: ZodOpenApiPathsObject = {
  '/v1/surveys/current': {
    get: {
      operationId: 'getCurrentSurveys',
      summary: "The caller's surveys: whether one is open to answer now",
      description:
        'The first call in a month decides, by a keyed hash of the user and the campaign, whether the caller is in ' +
        "the month's random sample; asking again does not change it. Post-resolution surveys appear after a complaint is resolved.",
      responses: {
        '200': { description: 'Surveys the caller was invited to that have not expired', ...json(CurrentSurveysSchema) },
        ...authenticatedErrors,
        '403': problem('Integration clients have no surveys'),
      },
    },
  },
  '/v1/surveys/{id}/response': {
    put: {
      operationId: 'respondToSurvey',
      summary: 'Answer a survey (once; the same answer again is harmless)',
      description:
        'One response per survey. Repeating the same answers returns 200 unchanged; different answers are an edit, ' +
        'accepted for 24 hours after the first answer while the survey is open, refused with 409 response-final after. ' +
        'Free-text answers are encrypted before they are stored.',
      requestParams: { path: InvitationPathSchema },
      requestBody: { required: true, ...json(ResponseRequestSchema) },
      responses: {
        '201': { description: 'First answer stored', ...json(ResponseResultSchema) },
        '200': { description: 'Same answer again (unchanged), or an edit within the window (revised)', ...json(ResponseResultSchema) },
        ...authenticatedErrors,
        '403': problem('Integration clients cannot answer surveys'),
        '404': problem('No such survey for the caller (not invited)'),
        '409': problem('survey-closed (the survey has closed) or response-final (the edit window has passed)'),
        '415': problem('Body not sent as application/json'),
      },
    },
  },
  '/v1/survey-definitions': {
    post: {
      operationId: 'createSurveyDefinition',
      summary: 'Admin, comms: create the next version of a survey',
      description: 'Exactly one csat question (required), at most one nps and one ces. Campaigns opened from now on ask it.',
      requestBody: { required: true, ...json(CreateDefinitionRequestSchema) },
      responses: {
        '201': { description: 'The new version', ...json(SurveyDefinitionSchema) },
        ...authenticatedErrors,
        '403': problem('Only admins and comms'),
        '415': problem('Body not sent as application/json'),
      },
    },
  },
  '/v1/survey-definitions/{kind}': {
    get: {
      operationId: 'getSurveyDefinition',
      summary: 'Staff: the current (or a given) version of a survey',
      requestParams: { path: DefinitionPathSchema, query: DefinitionQuerySchema },
      responses: {
        '200': { description: 'The definition', ...json(SurveyDefinitionSchema) },
        ...authenticatedErrors,
        '403': problem('Only agents, admins and comms'),
        '404': problem('No such version'),
      },
    },
  },
  '/v1/figures/surveys': {
    get: {
      operationId: 'getSurveyResults',
      summary: 'Staff: survey results per month (per campaign), with the target verdict and the trend',
      description:
        'Kept as responses arrive: CSAT with n and its 95% Wilson interval, response rate, NPS, CES, choices, ' +
        'CSAT by channel and category (post-resolution), and the verdict under the rule pinned when the campaign opened.',
      requestParams: { query: ResultsQuerySchema },
      responses: {
        '200': { description: 'The results of the range', ...json(SurveyResultsSchema) },
        ...authenticatedErrors,
        '403': problem('Only agents, admins and comms'),
      },
    },
  },
  '/v1/survey-campaigns/{id}/comments': {
    get: {
      operationId: 'getSurveyComments',
      summary: "Staff: a campaign's free-text answers, to act on the feedback",
      description:
        'Decrypted for agents, admins and comms, without who wrote them; each read needs `X-Access-Reason` and is recorded in the access log.',
      requestParams: { path: CampaignPathSchema, query: CommentsQuerySchema, header: accessReasonHeader("the campaign's comments") },
      responses: {
        '200': { description: 'A page of comments', ...json(CommentPageSchema) },
        ...authenticatedErrors,
        ...invalidOrUnexplainedRead,
        '403': problem('Only agents, admins and comms'),
        '404': problem('No such campaign'),
      },
    },
  },
};
