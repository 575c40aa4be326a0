import * as z from 'zod/mini';

/** The shapes of the last keys a list's cursor may carry; anything else in a cursor is refused. */

const complaintIdPk = z.string().check(z.regex(/^COMPLAINT#cmp_[0-9A-HJKMNP-TV-Z]{26}$/));

/** The shape of a `byOwner` page key. */
export const ownerPageKeySchema = z.strictObject({
  pk: complaintIdPk,
  sk: z.literal('COMPLAINT'),
  gsi1pk: z.string().check(z.startsWith('OWNER#'), z.maxLength(300)),
  gsi1sk: z.string().check(z.maxLength(100)),
});
export type OwnerPageKey = z.output<typeof ownerPageKeySchema>;

export const queuePageKeySchema = z.strictObject({
  pk: complaintIdPk,
  sk: z.literal('COMPLAINT'),
  queuePk: z.string().check(z.startsWith('QUEUE#'), z.maxLength(40)),
  queueSk: z.string().check(z.maxLength(100)),
});
export type QueuePageKey = z.output<typeof queuePageKeySchema>;

export const conversationPageKeySchema = z.strictObject({
  pk: complaintIdPk,
  sk: z.string().check(z.regex(/^(MESSAGE|HISTORY)#[\w:.#-]{1,120}$/)),
});
export type ConversationPageKey = z.output<typeof conversationPageKeySchema>;
