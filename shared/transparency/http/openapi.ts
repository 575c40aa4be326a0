import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, jsonBodyErrors, problem } from '#shared/http/problem-schema.ts';
import {
  AcknowledgementRequestSchema,
  DiffQuerySchema,
  DraftContentSchema,
  DraftIdPathSchema,
  DraftRevisionSchema,
  LanguageQuerySchema,
  PublishRequestSchema,
  VersionPathSchema,
} from '#shared/transparency/http/schemas.ts';
import {
  AcknowledgementSchema,
  DraftDetailSchema,
  DraftListSchema,
  PolicyInForceSchema,
  PublishedSchema,
  VersionDiffSchema,
  VersionListSchema,
  VersionSchema,
} from '#shared/transparency/http/response-schemas.ts';
import { transparencyReportPaths } from '#shared/transparency/http/report-openapi.ts';
import { commitmentPaths } from '#shared/transparency/http/commitments-openapi.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });
const body = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });

const publicErrors = { '400': authenticatedErrors['400'], '500': authenticatedErrors['500'] };
const commsOnly = { ...authenticatedErrors, '403': problem('For comms staff only (people of other roles and integration clients are refused)'), ...jsonBodyErrors };
const languageHeaders = {
  'content-language': { description: 'The language of the text: en or zh-CN', schema: { type: 'string' as const } },
};
const location = (what: string) => ({ location: { description: what, schema: { type: 'string' as const } } });

/** The transparency context's paths of the OpenAPI document: the quarterly report's and the privacy policy's. */
export const transparencyPaths: ZodOpenApiPathsObject = {
  ...transparencyReportPaths,
  ...commitmentPaths,
  '/v1/privacy-policy': {
    get: {
      operationId: 'getPrivacyPolicy',
      summary: 'The privacy policy in force (the newest published version whose effective date has come), and the next one if announced',
      description: 'No login. The language is `lang`, else the best of Accept-Language, else English.',
      security: [],
      requestParams: { query: LanguageQuerySchema },
      responses: {
        '200': { description: 'The version in force', headers: languageHeaders, ...json(PolicyInForceSchema) },
        ...publicErrors,
        '404': problem('No version is in force yet'),
      },
    },
  },
  '/v1/privacy-policy/versions': {
    get: {
      operationId: 'listPrivacyPolicyVersions',
      summary: 'Every published version of the privacy policy, newest first, with its status, dates, hash and summary of changes',
      security: [],
      responses: { '200': { description: 'The published versions', ...json(VersionListSchema) }, '500': authenticatedErrors['500'] },
    },
  },
  '/v1/privacy-policy/versions/{number}': {
    get: {
      operationId: 'getPrivacyPolicyVersion',
      summary: 'One published version: its Markdown and its sanitised HTML, in a language',
      security: [],
      requestParams: { path: VersionPathSchema, query: LanguageQuerySchema },
      responses: {
        '200': { description: 'The version', headers: languageHeaders, ...json(VersionSchema) },
        ...publicErrors,
        '404': problem('No published version of that number'),
      },
    },
  },
  '/v1/privacy-policy/versions/{number}/diff': {
    get: {
      operationId: 'diffPrivacyPolicyVersions',
      summary: 'What changed from an earlier version (`from`) to this one: a line diff as hunks, and each summary of changes in between',
      security: [],
      requestParams: { path: VersionPathSchema, query: DiffQuerySchema },
      responses: {
        '200': { description: 'The diff', headers: languageHeaders, ...json(VersionDiffSchema) },
        ...publicErrors,
        '404': problem('One of the two versions is not published'),
      },
    },
  },
  '/v1/privacy-policy/acknowledgements': {
    post: {
      operationId: 'acknowledgePrivacyPolicy',
      summary: 'A signed-in person acknowledges the version in force; recorded once per person and version, a repeat answers the first record',
      requestBody: body(AcknowledgementRequestSchema),
      responses: {
        '200': { description: 'Recorded (now or before)', ...json(AcknowledgementSchema) },
        ...authenticatedErrors,
        '403': problem('For people; integration clients are refused'),
        '409': problem('That version is not the one in force (not-in-force)'),
        ...jsonBodyErrors,
      },
    },
  },
  '/v1/privacy-policy/drafts': {
    post: {
      operationId: 'createPrivacyPolicyDraft',
      summary: 'Comms: start a new version as a draft (Markdown in en and zh-CN, effective date, summary of changes)',
      requestBody: body(DraftContentSchema),
      responses: { '201': { description: 'The draft, with its rendered preview', headers: location('The draft’s URL'), ...json(DraftDetailSchema) }, ...commsOnly },
    },
    get: {
      operationId: 'listPrivacyPolicyDrafts',
      summary: 'Comms: the newest drafts, newest first (published ones say which version they became)',
      responses: { '200': { description: 'The drafts', ...json(DraftListSchema) }, ...commsOnly },
    },
  },
  '/v1/privacy-policy/drafts/{id}': {
    get: {
      operationId: 'getPrivacyPolicyDraft',
      summary: 'Comms: one draft with its texts rendered and sanitised as they would be published',
      requestParams: { path: DraftIdPathSchema },
      responses: { '200': { description: 'The draft', ...json(DraftDetailSchema) }, ...commsOnly, '404': problem('No such draft') },
    },
    put: {
      operationId: 'revisePrivacyPolicyDraft',
      summary: 'Comms: replace a draft’s content, naming the revision read',
      requestParams: { path: DraftIdPathSchema },
      requestBody: body(DraftRevisionSchema),
      responses: {
        '200': { description: 'The draft as saved', ...json(DraftDetailSchema) },
        ...commsOnly,
        '404': problem('No such draft'),
        '409': problem('Saved by someone else since that revision (revision-conflict), or published already: a published version never changes (already-published)'),
      },
    },
  },
  '/v1/privacy-policy/drafts/{id}/publish': {
    post: {
      operationId: 'publishPrivacyPolicyDraft',
      summary: 'Comms: publish a draft as the next version (immutable, hashed, superseding the previous one) and announce it',
      description:
        'The effective date must be at least the minimum notice (30 days unless configured) after the publication, and after the ' +
        'effective date of the version it supersedes; the first version may take effect the day it is published. ' +
        'Publishing a draft published before changes nothing and answers 200 with its version.',
      requestParams: { path: DraftIdPathSchema },
      requestBody: body(PublishRequestSchema),
      responses: {
        '201': { description: 'Published as a new version', headers: location('The version’s URL'), ...json(PublishedSchema) },
        '200': { description: 'Published before: nothing changed', headers: location('The version’s URL'), ...json(PublishedSchema) },
        ...commsOnly,
        '404': problem('No such draft'),
        '409': problem('The draft is at another revision (revision-conflict), or takes effect no later than the latest version (effective-date-order)'),
        '422': problem('The effective date leaves less than the minimum notice (insufficient-notice)'),
      },
    },
  },
};
