import type { Page, Table, TransactItem } from '#shared/aws/table.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
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
}

const readTransaction = (tableName: string, sub: string, itemIds: readonly string[], at: string): TransactItem[] => [
  ...itemIds.map(
    (id): TransactItem => ({
      Update: {
        TableName: tableName,
        Key: inboxItemKey(sub, id),
        UpdateExpression: 'SET readAt = :at REMOVE unreadPk, unreadSk',
        ConditionExpression: 'attribute_exists(unreadPk)',
        ExpressionAttributeValues: { ':at': at },
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

const markOne = async (table: Table, sub: string, id: string, at: string): Promise<'read' | 'already-read'> => {
  try {
    await table.transact(readTransaction(table.name, sub, [id], at));
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
  };
  return [
    { Put: { TableName: table.name, Item: stored, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: { TableName: table.name, Key: unreadCounterKey(sub), UpdateExpression: 'ADD unread :one', ExpressionAttributeValues: { ':one': 1 } } },
  ];
};

/** A page of the inbox, newest first (optionally unread items only), bodies opened. */
const pageOf = async (
  table: Table,
  cipher: PersonalDataCipher,
  sub: string,
  options: { limit: number; unreadOnly: boolean; startKey?: Record<string, unknown> },
): Promise<Page<InboxItem>> => {
  const query = options.unreadOnly
    ? { IndexName: 'unread', KeyConditionExpression: 'unreadPk = :pk', ExpressionAttributeValues: { ':pk': inboxPartition(sub) } }
    : { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :item)', ExpressionAttributeValues: { ':pk': inboxPartition(sub), ':item': 'ITEM#' } };
  const page = await table.page<StoredItem>({ ...query, ScanIndexForward: false, Limit: options.limit }, options.startKey);
  const open = async (item: StoredItem): Promise<InboxItem> => {
    const body = await cipher.open<{ subject: string; text: string }>(SEALED_ENTITY, item.id, item.body);
    const { id, type, category, createdAt, readAt } = item;
    return { id, type, category, createdAt, ...(readAt && { readAt }), subject: body.subject, text: body.text };
  };
  return { items: await Promise.all(page.items.map(open)), ...(page.lastKey && { lastKey: page.lastKey }) };
};

/** Marks every unread item read, a few at a time; how many were marked. */
const markAllRead = async (table: Table, sub: string, at: string): Promise<number> => {
  let marked = 0;
  const unread = await table.queryAll<{ id: string }>({
    IndexName: 'unread',
    KeyConditionExpression: 'unreadPk = :pk',
    ExpressionAttributeValues: { ':pk': inboxPartition(sub) },
    ProjectionExpression: 'id',
  });
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
export const createInboxStore = (table: Table, cipher: PersonalDataCipher) => ({
  /**
   * The transaction items that add an unread item to `sub`'s inbox (the caller adds its delivery
   * marker to the same transaction, so the item is written once however often the event comes).
   */
  additionOf: (sub: string, item: Omit<InboxItem, 'readAt'>) => additionOf(table, cipher, sub, item),
  page: (sub: string, options: { limit: number; unreadOnly: boolean; startKey?: Record<string, unknown> }) => pageOf(table, cipher, sub, options),
  async unreadCount(sub: string): Promise<number> {
    const counter = await table.get<{ unread?: number }>(unreadCounterKey(sub), { consistent: true });
    return Math.max(0, counter?.unread ?? 0);
  },
  /** Marks one item read: `read`, `already-read`, or `missing` (no such item in this person's inbox). */
  async markRead(sub: string, itemId: string, at: string): Promise<'read' | 'already-read' | 'missing'> {
    if ((await markOne(table, sub, itemId, at)) === 'read') return 'read';
    const item = await table.get<StoredItem>(inboxItemKey(sub, itemId), { consistent: true, projection: ['id'] });
    return item ? 'already-read' : 'missing';
  },
  markAllRead: (sub: string, at: string) => markAllRead(table, sub, at),
});

export type InboxStore = ReturnType<typeof createInboxStore>;

