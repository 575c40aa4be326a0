import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, jsonBodyErrors, problem } from '#shared/http/problem-schema.ts';
import {
  CompileReportRequestSchema,
  PublishReportRequestSchema,
  ReportDraftRevisionSchema,
  ReportQuarterPathSchema,
} from '#shared/transparency/http/report-api-schemas.ts';
import {
  PublishedQuarterListSchema,
  ReportDraftSchema,
  ReportPublishedSchema,
} from '#shared/transparency/http/report-api-response-schemas.ts';
import {
  reportFormatPaths,
  reportNotAcceptable,
  reportReadParams,
  reportRepresentationsContent,
  reportVersionReadParams,
} from '#shared/transparency/http/report-formats-openapi.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });

const publicErrors = { '400': problem('The quarter or version is malformed; `errors` names it'), '500': authenticatedErrors['500'] };
const commsOnly = { ...authenticatedErrors, '403': problem('For comms staff only (people of other roles and integration clients are refused)') };
const withBody = { ...commsOnly, ...jsonBodyErrors };
const location = (what: string) => ({ location: { description: what, schema: { type: 'string' as const } } });
const noDraft = problem('No draft of that quarter: compile it first');

/** The published report in each representation a public read can answer (JSON, CSV, HTML). */
const reportRepresentations = reportRepresentationsContent;

/** The quarterly transparency report's paths of the OpenAPI document. */
export const transparencyReportPaths: ZodOpenApiPathsObject = {
  '/v1/transparency/reports': {
    post: {
      operationId: 'compileTransparencyReport',
      summary: 'Comms: compile a quarter that has ended into its draft (the quarterly job does the same)',
      description:
        'The first compilation creates the draft (201); a later one replaces its figures and keeps the qualitative sections (200). ' +
        'Figures that did not move leave the draft as it was (same revision).',
      requestBody: json(CompileReportRequestSchema),
      responses: {
        '201': { description: 'The draft, created', headers: location('The draft’s URL'), ...json(ReportDraftSchema) },
        '200': { description: 'The draft, its figures compiled again', headers: location('The draft’s URL'), ...json(ReportDraftSchema) },
        ...withBody,
        '409': problem('The quarter has not begun yet (quarter-not-started)'),
      },
    },
    get: {
      operationId: 'listTransparencyReports',
      summary: 'Every published quarter with its latest version, newest first',
      description: 'No login.',
      security: [],
      responses: { '200': { description: 'The published quarters', ...json(PublishedQuarterListSchema) }, '500': authenticatedErrors['500'] },
    },
  },
  '/v1/transparency/reports/drafts/{quarter}': {
    get: {
      operationId: 'getTransparencyReportDraft',
      summary: 'Comms: a quarter’s draft, with the hash it would be published under and the latest published version',
      requestParams: { path: ReportQuarterPathSchema },
      responses: { '200': { description: 'The draft', ...json(ReportDraftSchema) }, ...commsOnly, '404': noDraft },
    },
    put: {
      operationId: 'reviseTransparencyReportDraft',
      summary: 'Comms: replace the qualitative sections (en and zh-CN), naming the revision read',
      requestParams: { path: ReportQuarterPathSchema },
      requestBody: json(ReportDraftRevisionSchema),
      responses: {
        '200': { description: 'The draft as saved', ...json(ReportDraftSchema) },
        ...withBody,
        '404': noDraft,
        '409': problem('The draft changed since that revision: saved by someone else or compiled again (revision-conflict)'),
      },
    },
  },
  '/v1/transparency/reports/drafts/{quarter}/publish': {
    post: {
      operationId: 'publishTransparencyReport',
      summary: 'Comms: publish the draft as the quarter’s next version (immutable, hashed, superseding the previous one) and announce it',
      description:
        'A draft whose content is the latest version’s changes nothing and answers 200 with that version. ' +
        'After the first version, a correction says what changed, in en and zh-CN.',
      requestParams: { path: ReportQuarterPathSchema },
      requestBody: json(PublishReportRequestSchema),
      responses: {
        '201': { description: 'Published as a new version', headers: location('The version’s URL'), ...json(ReportPublishedSchema) },
        '200': { description: 'The latest version has this content already: nothing changed', headers: location('The version’s URL'), ...json(ReportPublishedSchema) },
        ...withBody,
        '404': noDraft,
        '409': problem('The draft changed since that revision (revision-conflict)'),
        '422': problem(
          'A summary is blank (incomplete-draft), a correction is missing for a version after the first (correction-required), or given for the first (nothing-to-correct)',
        ),
      },
    },
  },
  '/v1/transparency/reports/{quarter}': {
    get: {
      operationId: 'getTransparencyReport',
      summary: 'The latest published version of a quarter’s report',
      description: 'No login.',
      security: [],
      requestParams: reportReadParams,
      responses: {
        '200': { description: 'The latest version', ...reportRepresentations },
        ...publicErrors,
        '404': problem('Nothing of that quarter is published'),
        ...reportNotAcceptable,
      },
    },
  },
  '/v1/transparency/reports/{quarter}/versions/{version}': {
    get: {
      operationId: 'getTransparencyReportVersion',
      summary: 'One published version of a quarter’s report, superseded or not (immutable)',
      description: 'No login.',
      security: [],
      requestParams: reportVersionReadParams,
      responses: { '200': { description: 'The version', ...reportRepresentations }, ...publicErrors, '404': problem('No such version of that quarter'), ...reportNotAcceptable },
    },
  },
  ...reportFormatPaths,
};
