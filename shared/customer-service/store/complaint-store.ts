import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, createTable, type Table } from '#shared/aws/table.ts';
import type { Decision } from '#shared/customer-service/domain/decisions.ts';
import {
  DuplicateChannelMessageError,
  type ComplaintStore,
  type StoredComplaint,
  type StoredMessage,
} from '#shared/customer-service/use-cases/ports.ts';
import { channelMessageKey, complaintKey, messageKey } from '#shared/customer-service/store/keys.ts';
import {
  channelMessageItem,
  complaintFromItem,
  complaintItem,
  historyItems,
  messageFromItem,
  messageItem,
  putNew,
  takenFromItem,
} from '#shared/customer-service/store/items.ts';
import { complaintLists } from '#shared/customer-service/store/complaint-lists.ts';
import { complaintErasure } from '#shared/customer-service/store/erasure.ts';
import type { FiguresStore, TransactItem } from '#shared/figures/store.ts';
import { VersionConflictError } from '#shared/errors.ts';

type FigureUpdates = Pick<FiguresStore, 'periodUpdates' | 'currentUpdate'>;

/** The history, counters and backlog moves of a decision, as transaction items. */
const consequencesOf = (tableName: string, figures: FigureUpdates, decision: Decision): TransactItem[] => [
  ...historyItems(tableName, decision.state, decision.history),
  ...figures.periodUpdates(new Date(decision.state.updatedAt), decision.counters),
  ...figures.currentUpdate('backlog', decision.backlog),
];

/** The changed complaint, written only over the version it was read at. */
const complaintUpdate = (tableName: string, decision: Decision, read: StoredComplaint): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: complaintItem(decision.state, decision.indexes, read.personalData),
    ConditionExpression: 'version = :read',
    ExpressionAttributeValues: { ':read': decision.state.version - 1 },
  },
});

/**
 * A change that takes a channel message in: when it loses a race and the message is now taken,
 * the other writer took it (DuplicateChannelMessageError); otherwise the complaint moved.
 */
const transactTaking = async (table: Table, items: TransactItem[], isTaken: () => Promise<unknown>) => {
  try {
    await table.transact(items);
  } catch (error) {
    if (error instanceof VersionConflictError && (await isTaken())) {
      throw new DuplicateChannelMessageError('This channel message was taken in before');
    }
    throw error;
  }
};

/**
 * The complaints table. Every change is one transaction: the state (conditional on the version
 * read), its history, its message, the figures it moves and its events' outbox item, so nothing
 * is half-written, nothing counted twice, and an event exists exactly when its change committed.
 */
export const createComplaintStore = (deps: {
  db: DynamoDBDocumentClient;
  tableName: string;
  /** Where the change's counters and backlog moves are added, in the change's transaction. */
  figures: FigureUpdates;
}): ComplaintStore => {
  const { db, tableName, figures } = deps;
  const table = createTable(db, tableName);
  const taken = async (channel: string, messageId: string) => {
    const item = await table.get(channelMessageKey(channel, messageId), { consistent: true });
    return item && takenFromItem(item);
  };

  return {
    async create(decision, personalData, outboxItems, { channelMessage, limitUse } = {}) {
      const { state } = decision;
      const items = [
        putNew(tableName, complaintItem(state, decision.indexes, personalData)),
        ...consequencesOf(tableName, figures, decision),
        ...outboxItems,
        ...(limitUse ? [limitUse.item] : []),
        ...(channelMessage ? [channelMessageItem(tableName, channelMessage, { complaintId: state.id, at: state.createdAt })] : []),
      ];
      const failedOn = (error: unknown, index: number) => error instanceof ConditionFailedError && error.failedOn(index);
      await table.transact(items).catch((error: unknown) => {
        // The channel message's item is last: only its failed condition is another filing of the same message, which wins.
        if (channelMessage && failedOn(error, items.length - 1)) throw new DuplicateChannelMessageError('This channel message was filed before, or is being filed');
        if (limitUse && failedOn(error, items.indexOf(limitUse.item))) throw limitUse.refusal();
        throw error;
      });
      if (limitUse) limitUse.settled = true;
    },

    async update(decision, read, outboxItems, message, channelMessage) {
      const items = [
        complaintUpdate(tableName, decision, read),
        ...(message ? [messageItem(tableName, decision.state.id, message)] : []),
        ...consequencesOf(tableName, figures, decision),
        ...outboxItems,
      ];
      if (!channelMessage || !message) return table.transact(items);
      const answer = { complaintId: decision.state.id, at: message.createdAt, messageId: message.id };
      await transactTaking(table, [...items, channelMessageItem(tableName, channelMessage, answer)], () =>
        taken(channelMessage.channel, channelMessage.messageId),
      );
    },

    async get(id): Promise<StoredComplaint | undefined> {
      const item = await table.get(complaintKey(id), { consistent: true });
      return item && complaintFromItem(item);
    },

    channelMessage: taken,

    async getMessage(complaintId, at, messageId): Promise<StoredMessage | undefined> {
      const item = await table.get(messageKey(complaintId, at, messageId), { consistent: true });
      return item && messageFromItem(item);
    },

    ...complaintLists(table),
    ...complaintErasure(table),
  };
};
