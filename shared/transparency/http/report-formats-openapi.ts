import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, problem } from '#shared/http/problem-schema.ts';
import { reportPartIds } from '#shared/transparency/domain/report-parts.ts';
import { ReportReadPathSchema, ReportVersionReadPathSchema, ReportVersionSchema } from '#shared/transparency/http/report-schemas.ts';
import { ReportPartPathSchema } from '#shared/transparency/http/report-api-schemas.ts';
import { LanguageQuerySchema } from '#shared/transparency/http/schemas.ts';

/** The representations of a published report in the OpenAPI document: JSON, CSV and the HTML page, chosen by extension or Accept. */

const Csv = meta(z.string(), { description: 'RFC 4180 CSV, CRLF line ends' });
const Html = meta(z.string(), { description: 'An HTML page (UTF-8)' });

/** The three media types of a public read of a report, for its 200. */
export const reportRepresentationsContent = {
  content: {
    'application/json': { schema: ReportVersionSchema },
    'text/csv': {
      schema: meta(Csv, {
        description:
          'Every part of the 2024/2835 quantitative template (1.1 to 1.8) and the platform’s own, one after another: each part’s header row, ' +
          'then one row per category, each line led by its `part` (the header rows by the word `part`), padded to the widest part',
      }),
    },
    'text/html': {
      schema: meta(Html, {
        description:
          'The public page, in `lang` or the best of Accept-Language: comms’ sections, and each chart (inline SVG) with a table of the same numbers; ' +
          'every number is a <data> element whose `data-figure` is its path in the JSON',
      }),
    },
  },
};

export const reportNotAcceptable = {
  '406': problem('An extension other than .json, .csv or .html, or an Accept that admits none of application/json, text/csv and text/html'),
};

/** The path parameters and query of a public read of the latest version and of a numbered one. */
export const reportReadParams = { path: ReportReadPathSchema, query: LanguageQuerySchema };
export const reportVersionReadParams = { path: ReportVersionReadPathSchema, query: LanguageQuerySchema };

/** The format paths: the report's JSON Schema and one template part as CSV. */
export const reportFormatPaths: ZodOpenApiPathsObject = {
  '/v1/transparency/reports/schema': {
    get: {
      operationId: 'getTransparencyReportSchema',
      summary: 'The JSON Schema (draft 2020-12) of a published report, as the JSON representation answers it',
      description: 'No login.',
      security: [],
      responses: {
        '200': { description: 'The JSON Schema', content: { 'application/schema+json': { schema: z.looseObject({}) } } },
        '500': authenticatedErrors['500'],
      },
    },
  },
  '/v1/transparency/reports/{quarter}/parts/{part}': {
    get: {
      operationId: 'getTransparencyReportPart',
      summary: 'One part of the latest version of a quarter’s report as CSV, laid out like that part of the 2024/2835 quantitative template',
      description: `No login. The parts: ${reportPartIds.join(', ')}. A header row of the part’s headings, then one row per category.`,
      security: [],
      requestParams: { path: ReportPartPathSchema },
      responses: {
        '200': { description: 'The part', content: { 'text/csv': { schema: Csv } } },
        '400': problem('The quarter or the part is malformed; `errors` names it'),
        '404': problem('Nothing of that quarter is published'),
        '406': problem('Accept does not admit text/csv'),
        '500': authenticatedErrors['500'],
      },
    },
  },
};
