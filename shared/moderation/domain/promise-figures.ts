import type { PendingReward } from '#shared/moderation/domain/reward.ts';
import type { Counters } from '#shared/moderation/domain/change.ts';

/**
 * Two of the platform's promises are trust and safety's to keep, and counted here as things
 * happen: content is reviewed before it is published (every revision submitted is screened), and
 * valid reports are rewarded (a reward is credited once due, the settlement running hourly).
 */

/** A revision submitted for review (the worker counts `screened` when it screens one). */
export const SUBMITTED_FOR_REVIEW = 'contentReviews#submitted';
/** A reward credited more than REWARD_GRACE_HOURS after it fell due. */
const REWARD_PAID_LATE = 'rewards#paidLate';

/** How long after falling due a reward may wait for the hourly settlement and still be on time. */
const REWARD_GRACE_HOURS = 24;

/** The counter of a reward credited at `at`: late when past its due time by more than the grace. */
export const rewardTimelinessCounters = (reward: Pick<PendingReward, 'dueAt'>, at: Date): Counters =>
  at.getTime() - Date.parse(reward.dueAt) > REWARD_GRACE_HOURS * 3_600_000 ? { [REWARD_PAID_LATE]: 1 } : {};

export interface PromiseFigures {
  contentReviews: { submitted: number; screened: number };
  rewards: { credited: number; creditedLate: number };
}

/** The counts of a period that say whether trust and safety's promises were kept. */
export const promiseFiguresOf = (counters: Counters): PromiseFigures => ({
  contentReviews: { submitted: counters[SUBMITTED_FOR_REVIEW] ?? 0, screened: counters.screened ?? 0 },
  rewards: { credited: counters['rewards#paid'] ?? 0, creditedLate: counters[REWARD_PAID_LATE] ?? 0 },
});
