import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';
import { triage } from '#shared/moderation/domain/index.ts';
import { contentFacts } from '#shared/moderation/use-cases/content-facts.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';

/**
 * One notice off the reports queue: it joins the open case of its target, or opens one (or is
 * closed as already acted on), and the notice, the case, its history and the figures are written
 * in one transaction with the events. Idempotent: a notice triaged before is left alone, and a
 * message for a notice rolled back after a failed send finds nothing to do.
 */
export const triageNotice = (ports: Pick<ModerationPorts, 'store' | 'outbox' | 'clock'>, noticeId: string): Promise<'triaged' | 'already-triaged' | 'unknown'> => {
  const { store, outbox, clock } = ports;
  return retrying(async () => {
    const stored = await store.notices.get(noticeId);
    if (!stored) return 'unknown';
    if (stored.state.status !== 'received') return 'already-triaged';
    const notice = stored.state;
    const now = clock.now();
    const [current, profile, content] = await Promise.all([
      store.cases.ofTarget(notice.targetKey),
      store.reporters.get(notice.reporterKey),
      contentFacts(ports, notice.contentId),
    ]);
    const result = triage({ notice, ...(current && { current }), content, reporterReputation: profile?.reputation ?? 0, newCaseId: newId('case', now), now });
    const items = [
      store.notices.triagedItem(result.notice, stored.personalData),
      ...(result.caseState
        ? store.cases.triageItems(result.caseState, result.notice, { opened: result.opened, readVersion: current?.version, history: result.history })
        : []),
      ...store.figureItems(now, result.counters),
    ];
    await commitChange(outbox, { events: result.events, at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    return 'triaged';
  });
};
