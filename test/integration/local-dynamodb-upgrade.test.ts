import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { ensureTables } from '#infra/local/dynamodb.ts';

/**
 * `.local/` kept from an earlier version of the code: its tables lack the indexes added since.
 * Starting the newer code builds them and keeps the data.
 */
describe('tables kept from an earlier run', () => {
  it('get the indexes a newer definition adds, with their data kept', async () => {
    // Prepare: the complaints table as the first release defined it (one index), holding an item.
    const client = new DynamoDBClient({});
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
    // DynamoDB Local builds one index at a time, each in about a second alone and far slower while the other test files load it.
  }, 180_000);

  it('get the time to live a newer definition names', async () => {
    // Prepare: the access-log table as it was before its records expired.
    const client = new DynamoDBClient({});
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
