import { describe, expect, it } from 'vitest';
import { filledPage } from '#shared/aws/filled-page.ts';
import type { ItemKey, Page, TableQuery } from '#shared/aws/table.ts';

type Item = { pk: string; sk: string; visibility: 'public' | 'internal' };

/**
 * A partition queried the way DynamoDB does it: `Limit` items are read from after the start key,
 * then the filter (public items only) drops some; LastEvaluatedKey is the last item read.
 */
const partition = (visibilities: Array<Item['visibility']>) => {
  const items: Item[] = visibilities.map((visibility, i) => ({ pk: 'COMPLAINT#1', sk: `MESSAGE#${String(i).padStart(3, '0')}`, visibility }));
  const queries: Array<ItemKey | undefined> = [];
  const table = {
    page: async <T>(query: TableQuery, startKey?: ItemKey): Promise<Page<T>> => {
      queries.push(startKey);
      const from = startKey ? items.findIndex((item) => item.sk === startKey.sk) + 1 : 0;
      const read = items.slice(from, from + (query.Limit ?? items.length));
      const last = read.at(-1);
      const more = from + read.length < items.length;
      return { items: read.filter((item) => item.visibility === 'public') as T[], ...(more && last && { lastKey: { pk: last.pk, sk: last.sk } }) };
    },
  };
  return { items, table, queries };
};

const query = (limit: number) => ({ KeyConditionExpression: 'pk = :pk', FilterExpression: 'visibility = :public', Limit: limit });

/** Every page from the start, following each page's last key. */
const allPages = async (table: ReturnType<typeof partition>['table'], limit: number) => {
  const pages: Page<Item>[] = [];
  let after: ItemKey | undefined;
  do {
    const page = await filledPage<Item>(table, query(limit), ['pk', 'sk'], after);
    pages.push(page);
    after = page.lastKey;
  } while (after && pages.length < 50);
  return pages;
};

describe('filledPage', () => {
  it('fills each page with visible items, ends no page on a hidden one, and returns every visible item once', async () => {
    // Prepare: hidden items before, between and after the public ones.
    const { items, table } = partition(['internal', 'public', 'internal', 'internal', 'public', 'public', 'internal', 'public', 'internal', 'internal']);
    const hidden = new Set(items.filter((item) => item.visibility === 'internal').map((item) => item.sk));

    // Act
    const pages = await allPages(table, 2);

    // Assess
    expect(pages.map((page) => page.items.map((item) => item.sk))).toEqual([
      ['MESSAGE#001', 'MESSAGE#004'],
      ['MESSAGE#005', 'MESSAGE#007'],
      [],
    ]);
    for (const page of pages) if (page.lastKey) expect(hidden.has(page.lastKey.sk as string)).toBe(false);
    expect(pages[0]!.lastKey).toEqual({ pk: 'COMPLAINT#1', sk: 'MESSAGE#004' });
  });

  it('answers no last key when the partition ends within the page', async () => {
    // Prepare
    const { table } = partition(['public', 'internal', 'internal', 'internal', 'internal']);

    // Act
    const page = await filledPage<Item>(table, query(3), ['pk', 'sk']);

    // Assess
    expect(page.items.map((item) => item.sk)).toEqual(['MESSAGE#000']);
    expect(page.lastKey).toBeUndefined();
  });

  it('reads one query when nothing is filtered out', async () => {
    // Prepare
    const { table, queries } = partition(['public', 'public', 'public']);

    // Act
    const page = await filledPage<Item>(table, query(2), ['pk', 'sk']);

    // Assess
    expect(queries).toHaveLength(1);
    expect(page.lastKey).toEqual({ pk: 'COMPLAINT#1', sk: 'MESSAGE#001' });
  });
});
