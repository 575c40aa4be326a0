import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { AccessLogQuerySchema, MyAccessLogQuerySchema } from '#shared/access-log/http/schemas.ts';
import { PersonAccessLogPageSchema, SecurityAccessLogPageSchema } from '#shared/access-log/http/response-schemas.ts';
import { authenticatedErrors, problem } from '#shared/http/problem-schema.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });

/** The access log's paths of the OpenAPI document. */
export const accessLogPaths: ZodOpenApiPathsObject = {
  '/v1/me/access-log': {
    get: {
      operationId: 'getMyAccessLog',
      summary: 'Who at the platform read your data, when and why (staff named by role only), newest first',
      requestParams: { query: MyAccessLogQuerySchema },
      responses: {
        '200': { description: 'A page of reads of your data', ...json(PersonAccessLogPageSchema) },
        ...authenticatedErrors,
        '403': problem('Integration clients have no access log of their own'),
      },
    },
  },
  '/v1/security/access-log': {
    get: {
      operationId: 'queryAccessLog',
      summary: 'Security staff: staff reads of personal data by staff member, subject and period, newest first',
      requestParams: { query: AccessLogQuerySchema },
      responses: {
        '200': { description: 'A page of access records', ...json(SecurityAccessLogPageSchema) },
        ...authenticatedErrors,
        '403': problem('Only security staff may query the access log'),
      },
    },
  },
};
