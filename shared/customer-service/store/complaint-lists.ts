import { filledPage } from '#shared/aws/filled-page.ts';
import type { Table, TableQuery } from '#shared/aws/table.ts';
import { DUE_SHARDS, dueBy, duePartition, ownerPartition, queuePartition } from '#shared/customer-service/domain/index-keys.ts';
import type { ComplaintStore, PartitionPage, QueueFilters } from '#shared/customer-service/use-cases/ports.ts';
import { complaintPartition } from '#shared/customer-service/store/keys.ts';
import { complaintFromItem, historyFromItem, messageFromItem } from '#shared/customer-service/store/items.ts';
import type { ConversationPageKey, OwnerPageKey, QueuePageKey } from '#shared/customer-service/store/page-keys.ts';

/** The lists of the complaints table: a person's complaints, a work queue, a conversation, the due index. */

type QueueFilter = Pick<TableQuery, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

/** The filter of a work-queue page: the filters given, after the key condition. */
const queueFilter = (status: string, filters: QueueFilters): QueueFilter => {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':queue': queuePartition(status) };
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
  return {
    ...(conditions.length > 0 && { FilterExpression: conditions.join(' AND ') }),
    ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }),
    ExpressionAttributeValues: values,
  };
};

/**
 * One kind of item of a complaint's partition, oldest first; the user's view filters to public
 * ones, filled up to the page size, and its next page starts after the last public item shown.
 */
const partitionPage = (table: Table, id: string, prefix: 'MESSAGE#' | 'HISTORY#', page: PartitionPage) =>
  filledPage(
    table,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ...(page.publicOnly && { FilterExpression: 'visibility = :public' }),
      ExpressionAttributeValues: { ':pk': complaintPartition(id), ':prefix': prefix, ...(page.publicOnly && { ':public': 'public' }) },
      Limit: page.limit,
      ConsistentRead: true,
    },
    ['pk', 'sk'],
    page.after,
  );

/**
 * Complaints whose next SLA checkpoint is at or before `now`, shard by shard: the index only
 * holds complaints with a checkpoint ahead, so the cost follows the number due, not the
 * number open.
 */
async function* dueIds(table: Table, now: Date): AsyncGenerator<string> {
  for (let shard = 0; shard < DUE_SHARDS; shard += 1) {
    const due = await table.queryAll<{ id: string }>({
      IndexName: 'byDueCheck',
      KeyConditionExpression: 'duePk = :shard AND dueSk <= :now',
      ExpressionAttributeValues: { ':shard': duePartition(shard), ':now': dueBy(now) },
      ProjectionExpression: 'id',
    });
    for (const item of due) yield item.id;
  }
}

type ComplaintLists = Pick<ComplaintStore, 'listByOwner' | 'listQueue' | 'listMessages' | 'listHistory' | 'dueBy'>;

export const complaintLists = (table: Table): ComplaintLists => ({
  async listByOwner(ownerId, page) {
    const { items, lastKey } = await table.page(
      {
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :owner',
        ExpressionAttributeValues: { ':owner': ownerPartition(ownerId) },
        ScanIndexForward: false,
        Limit: page.limit,
      },
      page.after,
    );
    return { items: items.map(complaintFromItem), ...(lastKey && { lastKey: lastKey as OwnerPageKey }) };
  },

  /** One status's queue, soonest deadline first, narrowed by the filters given, a filled page at a time. */
  async listQueue(status, filters, page) {
    const { items, lastKey } = await filledPage(
      table,
      { IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :queue', ...queueFilter(status, filters), Limit: page.limit },
      ['pk', 'sk', 'queuePk', 'queueSk'],
      page.after,
    );
    return { items: items.map(complaintFromItem), ...(lastKey && { lastKey: lastKey as QueuePageKey }) };
  },

  async listMessages(id, page) {
    const { items, lastKey } = await partitionPage(table, id, 'MESSAGE#', page);
    return { items: items.map(messageFromItem), ...(lastKey && { lastKey: lastKey as ConversationPageKey }) };
  },

  async listHistory(id, page) {
    const { items, lastKey } = await partitionPage(table, id, 'HISTORY#', page);
    return { items: items.map(historyFromItem), ...(lastKey && { lastKey: lastKey as ConversationPageKey }) };
  },

  dueBy: (now) => dueIds(table, now),
});
