import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';
import { fileAppeal, ModerationConflictError, moderationPolicy, rewardHeldByAppeal, type CaseState } from '#shared/moderation/domain/index.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import { sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';

export interface Appellant {
  caseState: CaseState;
  appellantId: string;
  kind: 'affected' | 'reporter';
}

/**
 * Files the appellant's appeal on the decision of the case `resolve` reads (again on each retry).
 * The same rules for everyone: one appeal per appellant and decision (the appellant's pointer),
 * then the domain's window, standing and state checks. An appeal by the affected account holds
 * the reporter's pending reward until it is decided.
 */
export const fileAppealAs = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'outbox' | 'clock'>,
  resolve: () => Promise<Appellant>,
  explanation: string,
) => {
  const { store, cipher, outbox, clock } = ports;
  const filed = await retrying(async () => {
    const { caseState: c, appellantId, kind } = await resolve();
    const decisionKey = c.decision?.statementId ?? 'no-action';
    if ((await store.appeals.pointers(c.id, appellantId)).some((p) => p.decision === decisionKey)) {
      throw new ModerationConflictError('already-appealed', 'You appealed this decision before.');
    }
    const now = clock.now();
    const filed = fileAppeal({ caseState: c, appellantId, appellantKind: kind, id: newId('apl', now), now, policy: moderationPolicy });
    const sealed = await cipher.seal(sealedAs.appeal, filed.appeal.id, { explanation });
    const reward = kind === 'affected' && c.firstRewardable ? await store.rewards.get(c.firstRewardable.noticeId) : undefined;
    const held = rewardHeldByAppeal(reward, kind);
    const items = [
      store.cases.changeItem(filed.caseState),
      ...store.appeals.filingItems(filed.appeal, sealed),
      ...(held ? [store.rewards.holdItem(held.noticeId)] : []),
      ...store.cases.historyItems(c.id, filed.caseState.version, filed.history),
      ...store.figureItems(now, filed.counters),
    ];
    // On a conflict `retrying` reads again: a concurrent appeal by the same appellant then meets its pointer above.
    await commitChange(outbox, { events: filed.events, at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    return filed;
  });
  return appealView(ports, { state: filed.appeal }, { explanation });
};
