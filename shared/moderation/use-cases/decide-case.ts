import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';
import { decideCase as decide, moderationPolicy, type DecisionInput } from '#shared/moderation/domain/index.ts';
import { applyMisuse } from '#shared/moderation/use-cases/apply-misuse.ts';
import { caseView } from '#shared/moderation/use-cases/case-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';
import { reviewFollowUp } from '#shared/moderation/use-cases/review-follow-up.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

/**
 * Moderators: decide a claimed case. The decision, its statement of reasons (for a restriction),
 * the reporter's reward, the reporters' standing, the content review it settles and the figures
 * are written in one transaction with the events; then the reporters of manifestly unfounded
 * notices take the misuse policy's next step (if that fails, the decision stands).
 */
export const decideCase = async (ports: Pick<ModerationPorts, 'store' | 'outbox' | 'clock' | 'logger'>, caller: Caller, id: string, input: DecisionInput) => {
  requireModerator(caller);
  const { store, outbox, clock, logger } = ports;
  const change = await retrying(async () => {
    const c = await store.cases.get(id);
    if (!c) throw new NotFoundError(`No case ${id}`);
    const now = clock.now();
    const notices = await store.cases.notices(id);
    const change = decide({ caseState: c, moderatorId: caller.sub, decision: input, notices, puid: newId('sor', now), now, policy: moderationPolicy });
    const follow = await reviewFollowUp(ports, change.caseState, now);
    const items = [...store.decisionItems({ ...change, at: now }), ...follow.items];
    await commitChange(outbox, { events: [...change.events, ...follow.events], at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    return change;
  });
  try {
    await applyMisuse(ports, change.misuse);
  } catch (error) {
    // The decision stands; the misuse policy is applied again at the reporter's next strike.
    logger.warn('Misuse policy not applied', { caseId: id, errorName: (error as Error).name });
  }
  return { case: caseView(change.caseState), ...(change.statement && { statementId: change.statement.puid }) };
};
