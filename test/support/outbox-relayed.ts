import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect, vi } from 'vitest';
import { dueCondition, OUTBOX_SHARDS } from '#shared/events/outbox.ts';

/**
 * Waits until a stack's outbox stream relay has taken every outbox item of `tableName` written
 * before `before` (default: now; a probe's own stack passes a far date, to include the items of
 * jobs run with a later `--now`). The relay deletes an item once its events are on the bus, so no
 * event of a change committed by then can still arrive: a test can count events exactly.
 */
export const outboxRelayed = async (options: { dynamodbEndpoint: string; tableName: string; before?: Date }) => {
  const before = options.before ?? new Date();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: options.dynamodbEndpoint }));
  try {
    await vi.waitFor(
      async () => {
        for (let shard = 0; shard < OUTBOX_SHARDS; shard += 1) {
          const query = new QueryCommand({ TableName: options.tableName, Select: 'COUNT', ...dueCondition(shard, before, 0) });
          expect((await db.send(query)).Count, `outbox items of ${options.tableName} not yet relayed`).toBe(0);
        }
      },
      { timeout: 20_000, interval: 100 },
    );
  } finally {
    db.destroy();
  }
};

/** Every item, whatever time its change was written at. */
export const EVERY_OUTBOX_ITEM = new Date('9999-12-31T00:00:00.000Z');
