import type { ContentFacts } from '#shared/moderation/domain/index.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** What triage knows of reported content from its review before publication, if it had one. */
export const contentFacts = async ({ store }: Pick<ModerationPorts, 'store'>, contentId: string): Promise<ContentFacts> => {
  const reviewId = await store.reviews.idOfContent(contentId);
  const review = reviewId ? await store.reviews.get(reviewId) : undefined;
  if (!review) return {};
  const r = review.state;
  return {
    reviewId: r.id,
    authorRef: r.authorRef,
    contentType: r.contentType,
    contentDate: r.submittedAt.slice(0, 10),
    ...(r.simhash && { simhash: r.simhash }),
    automatedApproval: r.status === 'approved' && r.decidedBy === 'automated',
  };
};
