import type { ItemKey, Table } from '#shared/aws/table.ts';

const INDEX_ATTRIBUTES = new Set(['pk', 'sk', 'subjectPk', 'subjectSk', 'duePk', 'dueSk', 'awaitingPk', 'awaitingSk', 'quarterPk', 'quarterSk', 'activePk', 'activeSk', 'entity']);

/** An item without its keys and index keys: the record it stores. */
export const recordOf = <T>(item: Record<string, unknown>): T => Object.fromEntries(Object.entries(item).filter(([name]) => !INDEX_ATTRIBUTES.has(name))) as T;

export interface Listed<T> {
  items: T[];
  lastKey?: ItemKey;
}

/** A page of one of the table's sparse single-partition indexes (`<name>Pk` / `<name>Sk`), optionally below a sort key. */
export const indexPage = async <T>(
  table: Table,
  index: { name: string; attribute: string; partition: string },
  options: { limit: number; after?: ItemKey; below?: string },
): Promise<Listed<T>> => {
  const page = await table.page(
    {
      IndexName: index.name,
      KeyConditionExpression: options.below ? '#pk = :pk AND #sk < :below' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index.attribute}Pk`, ...(options.below && { '#sk': `${index.attribute}Sk` }) },
      ExpressionAttributeValues: { ':pk': index.partition, ...(options.below && { ':below': options.below }) },
      Limit: options.limit,
    },
    options.after,
  );
  return { items: page.items.map((item) => recordOf<T>(item)), ...(page.lastKey && { lastKey: page.lastKey }) };
};
