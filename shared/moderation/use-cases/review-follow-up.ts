import type { TransactItem } from '#shared/aws/table.ts';
import { effectiveAction, reviewAfterDecision, type CaseState, type DomainEvent } from '#shared/moderation/domain/index.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** What a decided case does to its content review (screening cases) and to the near-duplicate index of removed content. */
export const reviewFollowUp = async ({ store }: Pick<ModerationPorts, 'store'>, c: CaseState, now: Date): Promise<{ items: TransactItem[]; events: DomainEvent[] }> => {
  if (!c.decision) return { items: [], events: [] };
  const items = effectiveAction(c.decision) === 'remove' && c.content.simhash ? store.nearDuplicates.removedContentItems(c.contentId, c.content.simhash) : [];
  const review = c.content.reviewId ? await store.reviews.get(c.content.reviewId) : undefined;
  const decided = review && reviewAfterDecision(review.state, c, now);
  if (!decided) return { items, events: [] };
  return { items: [...items, store.reviews.changeItem(decided.review, review.personalData)], events: [decided.event] };
};
