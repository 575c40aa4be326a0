import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { accessReasonHeader, invalidOrUnexplainedRead } from '#shared/http/access-reason-openapi.ts';
import { authenticatedErrors, jsonBodyErrors, problem, tooManyRequests } from '#shared/http/problem-schema.ts';
import { fullScope } from '#shared/manifest/platform.ts';
import { ArchiveSchema } from '#shared/privacy/http/archive-schema.ts';
import {
  ChannelErasureSchema,
  ChannelPathSchema,
  ChannelRequestPathSchema,
  ContactCorrectionSchema,
  FiguresQuerySchema,
  HoldIdPathSchema,
  LegalHoldInputSchema,
  PageQuerySchema,
  RequestIdPathSchema,
} from '#shared/privacy/http/schemas.ts';
import {
  CorrectionResultSchema,
  LegalHoldPageSchema,
  LegalHoldSchema,
  PrivacyFiguresSchema,
  PrivacyRequestListSchema,
  PrivacyRequestSchema,
  RetentionPolicySchema,
  StaffRequestPageSchema,
  StaffPrivacyRequestSchema,
} from '#shared/privacy/http/response-schemas.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });
const location = { headers: { location: { description: 'Where the request can be read', schema: { type: 'string' as const } } } };

const personOnly = { ...authenticatedErrors, '403': problem('For people (integration clients are refused)') };
const privacyStaffOnly = { ...authenticatedErrors, '403': problem('For privacy staff only (people of other roles and integration clients are refused)') };
const notFound = { '404': problem('No such request of yours') };

const requestRoutes = (kind: 'export' | 'erasure', noun: string) => ({
  post: {
    operationId: kind === 'export' ? 'requestDataExport' : 'requestErasure',
    summary:
      kind === 'export'
        ? 'Ask for a copy of everything the platform holds about you: a JSON archive, one section per context, ready within minutes and downloadable for 7 days'
        : 'Ask for the erasure of your personal data in every context, after a cooling-off period during which you may cancel; what a legal hold keeps is named with its reason',
    responses: {
      '202': { description: `The ${noun} was accepted`, ...json(PrivacyRequestSchema), ...location },
      '200': { description: `You already have an open ${noun}: it is answered instead of starting another`, ...json(PrivacyRequestSchema), ...location },
      ...personOnly,
      '429': tooManyRequests(),
    },
  },
  get: {
    operationId: kind === 'export' ? 'listMyDataExports' : 'listMyErasureRequests',
    summary: `Your ${noun}s, newest first`,
    responses: { '200': { description: `Your ${noun}s`, ...json(PrivacyRequestListSchema) }, ...personOnly },
  },
});

