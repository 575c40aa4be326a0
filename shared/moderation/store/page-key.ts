import * as z from 'zod';

/** Pages of our own lists: cursor shapes are checked before they reach DynamoDB. */
export const PageKeySchema = z.strictObject({
  pk: z.string().max(300),
  sk: z.string().max(300),
  gsi1pk: z.string().max(300).optional(),
  gsi1sk: z.string().max(300).optional(),
  queuePk: z.string().max(300).optional(),
  queueSk: z.string().max(300).optional(),
  duePk: z.string().max(300).optional(),
  dueSk: z.string().max(300).optional(),
});
export type PageKey = z.output<typeof PageKeySchema>;

/** Where a list starts and how long a page is. */
export interface PageRequest {
  limit: number;
  after?: PageKey;
}
