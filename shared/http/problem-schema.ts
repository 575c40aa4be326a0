import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';

/** RFC 9457 problem details as documented in the OpenAPI document. */
export const ProblemSchema = meta(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    errors: z.optional(
      z.array(
        z.object({
          in: z.enum(['body', 'query', 'path', 'header']),
          path: z.string(),
          message: z.string(),
        }),
      ),
    ),
    correlationId: z.optional(z.string()),
  }),
  { id: 'Problem', description: 'RFC 9457 problem details' },
);

/** A documented refusal: `description`, answered as problem+json. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** What any authenticated route can answer besides its own refusals. */
export const authenticatedErrors = {
  '400': problem('The request is not valid; `errors` names each offending field'),
  '401': problem('Missing, expired or invalid bearer token'),
  '500': problem('Unexpected error; quote `correlationId` when reporting it'),
};

/** The 429 of a route with a per-caller limit (its manifest's `limit`): problem+json with Retry-After. */
export const tooManyRequests = (description = 'Too many requests from this caller in the current window') => ({
  ...problem(`${description}; retry after the seconds in Retry-After`),
  headers: z.object({
    'retry-after': describe(z.string().check(z.regex(/^[1-9]\d*$/)), 'Seconds until the caller may try again'),
  }),
});

/** The answers of a route that reads a JSON body, before it looks at the body's fields. */
export const jsonBodyErrors = { '413': problem('Body larger than 64 KiB'), '415': problem('Body not sent as application/json') };
