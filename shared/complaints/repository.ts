import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { batchWrite, putRequest } from '#shared/aws/batch.ts';
import { shardIndexOf } from '#shared/aws/shards.ts';
import { cancelledAt, isTransactionConflict } from '#shared/aws/transactions.ts';
import * as z from 'zod';
import type { Change, ComplaintState, HistoryEntry, Message } from '#shared/complaints/domain.ts';
import { nextCheckAt } from '#shared/complaints/domain.ts';
import { basisOf, type SlaPolicy } from '#shared/complaints/policy.ts';
import { soonestDeadline } from '#shared/complaints/sla.ts';
import type { FiguresStore, TransactItem } from '#shared/figures/store.ts';
import { VersionConflictError } from '#shared/errors.ts';

/**
 * The complaints table, single-table design. One complaint is a partition:
 *   COMPLAINT            the state (no personal data) and one encrypted blob of its personal fields
 *   HISTORY#<at>#<ulid>  the append-only audit trail
 *   MESSAGE#<at>#<id>    replies, user messages and internal notes, each body encrypted
 *   ACCESS#<at>#<ulid>   staff reads
 * plus CHANNEL#<channel>#<message id> items that make integration filings and answers idempotent,
 * and the outbox of domain events (shared/events/outbox.ts: OUTBOX#<shard> partitions).
 * Every change is one transaction: the state (conditional on the version read), its history,
 * its message, the figures it moves and its events' outbox item, so nothing is half-written,
 * nothing counted twice, and an event exists exactly when its change committed.
 */

/** A complaint as stored: its state, its personal fields as one encrypted blob. */
export interface StoredComplaint {
  state: ComplaintState;
  personalData: Uint8Array;
}

/** The id of a change in the outbox, so that its events' ids (`<complaint>:<version>:<n>`) say what they are about. */
export const changeIdOf = (change: Change): string => `${change.state.id}:${change.state.version}`;

export interface StoredMessage extends Omit<Message, 'body'> {
  sealedBody: Uint8Array;
}

export interface StaffAccess {
  complaintId: string;
  actorId: string;
  actorRoles: string[];
  reason: string | undefined;
  at: string;
  /** What was read: the complaint, its messages, its history, or its summary in the work queue. */
  what: 'complaint' | 'messages' | 'history' | 'work-queue';
}

/** The sweep's index is spread over shards so that no single partition takes every write. */
export const DUE_SHARDS = 4;
const shardOf = (id: string) => shardIndexOf(id, DUE_SHARDS);
/** Sorts after every ISO time: a complaint with no deadline goes to the end of its queue. */
const NO_DEADLINE = '~';

const keys = {
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  owner: (ownerId: string) => `OWNER#${ownerId}`,
  queue: (status: string) => `QUEUE#${status}`,
  due: (shard: number) => `DUE#${shard}`,
  channelMessage: (channel: string, messageId: string) => ({ pk: `CHANNEL#${channel}#${messageId}`, sk: 'CHANNEL-MESSAGE' }),
};

const complaintIdPk = z.string().regex(/^COMPLAINT#cmp_[0-9A-HJKMNP-TV-Z]{26}$/);

/** The shape of a `byOwner` page key; anything else in a cursor is refused. */
export const ownerPageKeySchema = z.strictObject({
  pk: complaintIdPk,
  sk: z.literal('COMPLAINT'),
  gsi1pk: z.string().startsWith('OWNER#').max(300),
  gsi1sk: z.string().max(100),
});
export type OwnerPageKey = z.output<typeof ownerPageKeySchema>;

export const queuePageKeySchema = z.strictObject({
  pk: complaintIdPk,
  sk: z.literal('COMPLAINT'),
  queuePk: z.string().startsWith('QUEUE#').max(40),
  queueSk: z.string().max(100),
});
export type QueuePageKey = z.output<typeof queuePageKeySchema>;

export const conversationPageKeySchema = z.strictObject({
  pk: complaintIdPk,
  sk: z.string().regex(/^(MESSAGE|HISTORY)#[\w:.#-]{1,120}$/),
});
export type ConversationPageKey = z.output<typeof conversationPageKeySchema>;

export interface PartitionPage {
  limit: number;
  after?: ConversationPageKey;
  /** Only items whose `visibility` is `public` (what the complaint's owner may see). */
  publicOnly: boolean;
}

/** The shared conflict error, for this context's callers. */
export { VersionConflictError };
/** A message on an integration's channel: the post, email or call it came as. */
export interface ChannelMessageRef {
  channel: string;
  messageId: string;
}

/** What a channel message became: the complaint it filed (at its creation) or the answer it added. */
export interface TakenChannelMessage {
  complaintId: string;
  at: string;
  messageId?: string;
}

/** The channel message was taken in before (a filing or an answer). */
export class DuplicateChannelMessageError extends Error {
  override name = 'DuplicateChannelMessageError';
}

const STATE_ATTRIBUTES = [
  'id',
  'ownerId',
  'origin',
  'channel',
  'category',
  'priority',
  'status',
  'createdAt',
  'updatedAt',
  'version',
  'assigneeId',
  'firstRespondedAt',
  'firstResponseMs',
  'commitment',
  'resolvedAt',
  'closedAt',
  'reopenedCount',
  'sla',
] as const satisfies readonly (keyof ComplaintState)[];

const fromItem = (item: Record<string, unknown>): StoredComplaint => ({
  state: Object.fromEntries(
    STATE_ATTRIBUTES.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]),
  ) as unknown as ComplaintState,
  personalData: item.personalData as Uint8Array,
});

