import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { PendingReward } from '#shared/moderation/domain/index.ts';
import { putOnce, stateOf, type Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { rewardStatusUpdate } from '#shared/moderation/store/rewards.ts';

/** Each reporter's ledger: a balance that only grows, and one entry per credited reward. */
export const createLedgerStore = (table: Table) => ({
  /** Credits a reward once: the reward leaves `pending`, the ledger entry is new, the balance only grows. */
  creditItems(r: PendingReward, now: Date): TransactItem[] {
    const at = now.toISOString();
    return [
      rewardStatusUpdate(table.name, r.noticeId, 'SET #s = :paid, paidAt = :at REMOVE duePk, dueSk', '#s = :pending AND dueAt <= :at', {
        ':paid': 'paid',
        ':pending': 'pending',
        ':at': at,
      }),
      putOnce(table.name, { ...keys.ledgerEntry(r.reporterKey, r.noticeId), entity: 'ledger-entry', noticeId: r.noticeId, caseId: r.caseId, points: r.points, creditedAt: at }),
      {
        Update: {
          TableName: table.name,
          Key: keys.balance(r.reporterKey),
          UpdateExpression: 'SET entity = :e ADD balance :points',
          // Credits only: a balance can never go below zero.
          ConditionExpression: 'attribute_not_exists(balance) OR balance >= :zero',
          ExpressionAttributeValues: { ':e': 'balance', ':points': r.points, ':zero': 0 },
        },
      },
    ];
  },

  /** A reporter's balance, ledger entries and rewards. */
  async of(reporterKey: string) {
    const [balance, entries, rewards] = await Promise.all([
      table.get<Item>(keys.balance(reporterKey), { consistent: true }),
      table.queryAll<Item>({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': keys.balance(reporterKey).pk, ':p': 'ENTRY#' } }),
      table.queryAll<Item>({ IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `REWARDS#${reporterKey}` } }),
    ]);
    return {
      balance: (balance?.balance as number | undefined) ?? 0,
      entries: entries.map((e) => ({ noticeId: e.noticeId as string, points: e.points as number, creditedAt: e.creditedAt as string })),
      rewards: rewards.map((r) => stateOf<PendingReward>(r)),
    };
  },
});
