import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem takes at most 25 requests, BatchGetItem 100 keys. */
const BATCH = 25;
const GET_BATCH = 100;
/** Rounds of resending what DynamoDB left unprocessed (throttling) before giving up. */
const ATTEMPTS = 8;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes many puts and deletes to one table, 25 per request, resending what DynamoDB leaves
 * unprocessed after an exponential pause, as its documentation asks; throws if some are still
 * unprocessed after the last attempt. Not a transaction: each item is written on its own.
 */
export const batchWrite = async (db: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> => {
  for (let i = 0; i < requests.length; i += BATCH) {
    let pending = requests.slice(i, i + BATCH);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === ATTEMPTS) throw new Error(`${pending.length} item(s) of ${tableName} left unprocessed by DynamoDB (throttled)`);
      if (attempt > 0) await pause(attempt);
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
};

export const deleteRequest = (key: Record<string, unknown>): WriteRequest => ({ DeleteRequest: { Key: key } });
export const putRequest = (item: Record<string, unknown>): WriteRequest => ({ PutRequest: { Item: item } });

/**
 * Reads many items of one table, 100 keys per request, asking again for the keys DynamoDB leaves
 * unprocessed after an exponential pause; throws if some are still unread after the last attempt.
 * Items that do not exist are simply absent from the result, in no particular order.
 */
export const batchGet = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { projection?: string } = {},
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += GET_BATCH) {
    let pending = keys.slice(i, i + GET_BATCH);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === ATTEMPTS) throw new Error(`${pending.length} key(s) of ${tableName} left unread by DynamoDB (throttled)`);
      if (attempt > 0) await pause(attempt);
      const result = await db.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: [...pending], ...(options.projection && { ProjectionExpression: options.projection }) } },
        }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return items;
};
