import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createFiguresStore, type TransactItem } from '#shared/figures/store.ts';

const SHARDS = 4;

describe('the figures store: counters spread over shards and summed on read, on DynamoDB Local', () => {
  const { client, document } = createDynamoClients();
  const tableName = `figures-shards-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    await client.send(new CreateTableCommand(createTableInput(tables.figures, tableName)));
  });

  /** A store whose shards are taken in turn, so that a test knows where each change lands. */
  const storeFor = (context: string) => {
    let turn = 0;
    return createFiguresStore(document, tableName, context, { shards: SHARDS, pickShard: (n) => turn++ % n });
  };
  const commit = (items: TransactItem[]) => document.send(new TransactWriteCommand({ TransactItems: items }));
  const itemsOf = async (pk: string) =>
    (await document.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } })))
      .Items ?? [];

  it('spreads the changes of a period over its shards and gives their exact sum, counters kept before sharding included', async () => {
    // Prepare: a period item written before counters were sharded, then eight changes.
    const context = `ctx-${randomUUID().slice(0, 8)}`;
    const figures = storeFor(context);
    await document.send(new PutCommand({ TableName: tableName, Item: { pk: `${context}#day`, sk: '2026-11-20', received: 5 } }));
    const at = new Date('2026-11-20T10:00:00.000Z');

    // Act
    for (let i = 0; i < 8; i += 1) await commit(figures.periodUpdates(at, { received: 1, 'received#channel#web': 1 }));
    await commit(figures.periodUpdates(new Date('2026-11-21T09:00:00.000Z'), { received: 2 }));
    const days = await figures.range('day', '2026-11-20', '2026-11-21');
    const month = await figures.range('month', '2026-11', '2026-11');

    // Assess
    expect(days).toEqual([
      { period: '2026-11-20', counters: { received: 13, 'received#channel#web': 8 } },
      { period: '2026-11-21', counters: { received: 2 } },
    ]);
    expect(month).toEqual([{ period: '2026-11', counters: { received: 10, 'received#channel#web': 8 } }]);
    const dayItems = (await itemsOf(`${context}#day`)).filter((item) => String(item.sk).startsWith('2026-11-20'));
    expect(dayItems.map((item) => item.sk).sort()).toEqual(['2026-11-20', '2026-11-20#00', '2026-11-20#01', '2026-11-20#02', '2026-11-20#03']);
  });

  it('sums a gauge that goes up and down over its shards, and counts a snapshot once however often it is taken', async () => {
    // Prepare
    const context = `ctx-${randomUUID().slice(0, 8)}`;
    const figures = storeFor(context);
    const at = new Date('2026-11-20T10:00:00.000Z');

    // Act
    for (let i = 0; i < 6; i += 1) await commit(figures.currentUpdate('backlog', { received: 1 }));
    for (let i = 0; i < 3; i += 1) await commit(figures.currentUpdate('backlog', { received: -1, resolved: 1 }));
    await figures.snapshot(at, { 'backlog#received': 4 });
    await figures.snapshot(at, { 'backlog#received': 3 });
    await commit(figures.periodUpdates(at, { resolved: 1 }));

    // Assess
    expect(await figures.current('backlog')).toEqual({ received: 3, resolved: 3 });
    expect(await figures.current('backlog-elsewhere')).toEqual({});
    expect(await figures.range('quarter', '2026-Q4', '2026-Q4')).toEqual([
      { period: '2026-Q4', counters: { 'backlog#received': 3, resolved: 1 } },
    ]);
  });
});
