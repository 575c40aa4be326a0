import * as z from 'zod';

/** The most items a page may hold. */
export const LIST_LIMIT_MAX = 100;

/** `?limit=`: a page size from 1 to LIST_LIMIT_MAX, as the query string gives it (a string). */
export const pageLimit = z
  .string()
  .regex(/^\d{1,3}$/, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
      .max(LIST_LIMIT_MAX, `Must be a whole number from 1 to ${LIST_LIMIT_MAX}`),
  )
  .optional();

/** `?cursor=`: the `nextCursor` of the previous page. */
export const pageCursor = z.string().min(1).max(1024).optional().describe('The `nextCursor` of the previous page');
