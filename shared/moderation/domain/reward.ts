import type { CaseState } from '#shared/moderation/domain/case.ts';
import { iso, type Counters, type DomainEvent } from '#shared/moderation/domain/change.ts';
import { rewardPoints } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Rewards for the first valid report that led to action. A reward waits for the appeal window
 * of the decision (pending, due at its end); an appeal by the affected user holds it; the
 * appeal's decision releases it (due now) or cancels it; the settlement credits what is due.
 */

export interface PendingReward {
  noticeId: string;
  caseId: string;
  reporterKey: string;
  accountId: string;
  points: number;
  status: 'pending' | 'held' | 'paid' | 'cancelled';
  /** When it may be credited: the end of the appeal window, or now once an appeal upheld it. */
  dueAt: string;
  createdAt: string;
}

/** What an appeal's decision does to the case's reward: release it (due now) or cancel it. */
export type RewardMove = 'release' | 'cancel';

/** The reward of the case's first rewardable notice, due at `dueAt`; none without such a notice. */
export const rewardOf = (c: CaseState, dueAt: string, at: string): PendingReward | undefined =>
  c.firstRewardable && {
    noticeId: c.firstRewardable.noticeId,
    caseId: c.id,
    reporterKey: c.firstRewardable.reporterKey,
    accountId: c.firstRewardable.accountId,
    points: rewardPoints[c.category],
    status: 'pending',
    dueAt,
    createdAt: at,
  };

/**
 * The reward an appeal holds while it is decided: only the affected user's appeal holds one, and
 * only while it is pending (a credited reward stays credited). Undefined when nothing is held.
 */
export const rewardHeldByAppeal = (reward: PendingReward | undefined, appellantKind: 'affected' | 'reporter'): PendingReward | undefined =>
  appellantKind === 'affected' && reward?.status === 'pending' ? { ...reward, status: 'held' } : undefined;

/** The reward after an appeal's decision moved it; undefined when it is no longer pending or held. */
export const rewardAfterAppeal = (reward: PendingReward, move: RewardMove, now: Date): PendingReward | undefined => {
  if (reward.status !== 'pending' && reward.status !== 'held') return undefined;
  return move === 'release' ? { ...reward, status: 'pending', dueAt: iso(now) } : { ...reward, status: 'cancelled' };
};

/**
 * An appeal's decision applied to the case's reward: the reward as it leaves it and, when the
 * decision cancelled a reward that was waiting, the event that tells its reporter and the count. Undefined when
 * the reward is no longer pending or held (a credited reward stays credited).
 */
export const rewardMovedByAppeal = (
  reward: PendingReward,
  move: RewardMove,
  now: Date,
): { reward: PendingReward; events: DomainEvent[]; counters: Counters } | undefined => {
  const moved = rewardAfterAppeal(reward, move, now);
  if (!moved) return undefined;
  const cancelled: DomainEvent = {
    type: 'moderation.reward-cancelled',
    at: iso(now),
    detail: { noticeId: moved.noticeId, caseId: moved.caseId, points: moved.points },
  };
  return moved.status === 'cancelled'
    ? { reward: moved, events: [cancelled], counters: { 'rewards#cancelled': 1 } }
    : { reward: moved, events: [], counters: {} };
};

/**
 * The settlement of one reward: a pending reward whose due time has come is paid, with its
 * event and figures. Undefined for a reward that is held, cancelled, paid or not yet due.
 */
export const settleReward = (
  reward: PendingReward,
  now: Date,
): { reward: PendingReward; event: DomainEvent; counters: Counters } | undefined => {
  const at = iso(now);
  if (reward.status !== 'pending' || reward.dueAt > at) return undefined;
  return {
    reward: { ...reward, status: 'paid' },
    event: { type: 'moderation.reward-credited', at, detail: { noticeId: reward.noticeId, caseId: reward.caseId, points: reward.points } },
    counters: { 'rewards#paid': 1, 'rewards#points': reward.points },
  };
};
