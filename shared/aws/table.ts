import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isWriteConflict } from '#shared/aws/transactions.ts';
import { VersionConflictError } from '#shared/errors.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type ItemKey = Record<string, unknown>;
/** A query on the table (or one of its indexes), without the table name and the paging parameters. */
export type TableQuery = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;
/** The condition of a single-item write, with the names and values its expression uses. */
export type WriteCondition = Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
/** An update of one item, without the table name. */
export type ItemUpdate = Omit<UpdateCommandInput, 'TableName'>;

export interface Page<T> {
  items: T[];
  /** Where the next page starts; absent on the last page. */
  lastKey?: ItemKey;
}

/** Runs a write; someone else's write first (a failed condition, a concurrent transaction) is a VersionConflictError. */
const orConflict = async (write: Promise<unknown>): Promise<void> => {
  try {
    await write;
  } catch (error) {
    if (isWriteConflict(error)) throw new VersionConflictError('The item changed meanwhile');
    throw error;
  }
};

/**
 * One DynamoDB table, read and written the same way by every context's store: a get, a page of a
 * query, a whole query followed page by page, a conditional put or update of one item, and a
 * transaction; a lost race (a failed condition, or a concurrent transaction on one of the items)
 * becomes a VersionConflictError for the use case to retry on a fresh read.
 */
export const createTable = (db: DynamoDBDocumentClient, name: string) => {
  const page = async <T = Record<string, unknown>>(query: TableQuery, startKey?: ItemKey): Promise<Page<T>> => {
    const result = await db.send(new QueryCommand({ ...query, TableName: name, ExclusiveStartKey: startKey }));
    return { items: (result.Items ?? []) as T[], ...(result.LastEvaluatedKey && { lastKey: result.LastEvaluatedKey }) };
  };

  return {
    name,

    async get<T = Record<string, unknown>>(key: ItemKey, options: { consistent?: boolean; projection?: string } = {}) {
      const result = await db.send(
        new GetCommand({
          TableName: name,
          Key: key,
          ...(options.consistent && { ConsistentRead: true }),
          ...(options.projection && { ProjectionExpression: options.projection }),
        }),
      );
      return result.Item as T | undefined;
    },

    page,

    /** Every item the query matches, one page after another (for bounded partitions only). */
    async queryAll<T = Record<string, unknown>>(query: TableQuery): Promise<T[]> {
      const items: T[] = [];
      let startKey: ItemKey | undefined;
      do {
        const next = await page<T>(query, startKey);
        items.push(...next.items);
        startKey = next.lastKey;
      } while (startKey);
      return items;
    },

    /** Writes one item (at half a transaction's cost) if the condition holds; else a VersionConflictError. */
    put: (item: Record<string, unknown>, condition: WriteCondition = {}): Promise<void> =>
      orConflict(db.send(new PutCommand({ ...condition, TableName: name, Item: item }))),

    /** Updates one item (at half a transaction's cost) if its condition holds; else a VersionConflictError. */
    update: (update: ItemUpdate): Promise<void> => orConflict(db.send(new UpdateCommand({ ...update, TableName: name }))),

    /** Writes the items in one transaction; someone else's write first is a VersionConflictError. */
    transact: (items: readonly TransactItem[]): Promise<void> =>
      orConflict(db.send(new TransactWriteCommand({ TransactItems: [...items] }))),
  };
};

export type Table = ReturnType<typeof createTable>;
