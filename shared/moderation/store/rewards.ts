import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { PendingReward } from '#shared/moderation/domain/index.ts';
import { putOnce, stateOf, type Item } from '#shared/moderation/store/items.ts';
import { keys, REWARD_SHARDS, rewardDuePartition, rewardShardOf } from '#shared/moderation/store/keys.ts';

const rewardItem = (r: PendingReward): Item => ({
  ...keys.reward(r.noticeId),
  entity: 'reward',
  gsi1pk: `REWARDS#${r.reporterKey}`,
  gsi1sk: `${r.createdAt}#${r.noticeId}`,
  ...(r.status === 'pending' && { duePk: rewardDuePartition(rewardShardOf(r.noticeId)), dueSk: `${r.dueAt}#${r.noticeId}` }),
  ...r,
});

export const rewardStatusUpdate = (tableName: string, noticeId: string, update: string, condition: string, values: Record<string, unknown>): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: keys.reward(noticeId),
    UpdateExpression: update,
    ConditionExpression: condition,
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: values,
  },
});

/** Rewards of actioned notices, and each reporter's ledger: credits only, each exactly once. */
export const createRewardStore = (table: Table) => ({
  async get(noticeId: string): Promise<PendingReward | undefined> {
    const item = await table.get<Item>(keys.reward(noticeId), { consistent: true });
    return item && stateOf<PendingReward>(item);
  },

  /** The notices whose reward is due by `now`, shard by shard (a sparse index: only pending rewards are in it). */
  async *due(now: Date): AsyncGenerator<string> {
    for (let shard = 0; shard < REWARD_SHARDS; shard += 1) {
      const items = await table.queryAll<Item>({
        IndexName: 'byDue',
        KeyConditionExpression: 'duePk = :p AND dueSk <= :now',
        ExpressionAttributeValues: { ':p': rewardDuePartition(shard), ':now': `${now.toISOString()}#~` },
        ProjectionExpression: 'noticeId',
      });
      for (const item of items) yield item.noticeId as string;
    }
  },

  grantItem(r: PendingReward): TransactItem {
    return putOnce(table.name, rewardItem(r));
  },

  /** The reward waits while the decision is under appeal. */
  holdItem(noticeId: string): TransactItem {
    return rewardStatusUpdate(table.name, noticeId, 'SET #s = :held REMOVE duePk, dueSk', '#s = :pending', { ':held': 'held', ':pending': 'pending' });
  },

  /** After an appeal: the reward is due now (`release`) or never (`cancel`). */
  moveItem(noticeId: string, move: 'release' | 'cancel', now: Date): TransactItem {
    if (move === 'cancel') {
      return rewardStatusUpdate(table.name, noticeId, 'SET #s = :cancelled REMOVE duePk, dueSk', '#s IN (:held, :pending)', {
        ':cancelled': 'cancelled',
        ':held': 'held',
        ':pending': 'pending',
      });
    }
    return rewardStatusUpdate(table.name, noticeId, 'SET #s = :pending, dueAt = :now, duePk = :shard, dueSk = :dueSk', '#s IN (:held, :pending)', {
      ':pending': 'pending',
      ':held': 'held',
      ':now': now.toISOString(),
      ':shard': rewardDuePartition(rewardShardOf(noticeId)),
      ':dueSk': `${now.toISOString()}#${noticeId}`,
    });
  },
});
