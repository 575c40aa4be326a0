import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';
import { moderationPolicy, screenReview } from '#shared/moderation/domain/index.ts';
import { screeningVerdict, type ScreeningOutcome } from '#shared/moderation/domain/screening.ts';
import { openUnlessErased, sealedAs, type ReviewPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';
import { screeningFindings } from '#shared/moderation/use-cases/screening-findings.ts';

/**
 * The content-review worker: screens one pending review against the blocklists, the rules and
 * the near-duplicates of removed content, and approves it, or holds it or sends it to human
 * review with a screening case, in one transaction with the events. Idempotent: a review decided
 * before (a concurrent or repeated delivery) is left alone.
 */
export const screenContent = (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'outbox' | 'clock'>,
  reviewId: string,
): Promise<ScreeningOutcome | 'already-screened' | 'unknown'> => {
  const { store, cipher, outbox, clock } = ports;
  return retrying(async () => {
    const stored = await store.reviews.get(reviewId);
    if (!stored) return 'unknown';
    if (stored.state.status !== 'pending') return 'already-screened';
    const r = stored.state;
    // Content its author had erased before it was screened is screened as empty.
    const personal = (await openUnlessErased<ReviewPersonalData & Record<string, unknown>>(cipher, sealedAs.review, r.id, stored.personalData)) ?? { urls: [], mediaHashes: [] };
    const verdict = screeningVerdict(await screeningFindings(ports, r, personal));
    const now = clock.now();
    const change = screenReview({ review: r, verdict, newCaseId: newId('case', now), now, policy: moderationPolicy });
    const items = [
      store.reviews.changeItem(change.review, stored.personalData),
      ...(change.caseState ? store.cases.openingItems(change.caseState, change.history) : []),
      ...store.figureItems(now, change.counters),
    ];
    await commitChange(outbox, { events: change.events, at: now }, (outboxItems) => store.transact([...items, ...outboxItems]));
    return verdict.outcome;
  });
};
