import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { NoticeState } from '#shared/moderation/domain/index.ts';
import { noticeRetentionDay } from '#shared/moderation/domain/personal-data.ts';
import { putOnce, retentionAttributes, storedOf, type Item, type Stored } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

const noticeItem = (n: NoticeState, personalData: Uint8Array | undefined): Item => ({
  ...keys.notice(n.id),
  entity: 'notice',
  gsi1pk: keys.reporterNotices(n.reporterKey),
  gsi1sk: `${n.receivedAt}#${n.id}`,
  ...retentionAttributes(noticeRetentionDay(n), keys.notice(n.id)),
  ...n,
  personalData,
});

/** Notices: written when received, rewritten once by their triage. */
export const createNoticeStore = (table: Table) => ({
  /** A received notice, in one transaction with the outbox item of its filing's events. */
  async create(notice: NoticeState, personalData: Uint8Array, outboxItems: readonly TransactItem[]) {
    await table.transact([putOnce(table.name, noticeItem(notice, personalData)), ...outboxItems]);
  },

  /**
   * Compensation when the notice could not be queued: no notice stays behind without its message,
   * and the events of its filing (their outbox item, `outboxKey`) are never published.
   */
  async remove(id: string, outboxKey?: { pk: string; sk: string }) {
    await table.transact([
      {
        Delete: {
          TableName: table.name,
          Key: keys.notice(id),
          ConditionExpression: '#s = :received',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':received': 'received' },
        },
      },
      ...(outboxKey ? [{ Delete: { TableName: table.name, Key: outboxKey } }] : []),
    ]);
  },

  async get(id: string): Promise<Stored<NoticeState> | undefined> {
    const item = await table.get<Item>(keys.notice(id), { consistent: true });
    return item && storedOf<NoticeState>(item);
  },

  /** A reporter's notices, newest first. */
  async ofReporter(reporterKey: string, page: PageRequest) {
    const { items, lastKey } = await table.page<Item>(
      {
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.reporterNotices(reporterKey) },
        ScanIndexForward: false,
        Limit: page.limit,
      },
      page.after,
    );
    return { items: items.map((item) => storedOf<NoticeState>(item)), lastKey: lastKey as PageKey | undefined };
  },

  /** Every notice of a reporter, oldest first (a person's export and erasure). */
  async allOfReporter(reporterKey: string): Promise<Stored<NoticeState>[]> {
    const query = { IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.reporterNotices(reporterKey) } };
    return (await table.queryAll<Item>(query)).map((item) => storedOf<NoticeState>(item));
  },

  /** The triaged notice, only if still `received` as read: a redelivery changes nothing. */
  triagedItem(notice: NoticeState, personalData: Uint8Array | undefined): TransactItem {
    return {
      Put: {
        TableName: table.name,
        Item: noticeItem(notice, personalData),
        ConditionExpression: '#s = :received AND version = :read',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':received': 'received', ':read': notice.version - 1 },
      },
    };
  },
});