/** The privacy context's paths of the OpenAPI document. */
export const privacyPaths: ZodOpenApiPathsObject = {
  '/v1/me/data-exports': requestRoutes('export', 'data export'),
  '/v1/me/data-exports/{id}': {
    get: {
      operationId: 'getMyDataExport',
      summary: 'One of your data exports: its status, and until when its archive can be downloaded',
      requestParams: { path: RequestIdPathSchema },
      responses: { '200': { description: 'The export', ...json(PrivacyRequestSchema) }, ...personOnly, ...notFound },
    },
  },
  '/v1/me/data-exports/{id}/archive': {
    get: {
      operationId: 'downloadMyDataExport',
      summary: 'Download the archive of your data (yours only); each download is recorded on the request',
      requestParams: { path: RequestIdPathSchema },
      responses: {
        '200': { description: 'The archive: decrypted JSON, one section per context', ...json(ArchiveSchema) },
        ...personOnly,
        ...notFound,
        '409': problem('The archive is still being assembled (`archive-not-ready`)'),
        '410': problem('The archive expired and was deleted (`archive-expired`); ask for a new export'),
        '429': tooManyRequests(),
      },
    },
  },
  '/v1/me/erasure-requests': requestRoutes('erasure', 'erasure request'),
  '/v1/me/erasure-requests/{id}': {
    get: {
      operationId: 'getMyErasureRequest',
      summary: 'One of your erasure requests: its status, the end of its cooling-off, and what was kept and why',
      requestParams: { path: RequestIdPathSchema },
      responses: { '200': { description: 'The erasure request', ...json(PrivacyRequestSchema) }, ...personOnly, ...notFound },
    },
  },
  '/v1/me/erasure-requests/{id}/cancel': {
    post: {
      operationId: 'cancelMyErasureRequest',
      summary: 'Cancel your erasure request during its cooling-off',
      requestParams: { path: RequestIdPathSchema },
      responses: {
        '200': { description: 'The cancelled request', ...json(PrivacyRequestSchema) },
        ...personOnly,
        ...notFound,
        '409': problem('The cooling-off has ended: the request can no longer be cancelled (`not-cancellable`)'),
      },
    },
  },
  '/v1/me/contact-details': {
    put: {
      operationId: 'correctMyContactDetails',
      summary: 'Correct your contact details on your open complaints and notices',
      requestBody: json(ContactCorrectionSchema),
      responses: { '200': { description: 'How many items were corrected, per context', ...json(CorrectionResultSchema) }, ...personOnly, ...jsonBodyErrors, '429': tooManyRequests() },
    },
  },
  '/v1/channels/{channel}/erasure-requests': {
    post: {
      operationId: 'requestChannelErasure',
      summary: 'Integrations: ask for the erasure of a person the channel filed for, by their reference on the channel',
      security: [{ integration: [fullScope('complaints.intake.social'), fullScope('complaints.intake.email'), fullScope('complaints.intake.phone')] }],
      requestParams: { path: ChannelPathSchema },
      requestBody: json(ChannelErasureSchema),
      responses: {
        '202': { description: 'The erasure request was accepted', ...json(PrivacyRequestSchema), ...location },
        '200': { description: 'The person already has an open erasure request: it is answered instead', ...json(PrivacyRequestSchema), ...location },
        ...authenticatedErrors,
        '403': problem("The client's token lacks the channel's scope, or is a person's token"),
        ...jsonBodyErrors,
      },
    },
  },
  '/v1/channels/{channel}/erasure-requests/{id}': {
    get: {
      operationId: 'getChannelErasureRequest',
      summary: 'Integrations: an erasure request the channel made',
      security: [{ integration: [fullScope('complaints.intake.social'), fullScope('complaints.intake.email'), fullScope('complaints.intake.phone')] }],
      requestParams: { path: ChannelRequestPathSchema },
      responses: {
        '200': { description: 'The erasure request', ...json(PrivacyRequestSchema) },
        ...authenticatedErrors,
        '403': problem("The client's token lacks the channel's scope, or is a person's token"),
        '404': problem('No such request of this channel'),
      },
    },
  },
  '/v1/privacy/retention-policy': {
    get: {
      operationId: 'getRetentionPolicy',
      summary: 'How long each category of personal data is kept and how its end is enforced; how erasure reaches backups',
      security: [],
      responses: { '200': { description: 'The retention policy', ...json(RetentionPolicySchema) }, '500': problem('Unexpected error') },
    },
  },
  '/v1/privacy/requests': {
    get: {
      operationId: 'listAwaitingPrivacyRequests',
      summary: 'Privacy staff: requests awaiting an answer, the nearest deadline first',
      requestParams: { query: PageQuerySchema },
      responses: { '200': { description: 'A page of requests', ...json(StaffRequestPageSchema) }, ...privacyStaffOnly },
    },
  },
  '/v1/privacy/requests/{id}': {
    get: {
      operationId: 'getPrivacyRequest',
      summary: 'Privacy staff: one request with whose it is and what was kept (recorded on the access log)',
      requestParams: { path: RequestIdPathSchema, header: accessReasonHeader("a person's request") },
      responses: {
        '200': { description: 'The request', ...json(StaffPrivacyRequestSchema) },
        ...privacyStaffOnly,
        ...invalidOrUnexplainedRead,
        '404': problem('No such request'),
      },
    },
  },
  '/v1/privacy/figures': {
    get: {
      operationId: 'getPrivacyFigures',
      summary: "Privacy staff: a quarter's requests by type, time to complete (median, max) and on-time share",
      requestParams: { query: FiguresQuerySchema },
      responses: { '200': { description: 'The figures', ...json(PrivacyFiguresSchema) }, ...privacyStaffOnly },
    },
  },
  '/v1/privacy/legal-holds': {
    get: {
      operationId: 'listLegalHolds',
      summary: 'Privacy staff: active legal holds, oldest first',
      requestParams: { query: PageQuerySchema },
      responses: { '200': { description: 'A page of legal holds', ...json(LegalHoldPageSchema) }, ...privacyStaffOnly },
    },
    post: {
      operationId: 'placeLegalHold',
      summary: 'Privacy staff: keep everything held about a subject (an authority order, an open incident); erasure waits until it ends',
      requestBody: json(LegalHoldInputSchema),
      responses: { '201': { description: 'The legal hold', ...json(LegalHoldSchema), ...location }, ...privacyStaffOnly, ...jsonBodyErrors },
    },
  },
  '/v1/privacy/legal-holds/{id}/release': {
    post: {
      operationId: 'releaseLegalHold',
      summary: 'Privacy staff: release a legal hold; held erasures run at their next due time',
      requestParams: { path: HoldIdPathSchema },
      responses: {
        '200': { description: 'The released hold', ...json(LegalHoldSchema) },
        ...privacyStaffOnly,
        '404': problem('No such legal hold'),
        '409': problem('The hold was already released (`hold-released`)'),
      },
    },
  },
};
