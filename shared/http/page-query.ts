import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';

/** The most items a page may hold. */
export const LIST_LIMIT_MAX = 100;

const wholeNumber = `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`;

/** `?limit=`: a page size from 1 to LIST_LIMIT_MAX, as the query string gives it (a string). */
export const pageLimit = z.optional(
  z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,3}$/, wholeNumber)), z.transform(Number)),
    z.int().check(z.minimum(1, wholeNumber), z.maximum(LIST_LIMIT_MAX, wholeNumber)),
  ),
);

/** `?cursor=`: the `nextCursor` of the previous page. */
export const pageCursor = describe(
  z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
  'The `nextCursor` of the previous page',
);

/** A page of a list as the API answers it: its items and the cursor of the next page (null on the last). */
export const pageOf = <S extends z.ZodMiniType>(item: S, id: string) =>
  meta(z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) }), { id });
