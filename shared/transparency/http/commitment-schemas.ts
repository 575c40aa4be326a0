import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * The promise scorecard's request: its query, the page's language. The public answer's schemas
 * are in commitment-response-schemas.ts, which only the OpenAPI document loads: a schema is built
 * when its module loads, and the function, which never parses an answer, would build them all at
 * every cold start.
 */

export const ScorecardQuerySchema = meta(
  z.strictObject({
    lang: meta(z.optional(z.enum(policyLanguages)), { description: "The HTML page's language; else the best of Accept-Language, else en" }),
  }),
  { id: 'ScorecardQuery' },
);
