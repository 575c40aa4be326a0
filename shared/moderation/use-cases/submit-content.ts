import type { Caller } from '#shared/auth/caller.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { ModerationConflictError, type ReviewState } from '#shared/moderation/domain/index.ts';
import { SUBMITTED_FOR_REVIEW } from '#shared/moderation/domain/promise-figures.ts';
import { revisionDigest } from '#shared/moderation/domain/content-revision.ts';
import { simhash } from '#shared/moderation/domain/simhash.ts';
import type { ContentReviewRequest } from '#shared/moderation/http/schemas/content-reviews.ts';
import type { ContentReviewView } from '#shared/moderation/http/response-schemas/content-reviews.ts';
import { DuplicateError, QueueUnavailableError } from '#shared/moderation/use-cases/errors.ts';
import { sealedAs, type ReviewPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { reviewView } from '#shared/moderation/use-cases/review-view.ts';

type Ports = Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'outbox' | 'queues' | 'clock' | 'logger'>;

/** The keyed pseudonym of a revision's digest: the digest of a short text could be reversed by guessing. */
const revisionOf = ({ pseudonyms }: Pick<Ports, 'pseudonyms'>, input: ContentReviewRequest) =>
  pseudonyms.pseudonym('content-revision', revisionDigest(input));

/**
 * A revision submitted before answers its review; a content id is the submitting client's only.
 * Undefined for a new revision (a first submission or an edit), which is screened.
 */
const reviewSubmittedBefore = async ({ store }: Pick<Ports, 'store'>, caller: Caller, contentId: string, revision: string) => {
  const content = await store.reviews.ofContent(contentId);
  if (!content) return undefined;
  const clientId = content.clientId ?? (await store.reviews.get(content.reviewId))?.state.clientId;
  if (clientId !== caller.sub) throw new ModerationConflictError('content-submitted', 'This content id was submitted before by another client.');
  const existing = await store.reviews.idOfRevision(contentId, revision);
  return existing ? (await store.reviews.get(existing))?.state : undefined;
};

const pendingReview = (caller: Caller, input: ContentReviewRequest, revision: string, now: Date): ReviewState => {
  const hash = input.text ? simhash(input.text) : undefined;
  return {
    id: newId('rev', now),
    contentId: input.contentId,
    contentType: input.contentType,
    revision,
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
 * Platform services: submit a revision of content for review before publication. Every revision
 * (content id and what it shows) has its own review: an edit is screened again, whatever the
 * review of an earlier revision said, and a repeat of a revision answers its review. The review
 * is stored pending (never publishable) with the content sealed and its event, then queued for
 * the worker. If the queue does not take it, the review stays pending and the platform resubmits
 * the same revision.
 */
export const submitContent = async (
  ports: Ports,
  caller: Caller,
  input: ContentReviewRequest,
  attempt = 1,
): Promise<{ review: ContentReviewView; duplicate: boolean }> => {
  const { store, cipher, outbox, queues, clock, logger } = ports;
  const revision = await revisionOf(ports, input);
  const before = await reviewSubmittedBefore(ports, caller, input.contentId, revision);
  if (before) return { review: reviewView(before), duplicate: true };
  const now = clock.now();
  const review = pendingReview(caller, input, revision, now);
  const personal: ReviewPersonalData = { ...(input.text && { text: input.text }), urls: input.urls, mediaHashes: input.mediaHashes };
  const sealed = await cipher.seal(sealedAs.review, review.id, { ...personal });
  const submitted = { type: 'content-review.submitted', at: review.submittedAt, detail: { reviewId: review.id, contentId: review.contentId } };
  try {
    // The review is stored: its event is published whether or not the queue takes it.
    const counted = store.figureItems(now, { [SUBMITTED_FOR_REVIEW]: 1 });
    await commitChange(outbox, { events: [submitted], at: now }, (outboxItems) => store.reviews.create(review, sealed, [...outboxItems, ...counted]));
  } catch (error) {
    // A concurrent submission won: its review (or its refusal) is the answer, read again once.
    if (error instanceof DuplicateError && attempt === 1) return submitContent(ports, caller, input, attempt + 1);
    if (error instanceof DuplicateError) throw new VersionConflictError(error.message);
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