const messageFromItem = (item: Record<string, unknown>): StoredMessage => ({
  id: item.id as string,
  author: item.author as Message['author'],
  visibility: item.visibility as Message['visibility'],
  createdAt: item.createdAt as string,
  sealedBody: item.sealedBody as Uint8Array,
});

const historyFromItem = (item: Record<string, unknown>): HistoryEntry => ({
  at: item.at as string,
  actor: item.actor as HistoryEntry['actor'],
  action: item.action as string,
  visibility: item.visibility as HistoryEntry['visibility'],
  details: (item.details ?? {}) as HistoryEntry['details'],
});

/** When the sweep must look at the complaint: its next SLA checkpoint, if any. */
const dueKeys = (state: ComplaintState, policy: SlaPolicy) => {
  const checkAt = nextCheckAt(state, policy);
  return checkAt && { duePk: keys.due(shardOf(state.id)), dueSk: `${checkAt.toISOString()}#${state.id}` };
};

/** The stored complaint: its state, its encrypted blob, and the index keys derived from the state. */
export const toComplaintItem = (state: ComplaintState, personalData: Uint8Array, policy: SlaPolicy) => {
  const deadline = soonestDeadline(state.sla, basisOf(policy), new Date(state.updatedAt));
  return {
    ...keys.complaint(state.id),
    entity: 'complaint',
    gsi1pk: keys.owner(state.ownerId),
    gsi1sk: `${state.createdAt}#${state.id}`,
    queuePk: keys.queue(state.status),
    queueSk: `${deadline ? deadline.toISOString() : NO_DEADLINE}#${state.id}`,
    // Sparse: a complaint with nothing left to check is not in the sweep's index at all.
    ...dueKeys(state, policy),
    ...state,
    personalData,
  };
};

