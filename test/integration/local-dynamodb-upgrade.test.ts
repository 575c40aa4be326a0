import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { ensureTables, startDynamoDbLocal } from '#infra/local/dynamodb.ts';

/** A port nobody listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

// A DynamoDB Local of its own: it builds one index at a time on a background thread, which the
// shared instance's other tables (and their time-to-live sweeps) can keep busy for minutes.
let local: Awaited<ReturnType<typeof startDynamoDbLocal>>;
beforeAll(async () => {
  local = await startDynamoDbLocal({ port: await freePort() });
}, 60_000);
afterAll(async () => {
  await local?.stop();
});

/**
 * `.local/` kept from an earlier version of the code: its tables lack the indexes added since.
 * Starting the newer code builds them and keeps the data.
 */
describe('tables kept from an earlier run', () => {
  it('get the indexes a newer definition adds, with their data kept', async () => {
    // Prepare: the complaints table as the first release defined it (one index), holding an item.
    const client = local.client;
    const document = DynamoDBDocumentClient.from(client);
    const localName = `upgrade-${randomUUID().slice(0, 8)}`;
    const current = { ...tables.complaints, localName };
    const firstRelease = { ...current, globalIndexes: current.globalIndexes.filter((index) => index.name === 'byOwner') };
    await ensureTables(client, [firstRelease]);
    await document.send(new PutCommand({ TableName: localName, Item: { pk: 'COMPLAINT#x', sk: 'COMPLAINT', queuePk: 'QUEUE#received', queueSk: 'a#x' } }));

    // Act
    await ensureTables(client, [current]);
    await ensureTables(client, [current]);

    // Assess
    const { Table } = await client.send(new DescribeTableCommand({ TableName: localName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(current.globalIndexes.map((index) => index.name).sort());
    const kept = await document.send(new GetCommand({ TableName: localName, Key: { pk: 'COMPLAINT#x', sk: 'COMPLAINT' } }));
    expect(kept.Item).toBeDefined();
    const queued = await document.send(
      new QueryCommand({
        TableName: localName,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :q',
        ExpressionAttributeValues: { ':q': 'QUEUE#received' },
      }),
    );
    expect(queued.Items?.map((item) => item.pk)).toEqual(['COMPLAINT#x']);
  }, 60_000);

  it('get the time to live a newer definition names', async () => {
    // Prepare: the access-log table as it was before its records expired.
    const client = local.client;
    const localName = `upgrade-${randomUUID().slice(0, 8)}`;
    const current = { ...tables.accessLog, localName };
    const { timeToLiveAttribute: _none, ...before } = current;
    await ensureTables(client, [before]);

    // Act
    await ensureTables(client, [current]);
    await ensureTables(client, [current]);

    // Assess
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: localName }));
    expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: current.timeToLiveAttribute });
  });
});
