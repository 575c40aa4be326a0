import type { TransactItem } from '#shared/aws/table.ts';

/** How states become items and back: index and bookkeeping attributes are not part of a state. */
const KEY_FIELDS = ['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'queuePk', 'queueSk', 'duePk', 'dueSk', 'personalData', 'expiresAt', 'retentionDay', 'retentionSk'];

export type Item = Record<string, unknown>;

/** A state with its personal data, sealed (the use cases open it with the data key); absent once erased. */
export interface Stored<T> {
  state: T;
  personalData: Uint8Array | undefined;
}

export const stateOf = <T>(item: Item): T => {
  const state: Item = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_FIELDS.includes(name)) state[name] = value;
  return state as T;
};

export const storedOf = <T>(item: Item): Stored<T> => ({ state: stateOf<T>(item), personalData: item.personalData as Uint8Array | undefined });

/**
 * The sparse retentionDue index's attributes: an item with a due day is listed under that day
 * (partition YYYY-MM-DD) for the daily retention job; without one it is not in the index.
 */
export const retentionAttributes = (day: string | undefined, key: { pk: string }): Item => (day ? { retentionDay: day, retentionSk: key.pk } : {});

/** Puts written once: a second write of the same key fails the transaction. */
export const putOnce = (tableName: string, item: Item): TransactItem => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** A put conditional on the version read; a first write (no version read) must be new. */
export const putVersioned = (tableName: string, item: Item, readVersion: number | undefined): TransactItem =>
  readVersion === undefined
    ? putOnce(tableName, item)
    : { Put: { TableName: tableName, Item: item, ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } } };
