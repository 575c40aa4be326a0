import * as z from 'zod/mini';

/** Pages of our own lists: cursor shapes are checked before they reach DynamoDB. */
export const PageKeySchema = z.strictObject({
  pk: z.string().check(z.maxLength(300)),
  sk: z.string().check(z.maxLength(300)),
  gsi1pk: z.optional(z.string().check(z.maxLength(300))),
  gsi1sk: z.optional(z.string().check(z.maxLength(300))),
  queuePk: z.optional(z.string().check(z.maxLength(300))),
  queueSk: z.optional(z.string().check(z.maxLength(300))),
  duePk: z.optional(z.string().check(z.maxLength(300))),
  dueSk: z.optional(z.string().check(z.maxLength(300))),
});
export type PageKey = z.output<typeof PageKeySchema>;

/** Where a list starts and how long a page is. */
export interface PageRequest {
  limit: number;
  after?: PageKey;
}
