import {
  GetCommand,
  paginateQuery,
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
import { refusalOf } from '#shared/aws/transactions.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { batchWrite, deleteRequest, putRequest } from '#shared/aws/batch.ts';

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

/**
 * The conditions of these items of the write failed (indexes in the transaction, 0 for a put or
 * an update): someone else wrote first. The caller tells by the items what that means: a
 * duplicate when the item was the change's "done once" marker, a version conflict when it was the
 * version read.
 */
export class ConditionFailedError extends VersionConflictError {
  override name = 'ConditionFailedError';
  constructor(readonly failedItems: readonly number[]) {
    super(`The condition of item ${failedItems.join(', ')} of the write failed`);
  }

  /** Whether the condition of one of these items failed. */
  failedOn(...indexes: number[]): boolean {
    return indexes.some((index) => this.failedItems.includes(index));
  }
}

/**
 * Concurrent transactions (or a throttle) kept refusing the write, retried a few times: nothing
 * was written and nothing is known about the items. Never a duplicate: let the request, the queue
 * or the asynchronous invocation retry later.
 */
export class TransientConflictError extends VersionConflictError {
  override name = 'TransientConflictError';
  constructor(readonly reason: string) {
    super(`The write kept meeting concurrent writes (${reason})`);
  }
}

/** A projection given as an expression, or as attribute names (then each is an expression attribute name). */
const projectionOf = (projection: string | readonly string[] | undefined) => {
  if (projection === undefined) return {};
  if (typeof projection === 'string') return { ProjectionExpression: projection };
  return {
    ProjectionExpression: projection.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(projection.map((attribute, i) => [`#p${i}`, attribute])),
  };
};

/** Attempts of a write that meets concurrent transactions before TransientConflictError. */
const TRANSIENT_ATTEMPTS = 6;
/** The pause before attempt `n + 1`: random up to 25 ms doubled `n - 1` times ("full jitter"), at most a second. */
const exponentialJitter = (n: number) => Math.random() * Math.min(25 * 2 ** (n - 1), 1000);

const isTransient = (error: unknown) => refusalOf(error)?.kind === 'transient';

/**
 * Runs a write, again after a short random pause while it only meets concurrent transactions;
 * a refusal becomes a ConditionFailedError (which items) or a TransientConflictError.
 */
const orConflict = async (write: () => Promise<unknown>): Promise<void> => {
  try {
    await retryOnConflict(isTransient, write, TRANSIENT_ATTEMPTS, exponentialJitter);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.kind === 'condition-failed') throw new ConditionFailedError(refusal.items);
    if (refusal?.kind === 'transient') throw new TransientConflictError(refusal.reason);
    throw error;
  }
};

/**
 * One DynamoDB table, read and written the same way by every context's store: a get, a page of a
 * query, a whole query followed page by page, a count, a conditional put or update of one item, and a
 * transaction. A write that meets concurrent transactions is tried again a few times; a refusal
 * becomes a ConditionFailedError (naming the items whose condition failed) or, when concurrent
 * writers kept it out, a TransientConflictError: both are VersionConflictErrors, for the use case
 * to retry on a fresh read.
 */
export const createTable = (db: DynamoDBDocumentClient, name: string) => {
  const page = async <T = Record<string, unknown>>(query: TableQuery, startKey?: ItemKey): Promise<Page<T>> => {
    const result = await db.send(new QueryCommand({ ...query, TableName: name, ExclusiveStartKey: startKey }));
    return { items: (result.Items ?? []) as T[], ...(result.LastEvaluatedKey && { lastKey: result.LastEvaluatedKey }) };
  };

  return {
    name,

    /** One item; `projection` names the attributes to read (any name, reserved words too). */
    async get<T = Record<string, unknown>>(key: ItemKey, options: { consistent?: boolean; projection?: string | readonly string[] } = {}) {
      const result = await db.send(
        new GetCommand({
          TableName: name,
          Key: key,
          ...(options.consistent && { ConsistentRead: true }),
          ...projectionOf(options.projection),
        }),
      );
      return result.Item as T | undefined;
    },

    page,

    /** Every item the query matches, one page after another (for bounded partitions only). */
    async queryAll<T = Record<string, unknown>>(query: TableQuery): Promise<T[]> {
      const items: T[] = [];
      for await (const result of paginateQuery({ client: db }, { ...query, TableName: name })) items.push(...((result.Items ?? []) as T[]));
      return items;
    },

    /** How many items the query matches, page after page, without reading them out (Select COUNT). */
    async count(query: TableQuery): Promise<number> {
      let total = 0;
      for await (const result of paginateQuery({ client: db }, { ...query, TableName: name, Select: 'COUNT' })) total += result.Count ?? 0;
      return total;
    },

    /** Writes one item (at half a transaction's cost) if the condition holds; else a ConditionFailedError. */
    put: (item: Record<string, unknown>, condition: WriteCondition = {}): Promise<void> =>
      orConflict(() => db.send(new PutCommand({ ...condition, TableName: name, Item: item }))),

    /** Updates one item (at half a transaction's cost) if its condition holds; else a ConditionFailedError. */
    update: (update: ItemUpdate): Promise<void> => orConflict(() => db.send(new UpdateCommand({ ...update, TableName: name }))),

    /** Writes the items unconditionally, 25 per request (each put may be repeated: no transaction needed). */
    putAll: (items: readonly Record<string, unknown>[]): Promise<void> => batchWrite(db, name, items.map(putRequest)),

    /** Deletes the items of `keys`, 25 per request (each delete may be repeated: no transaction needed). */
    deleteAll: (keys: readonly ItemKey[]): Promise<void> => batchWrite(db, name, keys.map(deleteRequest)),

    /** Writes the items in one transaction; a failed condition is a ConditionFailedError naming the items. */
    transact: (items: readonly TransactItem[]): Promise<void> =>
      orConflict(() => db.send(new TransactWriteCommand({ TransactItems: [...items] }))),
  };
};

export type Table = ReturnType<typeof createTable>;
