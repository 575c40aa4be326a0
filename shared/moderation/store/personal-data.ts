import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { Item } from '#shared/moderation/store/items.ts';

type Key = { pk: string; sk: string };

/** A condition on another item's version, checked in the same transaction (its state decided what was written). */
export interface VersionCheck {
  key: Key;
  version: number;
}

const versionCheckItem = (tableName: string, check: VersionCheck): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: check.key,
    ConditionExpression: 'version = :read',
    ExpressionAttributeValues: { ':read': check.version },
  },
});

/**
 * The writes of people's rights over their data and of retention: the personal attributes of an
 * item removed (or its sealed blob replaced), each conditional on the version read (and on the
 * versions of the items whose state allowed it), so that a concurrent change is never lost: the
 * caller reads again and decides again.
 */
export const createPersonalDataStore = (table: Table) => ({
  /**
   * Removes the sealed blob and the attributes named, marks `erasedAt` and leaves the due-day
   * index; the version moves on, so that a change decided on the old state fails and reads again.
   */
  async erase(key: Key, readVersion: number, attributes: readonly string[], now: Date, checks: readonly VersionCheck[] = []) {
    const removed = ['personalData', 'retentionDay', 'retentionSk', ...attributes];
    const update = {
      Key: key,
      UpdateExpression: `SET erasedAt = :now, version = version + :one REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}`,
      ConditionExpression: 'version = :read',
      ExpressionAttributeNames: Object.fromEntries(removed.map((name, i) => [`#r${i}`, name])),
      ExpressionAttributeValues: { ':now': now.toISOString(), ':one': 1, ':read': readVersion },
    };
    // A transaction only when other items' versions must hold too (a failed condition names item 0 either way).
    if (checks.length === 0) return table.update(update);
    await table.transact([{ Update: { ...update, TableName: table.name } }, ...checks.map((check) => versionCheckItem(table.name, check))]);
  },

  /** Replaces the sealed blob of an item not erased, conditional on the version read. */
  async reseal(key: Key, readVersion: number, sealed: Uint8Array) {
    await table.update({
      Key: key,
      UpdateExpression: 'SET personalData = :sealed, version = version + :one',
      ConditionExpression: 'version = :read AND attribute_not_exists(erasedAt)',
      ExpressionAttributeValues: { ':sealed': sealed, ':one': 1, ':read': readVersion },
    });
  },

  /** The keys of the items whose retention ends on `day` (YYYY-MM-DD), through the sparse retentionDue index. */
  async dueOn(day: string): Promise<string[]> {
    const items = await table.queryAll<Item>({
      IndexName: 'retentionDue',
      KeyConditionExpression: 'retentionDay = :day',
      ExpressionAttributeValues: { ':day': day },
      ProjectionExpression: 'retentionSk',
    });
    return items.map((item) => item.retentionSk as string);
  },

  /** An item whose due day was dealt with leaves the index (unless its day changed meanwhile). */
  async leaveDue(key: Key, day: string) {
    await table.update({
      Key: key,
      UpdateExpression: 'REMOVE retentionDay, retentionSk',
      ConditionExpression: 'retentionDay = :day',
      ExpressionAttributeValues: { ':day': day },
    });
  },
});

