import type { Caller } from '#shared/auth/caller.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';
import { ModerationConflictError, type ReviewState } from '#shared/moderation/domain/index.ts';
import { simhash } from '#shared/moderation/domain/simhash.ts';
import type { ContentReviewRequest, ContentReviewView } from '#shared/moderation/http/schemas/content-reviews.ts';
import { DuplicateError, QueueUnavailableError } from '#shared/moderation/use-cases/errors.ts';
import { sealedAs, type ReviewPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { reviewView } from '#shared/moderation/use-cases/review-view.ts';

type Ports = Pick<ModerationPorts, 'store' | 'cipher' | 'outbox' | 'queues' | 'clock' | 'logger'>;

/** A content id submitted before answers its review, to the client that submitted it only. */
const reviewSubmittedBefore = async ({ store }: Pick<Ports, 'store'>, caller: Caller, contentId: string) => {
  const existing = await store.reviews.idOfContent(contentId);
  if (!existing) return undefined;
  const stored = await store.reviews.get(existing);
  if (stored && stored.state.clientId === caller.sub) return stored.state;
  throw new ModerationConflictError('content-submitted', 'This content id was submitted before by another client.');
};

const pendingReview = (caller: Caller, input: ContentReviewRequest, now: Date): ReviewState => {
  const hash = input.text ? simhash(input.text) : undefined;
  return {
    id: newId('rev', now),
    contentId: input.contentId,
    contentType: input.contentType,
    authorRef: input.authorRef,
    clientId: caller.sub,
    submittedAt: now.toISOString(),
    status: 'pending',
    signals: [],
    ...(hash && { simhash: hash }),
    version: 1,
  };
};

/**
 * Platform services: submit content for review before publication. The review is stored pending
 * (never publishable) with the content sealed and its event, then queued for the worker; a
 * repeat of the content id answers its review. If the queue does not take it, the review stays
 * pending and the platform resubmits the same content id.
 */
export const submitContent = async (ports: Ports, caller: Caller, input: ContentReviewRequest): Promise<{ review: ContentReviewView; duplicate: boolean }> => {
  const { store, cipher, outbox, queues, clock, logger } = ports;
  const before = await reviewSubmittedBefore(ports, caller, input.contentId);
  if (before) return { review: reviewView(before), duplicate: true };
  const now = clock.now();
  const review = pendingReview(caller, input, now);
  const personal: ReviewPersonalData = { ...(input.text && { text: input.text }), urls: input.urls, mediaHashes: input.mediaHashes };
  const sealed = await cipher.seal(sealedAs.review, review.id, { ...personal });
  const submitted = { type: 'content-review.submitted', at: review.submittedAt, detail: { reviewId: review.id, contentId: review.contentId } };
  try {
    // The review is stored: its event is published whether or not the queue takes it.
    await commitChange(outbox, { events: [submitted], at: now }, (outboxItems) => store.reviews.create(review, sealed, outboxItems));
  } catch (error) {
    if (error instanceof DuplicateError) return submitContent(ports, caller, input);
    throw error;
  }
  try {
    await queues.send('contentReview', { reviewId: review.id });
  } catch (error) {
    logger.warn('Content review not queued', { errorName: (error as Error).name });
    throw new QueueUnavailableError('The content could not be queued for review; resubmit it.');
  }
  return { review: reviewView(review), duplicate: false };
};
