import { commitChange } from '#shared/events/outbox.ts';
import { misuseStep, moderationPolicy, type MisuseTrigger } from '#shared/moderation/domain/index.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';

/**
 * DSA Art. 23: after a decision that found notices manifestly unfounded, each of their reporters
 * takes the misuse policy's next step (a warning, then a suspension of reporting), with its event
 * naming the notice that struck.
 */
export const applyMisuse = async ({ store, outbox, clock }: Pick<ModerationPorts, 'store' | 'outbox' | 'clock'>, triggers: readonly MisuseTrigger[]) => {
  for (const { reporterKey, noticeId } of triggers) {
    await retrying(async () => {
      const profile = await store.reporters.get(reporterKey);
      if (!profile) return;
      const now = clock.now();
      const step = misuseStep(profile, noticeId, now, moderationPolicy);
      if (!step) return;
      const items = [store.reporters.changeItem(step.profile, profile.version), ...store.figureItems(now, step.counters)];
      await commitChange(outbox, { events: [step.event], at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    });
  }
};
