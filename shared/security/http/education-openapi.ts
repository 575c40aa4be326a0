import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, jsonBodyErrors, problem } from '#shared/http/problem-schema.ts';
import { CampaignDraftSchema, CampaignIdPathSchema, CampaignsQuerySchema } from '#shared/security/http/education-schemas.ts';
import {
  CampaignPageSchema,
  CampaignSchema,
  CampaignWithReachSchema,
  CurrentCampaignSchema,
  ReadReceiptSchema,
} from '#shared/security/http/education-response-schemas.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });
const staffOnly = { ...authenticatedErrors, '403': problem('Only security staff may write and read campaigns') };
const personOnly = { ...authenticatedErrors, '403': problem('Integration clients are not taught: people and staff only') };
const overlap = problem('Another campaign for an overlapping audience runs at an overlapping time (education-campaign-overlap)');

/** Security education's paths of the OpenAPI document. */
export const educationPaths: ZodOpenApiPathsObject = {
  '/v1/security-education/campaigns': {
    post: {
      operationId: 'createEducationCampaign',
      summary: 'Security staff: schedule a security education campaign (texts in en and zh-CN, audience, period)',
      requestBody: { content: { 'application/json': { schema: CampaignDraftSchema } } },
      responses: {
        ...jsonBodyErrors,
        '201': {
          description: 'The campaign, scheduled; read it at Location',
          headers: { location: { description: 'The campaign’s URL', schema: { type: 'string' } } },
          ...json(CampaignSchema),
        },
        ...staffOnly,
        '409': overlap,
      },
    },
    get: {
      operationId: 'listEducationCampaigns',
      summary: 'Security staff: campaigns, latest ending first',
      requestParams: { query: CampaignsQuerySchema },
      responses: { '200': { description: 'A page of campaigns', ...json(CampaignPageSchema) }, ...staffOnly },
    },
  },
  '/v1/security-education/campaigns/{id}': {
    get: {
      operationId: 'getEducationCampaign',
      summary: 'Security staff: one campaign with its reach (audience size, delivered, read, share read within 14 days)',
      requestParams: { path: CampaignIdPathSchema },
      responses: { '200': { description: 'The campaign and its reach', ...json(CampaignWithReachSchema) }, ...staffOnly, '404': problem('No such campaign') },
    },
    put: {
      operationId: 'updateEducationCampaign',
      summary: 'Security staff: rewrite a campaign before it starts',
      requestParams: { path: CampaignIdPathSchema },
      requestBody: { content: { 'application/json': { schema: CampaignDraftSchema } } },
      responses: {
        ...jsonBodyErrors,
        '200': { description: 'The campaign as changed', ...json(CampaignSchema) },
        ...staffOnly,
        '404': problem('No such campaign'),
        '409': problem('The campaign has started (education-campaign-started), or the new period overlaps another campaign (education-campaign-overlap)'),
      },
    },
  },
  '/v1/security-education/current': {
    get: {
      operationId: 'getCurrentEducationCampaign',
      summary: 'The security education campaign running now for you (staff or people), in your language (Accept-Language: en or zh-CN, else en)',
      description: 'The first time you are shown a campaign counts you as delivered. `campaign` is null when none runs.',
      requestParams: {
        header: z.object({
          'accept-language': meta(z.optional(z.string()), { description: 'en or zh-CN (any English or Simplified Chinese tag); en otherwise' }),
        }),
      },
      responses: { '200': { description: 'The current campaign, or null', ...json(CurrentCampaignSchema) }, ...personOnly },
    },
  },
  '/v1/security-education/{id}/read': {
    post: {
      operationId: 'markEducationCampaignRead',
      summary: 'Mark a campaign for you read (again changes nothing and answers the same)',
      requestParams: { path: CampaignIdPathSchema },
      responses: {
        '200': { description: 'When you were shown it and first read it', ...json(ReadReceiptSchema) },
        ...personOnly,
        '404': problem('No such campaign for you (or it has not started)'),
      },
    },
  },
};
