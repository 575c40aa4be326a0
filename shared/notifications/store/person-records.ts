import type { Table } from '#shared/aws/table.ts';
import { inboxPartition } from '#shared/notifications/store/keys.ts';

type ItemKey = { pk: string; sk: string };

/**
 * What the notifications table holds under a person, as a whole: their partition (inbox items,
 * the unread counter, their preferences), found by its key, and deletion by key. A delete of an
 * item that is gone already succeeds, so erasing twice is harmless.
 */
export const createPersonRecords = (table: Table) => ({
  /** The keys of every item in the person's partition (`PERSON#<sub>`). */
  keysOf: (sub: string): Promise<ItemKey[]> =>
    table.queryAll<ItemKey>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': inboxPartition(sub) }, ProjectionExpression: 'pk, sk' }),

  /** Deletes the items of `keys`. */
  deleteAll: (keys: readonly ItemKey[]): Promise<void> => table.deleteAll(keys.map((key) => ({ pk: key.pk, sk: key.sk }))),
});

export type PersonRecords = ReturnType<typeof createPersonRecords>;
