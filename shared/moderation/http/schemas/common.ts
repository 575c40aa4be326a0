import * as z from 'zod/mini';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';

/**
 * The pieces the trust-and-safety API's schemas share: those of the requests (schemas/, which the
 * function loads) and those of the answers (response-schemas/, which only the OpenAPI document
 * loads).
 */

export const isoTime = z.iso.datetime();
export const ContentIdSchema = z
  .string()
  .check(z.regex(/^[\w.:-]{1,128}$/, 'Must be the content id: 1 to 128 of A-Z, a-z, 0-9, "_", ".", ":", "-"'));
export const AccountIdSchema = z.string().check(z.regex(/^[\w.@:-]{1,128}$/, 'Must be an account id'));

export const PageQuerySchema = z.strictObject({ limit: pageLimit, cursor: pageCursor });
