import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, problem } from '#shared/http/problem-schema.ts';
import { ScorecardQuerySchema } from '#shared/transparency/http/commitment-schemas.ts';
import { ScorecardSchema } from '#shared/transparency/http/commitment-response-schemas.ts';

/** The public promise scorecard's paths, spread into the transparency paths. */

const htmlPage = { 'text/html': { schema: { type: 'string' as const } } };
const errors = { '400': authenticatedErrors['400'], '429': problem('Too many requests; see Retry-After'), '500': authenticatedErrors['500'] };
const description =
  "No login. Each of the plan's promises with its live figure (the quarter to date), its target, kept or not (or not yet measurable), " +
  'since when, and its verdict quarter by quarter. The verdicts are kept by an hourly check, which alarms when a promise turns from kept to not kept.';

export const commitmentPaths: ZodOpenApiPathsObject = {
  '/v1/commitments': {
    get: {
      operationId: 'getCommitments',
      summary: 'The promise scorecard: JSON, or the HTML page when Accept prefers text/html',
      description,
      security: [],
      requestParams: { query: ScorecardQuerySchema },
      responses: {
        '200': { description: 'The scorecard', content: { 'application/json': { schema: ScorecardSchema }, ...htmlPage } },
        ...errors,
      },
    },
  },
  '/v1/commitments.html': {
    get: {
      operationId: 'getCommitmentsPage',
      summary: 'The promise scorecard as a public HTML page (tables, no script)',
      description,
      security: [],
      requestParams: { query: ScorecardQuerySchema },
      responses: { '200': { description: 'The page', content: htmlPage }, ...errors },
    },
  },
};
