import * as z from 'zod';

/** RFC 9457 problem details as documented in the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'path', 'header']),
          path: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
    correlationId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

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
