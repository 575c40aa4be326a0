import type { ComplaintState, HistoryEntry, Message } from '#shared/customer-service/domain/complaint.ts';
import type { ComplaintIndexKeys } from '#shared/customer-service/domain/index-keys.ts';
import type {
  ChannelMessageRef,
  StoredComplaint,
  StoredMessage,
  TakenChannelMessage,
} from '#shared/customer-service/use-cases/ports.ts';
import type { TransactItem } from '#shared/figures/store.ts';
import { channelMessageKey, complaintKey, historyKey, messageKey } from '#shared/customer-service/store/keys.ts';

/** The items of the complaints table and back: what is stored is what the domain decided. */

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
  'erasedAt',
] as const satisfies readonly (keyof ComplaintState)[];

/** The stored complaint: its state, its encrypted blob (none once erased), and its index keys. */
export const complaintItem = (state: ComplaintState, indexes: ComplaintIndexKeys, personalData: Uint8Array | undefined) => ({
  ...complaintKey(state.id),
  entity: 'complaint',
  gsi1pk: indexes.owner.partition,
  gsi1sk: indexes.owner.sort,
  queuePk: indexes.queue.partition,
  queueSk: indexes.queue.sort,
  // Sparse: a complaint with nothing left to check is not in the sweep's index at all.
  ...(indexes.dueCheck && { duePk: indexes.dueCheck.partition, dueSk: indexes.dueCheck.sort }),
  ...(indexes.retention && { retentionDay: indexes.retention.partition, retentionSk: indexes.retention.sort }),
  ...state,
  ...(personalData && { personalData }),
});

export const complaintFromItem = (item: Record<string, unknown>): StoredComplaint => ({
  state: Object.fromEntries(
    STATE_ATTRIBUTES.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]),
  ) as unknown as ComplaintState,
  ...(item.personalData !== undefined && { personalData: item.personalData as Uint8Array }),
});

export const messageFromItem = (item: Record<string, unknown>): StoredMessage => ({
  id: item.id as string,
  author: item.author as Message['author'],
  visibility: item.visibility as Message['visibility'],
  createdAt: item.createdAt as string,
  ...(item.sealedBody !== undefined && { sealedBody: item.sealedBody as Uint8Array }),
});

export const historyFromItem = (item: Record<string, unknown>): HistoryEntry => ({
  at: item.at as string,
  actor: item.actor as HistoryEntry['actor'],
  action: item.action as string,
  visibility: item.visibility as HistoryEntry['visibility'],
  details: (item.details ?? {}) as HistoryEntry['details'],
});

export const takenFromItem = (item: Record<string, unknown>): TakenChannelMessage => ({
  complaintId: item.complaintId as string,
  at: item.at as string,
  ...(typeof item.messageId === 'string' && { messageId: item.messageId }),
});

/** A Put of a new item: it must not exist yet. */
export const putNew = (tableName: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

export const historyItems = (tableName: string, state: ComplaintState, entries: readonly HistoryEntry[]): TransactItem[] =>
  entries.map((entry, place) =>
    putNew(tableName, { ...historyKey(state.id, entry.at, state.version, place), entity: 'history', ...entry }),
  );

export const messageItem = (tableName: string, complaintId: string, message: StoredMessage): TransactItem =>
  putNew(tableName, { ...messageKey(complaintId, message.createdAt, message.id), entity: 'message', ...message });

/** Marks a channel message as taken in (a filing, or an answer on a complaint), once only. */
export const channelMessageItem = (tableName: string, message: ChannelMessageRef, taken: TakenChannelMessage): TransactItem =>
  putNew(tableName, { ...channelMessageKey(message.channel, message.messageId), entity: 'channel-message', ...taken });