export const createComplaintRepository = (deps: {
  db: DynamoDBDocumentClient;
  tableName: string;
  figures: FiguresStore;
  policy: SlaPolicy;
}) => {
  const { db, tableName, figures, policy } = deps;

  const complaintItem = (state: ComplaintState, personalData: Uint8Array) => toComplaintItem(state, personalData, policy);

  /** Ordered by time, then by the change's version and the entry's place in it: a stable, unique order. */
  const historyItems = (state: ComplaintState, entries: HistoryEntry[]): TransactItem[] =>
    entries.map((h, i) => ({
      Put: {
        TableName: tableName,
        Item: {
          pk: `COMPLAINT#${state.id}`,
          sk: `HISTORY#${h.at}#${String(state.version).padStart(6, '0')}#${String(i).padStart(2, '0')}`,
          entity: 'history',
          ...h,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));

  const messageItems = (id: string, message: StoredMessage | undefined): TransactItem[] =>
    message
      ? [
          {
            Put: {
              TableName: tableName,
              Item: { pk: `COMPLAINT#${id}`, sk: `MESSAGE#${message.createdAt}#${message.id}`, entity: 'message', ...message },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : [];

  const figureItems = (change: Change): TransactItem[] => [
    ...figures.periodUpdates(new Date(change.state.updatedAt), change.counters),
    ...figures.currentUpdate('backlog', change.backlog),
  ];

  /** One kind of item of a complaint's partition, oldest first; the user's view filters to public ones. */
  const listPartition = async (id: string, prefix: 'MESSAGE#' | 'HISTORY#', page: PartitionPage) => {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...(page.publicOnly && { FilterExpression: 'visibility = :public' }),
        ExpressionAttributeValues: {
          ':pk': `COMPLAINT#${id}`,
          ':prefix': prefix,
          ...(page.publicOnly && { ':public': 'public' }),
        },
        Limit: page.limit,
        ExclusiveStartKey: page.after,
        ConsistentRead: true,
      }),
    );
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey as ConversationPageKey | undefined };
  };

  const accessItem = (access: StaffAccess) => ({
    pk: `COMPLAINT#${access.complaintId}`,
    sk: `ACCESS#${access.at}#${ulid()}`,
    entity: 'staff-access',
    ...access,
  });

  /** Marks a channel message as taken in (a filing, or an answer on a complaint), once only. */
  const channelMessageItem = (message: ChannelMessageRef, taken: TakenChannelMessage): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: { ...keys.channelMessage(message.channel, message.messageId), entity: 'channel-message', ...taken },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

  /** One transaction whose first item is the complaint; `channelMessageAt` is the index of a channel-message item. */
  const write = async (items: TransactItem[], channelMessageAt?: number) => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (channelMessageAt !== undefined && cancelledAt(error, channelMessageAt, 'ConditionalCheckFailed')) {
        throw new DuplicateChannelMessageError('This channel message was taken in before');
      }
      if (cancelledAt(error, 0, 'ConditionalCheckFailed') || isTransactionConflict(error)) {
        throw new VersionConflictError('The complaint changed meanwhile');
      }
      throw error;
    }
  };

  return {
    /**
     * Stores a new complaint with `extra` items (its events' outbox item); with `channelMessage`,
     * only if that message was not filed before.
     */
    async create(
      change: Change,
      personalData: Uint8Array,
      extra: readonly TransactItem[],
      channelMessage?: { channel: string; messageId: string },
    ): Promise<void> {
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: complaintItem(change.state, personalData),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...historyItems(change.state, change.history),
        ...figureItems(change),
        ...extra,
      ];
      if (channelMessage) items.push(channelMessageItem(channelMessage, { complaintId: change.state.id, at: change.state.createdAt }));
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (channelMessage && cancelledAt(error, items.length - 1, 'ConditionalCheckFailed')) {
          throw new DuplicateChannelMessageError('This channel message was filed before');
        }
        if (isTransactionConflict(error) && channelMessage) {
          // A concurrent filing of the same message holds the lock: it will win; report a duplicate.
          throw new DuplicateChannelMessageError('This channel message is being filed');
        }
        throw error;
      }
    },

    /**
     * Applies a change to a complaint `read` at `change.state.version - 1`, with `extra` items
     * (its events' outbox item); VersionConflictError if the complaint moved meanwhile.
     */
    async commit(
      change: Change,
      read: StoredComplaint,
      extra: readonly TransactItem[],
      message?: StoredMessage,
      channelMessage?: ChannelMessageRef,
    ): Promise<void> {
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: complaintItem(change.state, read.personalData),
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: { ':read': change.state.version - 1 },
          },
        },
        ...messageItems(change.state.id, message),
        ...historyItems(change.state, change.history),
        ...figureItems(change),
        ...extra,
      ];
      if (channelMessage && message) {
        items.push(channelMessageItem(channelMessage, { complaintId: change.state.id, at: message.createdAt, messageId: message.id }));
      }
      await write(items, channelMessage && message ? items.length - 1 : undefined);
    },

    async get(id: string): Promise<StoredComplaint | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.complaint(id), ConsistentRead: true }));
      return Item ? fromItem(Item) : undefined;
    },

    /** What a channel message was taken in as: a filing (no `messageId`) or an answer on a complaint. */
    async channelMessage(channel: string, messageId: string): Promise<TakenChannelMessage | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.channelMessage(channel, messageId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        complaintId: Item.complaintId as string,
        at: Item.at as string,
        ...(typeof Item.messageId === 'string' && { messageId: Item.messageId }),
      };
    },

    async getMessage(complaintId: string, at: string, messageId: string): Promise<StoredMessage | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: { pk: `COMPLAINT#${complaintId}`, sk: `MESSAGE#${at}#${messageId}` }, ConsistentRead: true }),
      );
      return Item ? messageFromItem(Item) : undefined;
    },

    async listByOwner(
      ownerId: string,
      page: { limit: number; after?: OwnerPageKey },
    ): Promise<{ items: StoredComplaint[]; lastKey?: OwnerPageKey }> {
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byOwner',
          KeyConditionExpression: 'gsi1pk = :owner',
          ExpressionAttributeValues: { ':owner': keys.owner(ownerId) },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: page.after,
        }),
      );
      return {
        items: (result.Items ?? []).map(fromItem),
        ...(result.LastEvaluatedKey && { lastKey: result.LastEvaluatedKey as OwnerPageKey }),
      };
    },

    /**
     * One status's queue, soonest deadline first. Filters narrow the page after the key
     * condition (DynamoDB reads `limit` items, then filters), so a page may be short; the cursor
     * still moves on.
     */
    async listQueue(
      status: string,
      filters: { priority?: string; channel?: string; category?: string; assigneeId?: string | null },
      page: { limit: number; after?: QueuePageKey },
    ): Promise<{ items: StoredComplaint[]; lastKey?: QueuePageKey }> {
      const conditions: string[] = [];
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':queue': keys.queue(status) };
      for (const name of ['priority', 'channel', 'category'] as const) {
        const value = filters[name];
        if (value === undefined) continue;
        conditions.push(`#${name} = :${name}`);
        names[`#${name}`] = name;
        values[`:${name}`] = value;
      }
      if (filters.assigneeId === null) conditions.push('attribute_not_exists(assigneeId)');
      else if (filters.assigneeId !== undefined) {
        conditions.push('assigneeId = :assignee');
        values[':assignee'] = filters.assigneeId;
      }
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :queue',
          ...(conditions.length > 0 && { FilterExpression: conditions.join(' AND ') }),
          ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }),
          ExpressionAttributeValues: values,
          Limit: page.limit,
          ExclusiveStartKey: page.after,
        }),
      );
      return {
        items: (result.Items ?? []).map(fromItem),
        ...(result.LastEvaluatedKey && { lastKey: result.LastEvaluatedKey as QueuePageKey }),
      };
    },

    async listMessages(id: string, page: PartitionPage): Promise<{ items: StoredMessage[]; lastKey?: ConversationPageKey }> {
      const { items, lastKey } = await listPartition(id, 'MESSAGE#', page);
      return { items: items.map(messageFromItem), ...(lastKey && { lastKey }) };
    },

    async listHistory(id: string, page: PartitionPage): Promise<{ items: HistoryEntry[]; lastKey?: ConversationPageKey }> {
      const { items, lastKey } = await listPartition(id, 'HISTORY#', page);
      return { items: items.map(historyFromItem), ...(lastKey && { lastKey }) };
    },

    /**
     * Complaints whose next SLA checkpoint is at or before `now`, shard by shard: the index only
     * holds complaints with a checkpoint ahead, so the cost follows the number due, not the
     * number open.
     */
    async *dueBy(now: Date): AsyncGenerator<string> {
      for (let shard = 0; shard < DUE_SHARDS; shard += 1) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await db.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'byDueCheck',
              KeyConditionExpression: 'duePk = :shard AND dueSk <= :now',
              ExpressionAttributeValues: { ':shard': keys.due(shard), ':now': `${now.toISOString()}#${NO_DEADLINE}` },
              ProjectionExpression: 'id',
              ExclusiveStartKey: start,
            }),
          );
          for (const item of page.Items ?? []) yield item.id as string;
          start = page.LastEvaluatedKey;
        } while (start);
      }
    },

    async recordStaffAccess(access: StaffAccess): Promise<void> {
      await db.send(new PutCommand({ TableName: tableName, Item: accessItem(access) }));
    },

    /** Many reads at once (a page of the work queue), 25 items per request. */
    async recordStaffAccesses(accesses: readonly StaffAccess[]): Promise<void> {
      await batchWrite(db, tableName, accesses.map((access) => putRequest(accessItem(access))));
    },

    ownerPartition: keys.owner,
    complaintPartition: (id: string) => `COMPLAINT#${id}`,
  };
};

export type ComplaintRepository = ReturnType<typeof createComplaintRepository>;
