import type { Table, TransactItem } from '#shared/aws/table.ts';
import { bands } from '#shared/moderation/domain/simhash.ts';
import type { Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';

/** The near-duplicate index of removed content: one item per simhash band, so that a lookup is one query per band. */
export const createNearDuplicateStore = (table: Table) => ({
  removedContentItems(contentId: string, hash: string): TransactItem[] {
    return bands(hash).map((band) => ({ Put: { TableName: table.name, Item: { pk: keys.simhashBand(band), sk: contentId, entity: 'simhash', contentId, hash } } }));
  },

  /** Removed content sharing at least one band with `hash` (the first 100 per band). */
  async candidates(hash: string): Promise<Array<{ contentId: string; hash: string }>> {
    const found = await Promise.all(
      bands(hash).map((band) => table.page<Item>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.simhashBand(band) }, Limit: 100 })),
    );
    return found.flatMap((f) => f.items.map((item) => ({ contentId: item.contentId as string, hash: item.hash as string })));
  },
});
