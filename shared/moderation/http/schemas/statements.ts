import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';

/**
 * The Transparency Database export of the statements of reasons (DSA Art. 17 and 24(5)): its
 * query. Its validation, its TypeScript type and its part of the OpenAPI document come from this
 * schema. The statements' schemas, answers only, are in response-schemas/statements.ts, which only
 * the OpenAPI document and the data export's schema load: a schema is built when its module loads,
 * and the function, which never parses an answer, would build them all at every cold start.
 */

export const ExportQuerySchema = z.strictObject({
  date: describe(z.iso.date(), 'The day (UTC) whose statements to export'),
  limit: pageLimit,
  cursor: pageCursor,
});
