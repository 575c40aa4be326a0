import { VersionConflictError } from '#shared/errors.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { settleReward } from '#shared/moderation/domain/index.ts';
import { rewardTimelinessCounters } from '#shared/moderation/domain/promise-figures.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * The scheduled settlement: credits every reward due by `now` to its reporter's ledger, each
 * exactly once, with its event. A reward another run credited, or an appeal held, in the
 * meantime is skipped.
 */
export const settleRewards = async ({ store, outbox }: Pick<ModerationPorts, 'store' | 'outbox'>, now: Date) => {
  const report = { now: now.toISOString(), due: 0, credited: 0, points: 0 };
  for await (const noticeId of store.rewards.due(now)) {
    report.due += 1;
    const reward = await store.rewards.get(noticeId);
    const settled = reward && settleReward(reward, now);
    if (!settled) continue;
    const items = [...store.ledger.creditItems(settled.reward, now), ...store.figureItems(now, { ...settled.counters, ...rewardTimelinessCounters(reward, now) })];
    try {
      await commitChange(outbox, { events: [settled.event], at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    report.credited += 1;
    report.points += settled.reward.points;
  }
  return report;
};
