/** The string `pk` / `sk` key of a table whose items several entities share (one table per context). */
export const pkSkKey = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const;

/** A global secondary index on two string attributes. */
export const stringIndex = <const Name extends string>(name: Name, partitionKey: string, sortKey: string) =>
  ({ name, partitionKey: { name: partitionKey, type: 'S' }, sortKey: { name: sortKey, type: 'S' } }) as const;
