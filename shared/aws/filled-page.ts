import type { ItemKey, Page, Table, TableQuery } from '#shared/aws/table.ts';

/**
 * A page of a filtered query, filled. DynamoDB applies `Limit` before the filter, so one query
 * may return fewer matches than asked (even none) while more follow, and its LastEvaluatedKey may
 * be an item the filter left out. This queries on from where the last query stopped until the page
 * holds `limit` items or the partition ends; the next page starts after the last item returned
 * (its `keyAttributes`: the table's key, and the index's when the query reads one), never at an
 * item the caller was not shown.
 */
export const filledPage = async <T extends Record<string, unknown>>(
  table: Pick<Table, 'page'>,
  query: TableQuery & { Limit: number },
  keyAttributes: readonly string[],
  startKey?: ItemKey,
): Promise<Page<T>> => {
  const limit = query.Limit;
  const found: T[] = [];
  let from = startKey;
  do {
    const next = await table.page<T>(query, from);
    found.push(...next.items);
    from = next.lastKey;
  } while (from && found.length < limit);
  const items = found.slice(0, limit);
  const last = items.at(-1);
  const more = from !== undefined || found.length > limit;
  return { items, ...(more && last && { lastKey: Object.fromEntries(keyAttributes.map((name) => [name, last[name]])) }) };
};
