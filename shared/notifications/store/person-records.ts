import type { Table, TransactItem } from '#shared/aws/table.ts';
import { inboxPartition } from '#shared/notifications/store/keys.ts';

type ItemKey = { pk: string; sk: string };

/** Deletes per transaction: well under DynamoDB's 100, so a slow write holds few items. */
const DELETES_PER_WRITE = 25;

/**
 * What the notifications table holds under a person, as a whole: their partition (inbox items,
 * the unread counter, their preferences), found by its key, and deletion by key. A delete of an
 * item that is gone already succeeds, so erasing twice is harmless.
 */
export const createPersonRecords = (table: Table) => ({
  /** The keys of every item in the person's partition (`PERSON#<sub>`). */
  keysOf: (sub: string): Promise<ItemKey[]> =>
    table.queryAll<ItemKey>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': inboxPartition(sub) }, ProjectionExpression: 'pk, sk' }),

  /** Deletes the items of `keys`, a few at a time. */
  async deleteAll(keys: readonly ItemKey[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETES_PER_WRITE) {
      const deletes = keys.slice(i, i + DELETES_PER_WRITE).map((key): TransactItem => ({ Delete: { TableName: table.name, Key: { pk: key.pk, sk: key.sk } } }));
      await table.transact(deletes);
    }
  },
});

export type PersonRecords = ReturnType<typeof createPersonRecords>;
