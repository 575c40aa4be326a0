import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '#shared/aws/batch.ts';
import { ConditionFailedError, type Table } from '#shared/aws/table.ts';
import type { BlocklistKind } from '#shared/moderation/domain/screening.ts';
import { DuplicateError } from '#shared/moderation/use-cases/errors.ts';
import { putOnce, type Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

interface BlocklistEntry {
  id: string;
  addedBy: string;
  addedAt: string;
}

/** Blocklists: one item per value key (what screening looks up), and one per entry id (what moderators remove). */
export const createBlocklistStore = (db: DynamoDBDocumentClient, table: Table) => ({
  /** DuplicateError if the value is on the list already. */
  async add(kind: BlocklistKind, valueKey: string, entry: BlocklistEntry, sealedValue: Uint8Array) {
    try {
      await table.transact([
        putOnce(table.name, { ...keys.blocklist(kind, valueKey), entity: 'blocklist', kind, valueKey, ...entry, personalData: sealedValue }),
        putOnce(table.name, { ...keys.blocklistEntry(entry.id), entity: 'blocklist-entry', kind, valueKey }),
      ]);
    } catch (error) {
      // The value's item is the marker; anything else (concurrent writes included) is no duplicate.
      if (error instanceof ConditionFailedError && error.failedOn(0)) throw new DuplicateError('This value is on the blocklist already');
      throw error;
    }
  },

  /** False when the list holds no such entry. */
  async remove(kind: BlocklistKind, entryId: string): Promise<boolean> {
    const pointer = await table.get<Item>(keys.blocklistEntry(entryId), { consistent: true });
    if (!pointer || pointer.kind !== kind) return false;
    await table.transact([
      { Delete: { TableName: table.name, Key: keys.blocklist(kind, pointer.valueKey as string) } },
      { Delete: { TableName: table.name, Key: keys.blocklistEntry(entryId) } },
    ]);
    return true;
  },

  async list(kind: BlocklistKind, page: PageRequest) {
    const { items, lastKey } = await table.page<Item>(
      { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.blocklist(kind, '').pk }, Limit: page.limit },
      page.after,
    );
    return {
      items: items.map((item) => ({
        id: item.id as string,
        kind,
        addedBy: item.addedBy as string,
        addedAt: item.addedAt as string,
        personalData: item.personalData as Uint8Array,
      })),
      lastKey: lastKey as PageKey | undefined,
    };
  },

  /** Which of these values are blocklisted: one BatchGet per 100 distinct keys. */
  async hits(candidates: ReadonlyArray<{ kind: BlocklistKind; valueKey: string }>): Promise<Array<{ kind: BlocklistKind; entryId: string }>> {
    const unique = [...new Map(candidates.map((c) => [`${c.kind}#${c.valueKey}`, c])).values()];
    const items = await batchGet(db, table.name, unique.map((c) => keys.blocklist(c.kind, c.valueKey)), { projection: 'kind, id' });
    return items.map((item) => ({ kind: item.kind as BlocklistKind, entryId: item.id as string }));
  },
});
