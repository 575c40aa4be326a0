import type { Page, Table, TransactItem } from '#shared/aws/table.ts';
import { ConditionFailedError, type TableQuery } from '#shared/aws/table.ts';
import { encodeTime } from 'ulid';
import { systemClock, type Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { addMonths, retentionEndOf, retentionPolicy, ttlSecondsOf } from '#shared/personal-data/retention.ts';
import type { Category, MessageType } from '#shared/notifications/domain/catalogue.ts';
import { inboxItemKey, inboxPartition, unreadCounterKey } from '#shared/notifications/store/keys.ts';

/** What an inbox item shows; the subject and text are sealed together, as personal data. */
export interface InboxItem {
  id: string;
  type: MessageType;
  category: Category;
  createdAt: string;
  readAt?: string;
  subject: string;
  text: string;
}

const SEALED_ENTITY = 'inbox-item';

interface StoredItem {
  pk: string;
  sk: string;
  id: string;
  type: MessageType;
  category: Category;
  createdAt: string;
  readAt?: string;
  body: Uint8Array;
  unreadPk?: string;
  unreadSk?: string;
  /** The item's time to live (seconds): it expires whole `retentionPolicy.inboxItems` after delivery. */
  expiresAt: number;
}

/** When an item delivered at `createdAt` expires, as its time-to-live attribute holds it. */
const inboxExpiryOf = (createdAt: string): number => ttlSecondsOf(retentionEndOf(retentionPolicy.inboxItems, new Date(createdAt)));

const epochSeconds = (time: Date) => Math.floor(time.getTime() / 1000);

/**
 * Leaves out items past their time to live: DynamoDB deletes them within a day or two of the time,
 * and until then they are gone for every reader.
 */
const unexpired = (now: Date) => ({
  FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
  ExpressionAttributeValues: { ':now': epochSeconds(now) },
});

const isExpired = (item: { expiresAt?: number }, now: Date) => item.expiresAt !== undefined && item.expiresAt <= epochSeconds(now);

/**
 * Marks items read with the counter. With `liveAt` (seconds), an item past its time to live is
 * refused like a read one; marking all read does mark expired items, which keeps the counter right.
 */
const readTransaction = (tableName: string, sub: string, itemIds: readonly string[], at: string, liveAt?: number): TransactItem[] => [
  ...itemIds.map(
    (id): TransactItem => ({
      Update: {
        TableName: tableName,
        Key: inboxItemKey(sub, id),
        UpdateExpression: 'SET readAt = :at REMOVE unreadPk, unreadSk',
        ConditionExpression: liveAt === undefined ? 'attribute_exists(unreadPk)' : 'attribute_exists(unreadPk) AND (attribute_not_exists(expiresAt) OR expiresAt > :live)',
        ExpressionAttributeValues: { ':at': at, ...(liveAt !== undefined && { ':live': liveAt }) },
      },
    }),
  ),
  {
    Update: {
      TableName: tableName,
      Key: unreadCounterKey(sub),
      UpdateExpression: 'ADD unread :minus',
      ExpressionAttributeValues: { ':minus': -itemIds.length },
    },
  },
];

const markOne = async (table: Table, sub: string, id: string, at: string, liveAt?: number): Promise<'read' | 'already-read'> => {
  try {
    await table.transact(readTransaction(table.name, sub, [id], at, liveAt));
    return 'read';
  } catch (error) {
    if (error instanceof ConditionFailedError) return 'already-read';
    throw error;
  }
};

/** The transaction items that add an unread item to `sub`'s inbox, its body sealed, and count it unread. */
const additionOf = async (table: Table, cipher: PersonalDataCipher, sub: string, item: Omit<InboxItem, 'readAt'>): Promise<TransactItem[]> => {
  const body = await cipher.seal(SEALED_ENTITY, item.id, { subject: item.subject, text: item.text });
  const stored: StoredItem = {
    ...inboxItemKey(sub, item.id),
    id: item.id,
    type: item.type,
    category: item.category,
    createdAt: item.createdAt,
    body,
    unreadPk: inboxPartition(sub),
    unreadSk: item.id,
    expiresAt: inboxExpiryOf(item.createdAt),
  };
  return [
    { Put: { TableName: table.name, Item: stored, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: { TableName: table.name, Key: unreadCounterKey(sub), UpdateExpression: 'ADD unread :one', ExpressionAttributeValues: { ':one': 1 } } },
  ];
};

const openItem = async (cipher: PersonalDataCipher, item: StoredItem): Promise<InboxItem> => {
  const body = await cipher.open<{ subject: string; text: string }>(SEALED_ENTITY, item.id, item.body);
  const { id, type, category, createdAt, readAt } = item;
  return { id, type, category, createdAt, ...(readAt && { readAt }), subject: body.subject, text: body.text };
};

/** The query of `sub`'s items (optionally unread items only), expired ones left out. */
const inboxQuery = (sub: string, unreadOnly: boolean, now: Date) => {
  const { FilterExpression, ExpressionAttributeValues } = unexpired(now);
  return unreadOnly
    ? { IndexName: 'unread', KeyConditionExpression: 'unreadPk = :pk', FilterExpression, ExpressionAttributeValues: { ...ExpressionAttributeValues, ':pk': inboxPartition(sub) } }
    : {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :item)',
        FilterExpression,
        ExpressionAttributeValues: { ...ExpressionAttributeValues, ':pk': inboxPartition(sub), ':item': 'ITEM#' },
      };
};

/** A page of the inbox, newest first (optionally unread items only), bodies opened. */
const pageOf = async (
  table: Table,
  cipher: PersonalDataCipher,
  clock: Clock,
  sub: string,
  options: { limit: number; unreadOnly: boolean; startKey?: Record<string, unknown> },
): Promise<Page<InboxItem>> => {
  const query = inboxQuery(sub, options.unreadOnly, clock.now());
  const page = await table.page<StoredItem>({ ...query, ScanIndexForward: false, Limit: options.limit }, options.startKey);
  return { items: await Promise.all(page.items.map((item) => openItem(cipher, item))), ...(page.lastKey && { lastKey: page.lastKey }) };
};

/** Every unread item of `sub`. */
const allUnread = (sub: string): TableQuery => ({
  IndexName: 'unread',
  KeyConditionExpression: 'unreadPk = :pk',
  ExpressionAttributeValues: { ':pk': inboxPartition(sub) },
  ProjectionExpression: 'id',
});

/**
 * The unread items of `sub` past their time to live. Item ids are ULIDs of the delivery time, so
 * only items older than a month short of the retention are read: usually none.
 */
const expiredUnread = (sub: string, now: Date): TableQuery => ({
  IndexName: 'unread',
  KeyConditionExpression: 'unreadPk = :pk AND unreadSk < :oldest',
  FilterExpression: 'expiresAt <= :now',
  ExpressionAttributeValues: {
    ':pk': inboxPartition(sub),
    ':oldest': encodeTime(addMonths(now, 1 - retentionPolicy.inboxItems.months).getTime(), 10),
    ':now': epochSeconds(now),
  },
  ProjectionExpression: 'id',
});

/** Marks the unread items `query` finds read, a few at a time, with the counter; how many were marked. */
const markFoundRead = async (table: Table, sub: string, at: string, query: TableQuery): Promise<number> => {
  let marked = 0;
  const unread = await table.queryAll<{ id: string }>(query);
  // A transaction holds at most 100 items: 49 item updates and the counter's.
  for (let i = 0; i < unread.length; i += 49) {
    const ids = unread.slice(i, i + 49).map((item) => item.id);
    try {
      await table.transact(readTransaction(table.name, sub, ids, at));
      marked += ids.length;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      // Another request marked some of these meanwhile: one at a time, each counted once.
      for (const id of ids) if ((await markOne(table, sub, id, at)) === 'read') marked += 1;
    }
  }
  return marked;
};

/**
 * The in-app inbox: one item per message, its body sealed with the data key (bound to the item's
 * id), an unread counter kept in the same transaction as every change of an item's read state,
 * and a sparse index of the unread items.
 */
export const createInboxStore = (table: Table, cipher: PersonalDataCipher, clock: Clock = systemClock) => ({
  /**
   * The transaction items that add an unread item to `sub`'s inbox (the caller adds its delivery
   * marker to the same transaction, so the item is written once however often the event comes).
   */
  additionOf: (sub: string, item: Omit<InboxItem, 'readAt'>) => additionOf(table, cipher, sub, item),
  page: (sub: string, options: { limit: number; unreadOnly: boolean; startKey?: Record<string, unknown> }) => pageOf(table, cipher, clock, sub, options),
  /** Every unexpired item of `sub`'s inbox, newest first, bodies opened (for a copy of their data). */
  async allOf(sub: string): Promise<InboxItem[]> {
    const items = await table.queryAll<StoredItem>({ ...inboxQuery(sub, false, clock.now()), ScanIndexForward: false });
    return Promise.all(items.map((item) => openItem(cipher, item)));
  },
  /** The number of unread items; those past their time to live are marked read first, so they count no more. */
  async unreadCount(sub: string): Promise<number> {
    const now = clock.now();
    await markFoundRead(table, sub, now.toISOString(), expiredUnread(sub, now));
    const counter = await table.get<{ unread?: number }>(unreadCounterKey(sub), { consistent: true });
    return Math.max(0, counter?.unread ?? 0);
  },
  /** Marks one item read: `read`, `already-read`, or `missing` (no such item in this person's inbox). */
  async markRead(sub: string, itemId: string, at: string): Promise<'read' | 'already-read' | 'missing'> {
    if ((await markOne(table, sub, itemId, at, epochSeconds(clock.now()))) === 'read') return 'read';
    const item = await table.get<StoredItem>(inboxItemKey(sub, itemId), { consistent: true, projection: ['id', 'expiresAt'] });
    return item && !isExpired(item, clock.now()) ? 'already-read' : 'missing';
  },
  markAllRead: (sub: string, at: string) => markFoundRead(table, sub, at, allUnread(sub)),
});

export type InboxStore = ReturnType<typeof createInboxStore>;

