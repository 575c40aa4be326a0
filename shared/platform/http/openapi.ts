import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, problem } from '#shared/http/problem-schema.ts';
import { fullScope } from '#shared/manifest/platform.ts';
import { ActivePeopleInputSchema, MonthPathSchema } from '#shared/platform/http/active-people-schemas.ts';
import { ActivePeopleSchema } from '#shared/platform/http/active-people-response-schemas.ts';

const HealthSchema = meta(z.object({ status: z.literal('ok'), time: z.iso.datetime() }), { id: 'Health' });
const ReadinessSchema = meta(
  z.object({
    status: z.enum(['ready', 'not-ready']),
    checkedAt: meta(z.iso.datetime(), { description: 'When the dependencies were last asked (answers are reused for a few seconds)' }),
    checks: meta(z.record(z.string(), z.enum(['ok', 'failing'])), {
      description: 'Each dependency by its manifest name, e.g. `table:complaints`, `queue:reports`, `key:data`',
    }),
  }),
  { id: 'Readiness' },
);

const activePeopleErrors = {
  ...authenticatedErrors,
  '403': problem('Only administrators report and read the monthly active people'),
};

/** The platform's own routes: liveness, readiness, this document, the synthetic probe, and the monthly active people. */
export const platformPaths = {
  '/v1/platform/active-people/{month}': {
    put: {
      operationId: 'reportActivePeople',
      summary: 'Administrators: report (or correct) the monthly active people of a month that has begun',
      requestParams: { path: MonthPathSchema },
      requestBody: { content: { 'application/json': { schema: ActivePeopleInputSchema } } },
      responses: {
        '200': { description: 'An earlier report of the month is replaced', content: { 'application/json': { schema: ActivePeopleSchema } } },
        '201': { description: 'The month is reported', content: { 'application/json': { schema: ActivePeopleSchema } } },
        ...activePeopleErrors,
      },
    },
    get: {
      operationId: 'getActivePeople',
      summary: 'Administrators: the monthly active people reported for a month',
      requestParams: { path: MonthPathSchema },
      responses: {
        '200': { description: 'The reported figure', content: { 'application/json': { schema: ActivePeopleSchema } } },
        ...activePeopleErrors,
        '404': problem('The month is not reported'),
      },
    },
  },
  '/v1/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
    },
  },
  '/health': {
    get: {
      operationId: 'getHealth',
      summary: 'Liveness',
      security: [],
      responses: { '200': { description: 'Serving', content: { 'application/json': { schema: HealthSchema } } } },
    },
  },
  '/v1/synthetic-probe': {
    get: {
      operationId: 'getSyntheticProbe',
      summary: 'An authenticated read of no data, for the synthetic check',
      description:
        'Reads one item of no personal data through the authorizer, the function and a table. ' +
        'Only the synthetic monitor client holds its scope.',
      security: [{ integration: [fullScope('platform.probe')] }],
      responses: {
        '200': { description: 'The read went through', content: { 'application/json': { schema: HealthSchema } } },
        ...authenticatedErrors,
        '403': problem('The token lacks the platform.probe scope'),
      },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'getReadiness',
      summary: 'Readiness: every table, queue and key the API needs answers',
      description:
        'Describes each dependency (no item or message is read) and reuses the answer for a few seconds. ' +
        'Rate-limited; the synthetic check calls it every five minutes.',
      security: [],
      responses: {
        '200': { description: 'Every dependency answers', content: { 'application/json': { schema: ReadinessSchema } } },
        '503': { description: 'At least one dependency is failing', content: { 'application/json': { schema: ReadinessSchema } } },
      },
    },
  },
} satisfies ZodOpenApiPathsObject;
