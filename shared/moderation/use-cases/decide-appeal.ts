import type { TransactItem } from '#shared/aws/table.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';
import {
  decideAppeal as decide,
  moderationPolicy,
  rewardMovedByAppeal,
  type AppealDecisionInput,
  type AppealState,
  type CaseState,
  type Counters,
  type DomainEvent,
} from '#shared/moderation/domain/index.ts';
import type { Stored } from '#shared/moderation/store/items.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import { ERASED } from '#shared/moderation/domain/personal-data.ts';
import { openUnlessErased, sealedAs, type AppealPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';
import { reviewFollowUp } from '#shared/moderation/use-cases/review-follow-up.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

type Ports = Pick<ModerationPorts, 'store' | 'cipher' | 'outbox' | 'clock'>;
type AppealDecision = ReturnType<typeof decide>;

/** The appeal and the case it is on. */
const appealAndCase = async ({ store }: Pick<Ports, 'store'>, id: string): Promise<{ stored: Stored<AppealState>; caseState: CaseState }> => {
  const stored = await store.appeals.get(id);
  if (!stored) throw new NotFoundError(`No appeal ${id}`);
  const caseState = await store.cases.get(stored.state.caseId);
  if (!caseState) throw new NotFoundError(`No case ${stored.state.caseId}`);
  return { stored, caseState };
};

/**
 * The reward of the case's first rewardable notice moves with the appeal's outcome (released or
 * cancelled, with its event and its count), if it still waits.
 */
const rewardMove = async (
  { store }: Pick<Ports, 'store'>,
  c: CaseState,
  result: AppealDecision,
  now: Date,
): Promise<{ items: TransactItem[]; events: DomainEvent[]; counters: Counters }> => {
  const rewardId = c.firstRewardable?.noticeId;
  const move = result.rewardMove;
  const none = { items: [], events: [], counters: {} };
  if (!rewardId || !move) return none;
  const reward = await store.rewards.get(rewardId);
  const moved = reward && rewardMovedByAppeal(reward, move, now);
  return moved ? { items: [store.rewards.moveItem(rewardId, move, now)], events: moved.events, counters: moved.counters } : none;
};

/**
 * Moderators: decide an appeal (never the moderator who took the decision): upheld, partly
 * reversed (with the lesser measure and its statement) or reversed. The case, the appeal with
 * the reasoned reply sealed, the new statement, the reward's move, the reporters' standing, the
 * content review it settles and the figures are written in one transaction with the events.
 */
export const decideAppeal = async (ports: Ports, caller: Caller, id: string, input: AppealDecisionInput) => {
  requireModerator(caller);
  const { store, cipher, outbox, clock } = ports;
  const { result, personal } = await retrying(async () => {
    const { stored, caseState: c } = await appealAndCase(ports, id);
    const now = clock.now();
    const notices = await store.cases.notices(c.id);
    const result = decide({ caseState: c, appeal: stored.state, moderatorId: caller.sub, decision: input, puid: newId('sor', now), now, notices, policy: moderationPolicy });
    const follow = await reviewFollowUp(ports, result.caseState, now);
    const opened = await openUnlessErased<AppealPersonalData & Record<string, unknown>>(cipher, sealedAs.appeal, id, stored.personalData);
    const personal: AppealPersonalData = { explanation: ERASED, ...opened, decisionExplanation: input.explanation };
    const reward = await rewardMove(ports, c, result, now);
    const items = [
      // One set of figure updates for the whole change: a second one could pick the same shard item.
      ...store.decisionItems({ ...result, counters: { ...result.counters, ...reward.counters }, at: now }),
      store.appeals.changeItem(result.appeal, await cipher.seal(sealedAs.appeal, id, { ...personal }), stored.state.version),
      ...reward.items,
      ...follow.items,
    ];
    const events = [...result.events, ...reward.events, ...follow.events];
    await commitChange(outbox, { events, at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    return { result, personal };
  });
  return appealView(ports, { state: result.appeal }, personal);
};
