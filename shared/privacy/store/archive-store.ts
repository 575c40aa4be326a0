import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable } from '#shared/aws/table.ts';
import { privacyKeys } from '#shared/privacy/store/keys.ts';

/** The sealed parts of export archives (with the table's time to live as the backstop of their deletion), and the retention job's progress. */
export const createArchiveStore = (deps: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(deps.db, deps.tableName);
  return {
    /** Stores an export's sealed archive parts, each deleted by the table's time to live at `ttlSeconds`. */
    async putArchive(requestId: string, parts: readonly Uint8Array[], ttlSeconds: number): Promise<void> {
      const items = parts.map((sealed, n) => ({ ...privacyKeys.archivePart(requestId, n), entity: 'archive-part', sealed, expiresAt: ttlSeconds }));
      await table.putAll(items);
    },

    async readArchive(requestId: string): Promise<Array<{ part: number; sealed: Uint8Array }>> {
      const items = await table.queryAll<{ sk: string; sealed: Uint8Array }>({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': privacyKeys.archivePartition(requestId) },
        ConsistentRead: true,
      });
      return items.map((item) => ({ part: Number(item.sk.slice('PART#'.length)), sealed: item.sealed }));
    },

    /** Deletes the archive's parts now (the time to live is the backstop, not the promise). */
    async deleteArchive(requestId: string, parts: number): Promise<void> {
      await table.deleteAll(Array.from({ length: parts }, (_, n) => privacyKeys.archivePart(requestId, n)));
    },

    async retentionCursor(): Promise<string | undefined> {
      return (await table.get<{ day: string }>(privacyKeys.retentionCursor, { consistent: true }))?.day;
    },

    async setRetentionCursor(day: string): Promise<void> {
      await table.put({ ...privacyKeys.retentionCursor, day });
    },
  };
};
