import { ConditionFailedError, type Table, type TransactItem } from '#shared/aws/table.ts';
import type { ReviewState } from '#shared/moderation/domain/index.ts';
import { DuplicateError } from '#shared/moderation/use-cases/errors.ts';
import { putOnce, putVersioned, storedOf, type Item, type Stored } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';

const reviewItem = (r: ReviewState, personalData: Uint8Array | undefined): Item => ({
  ...keys.review(r.id),
  entity: 'content-review',
  gsi1pk: keys.authorReviews(r.authorRef),
  gsi1sk: `${r.submittedAt}#${r.id}`,
  ...r,
  personalData,
});

/**
 * The latest review of a content id: written over by each new revision, but only by the client
 * that submitted the content first.
 */
const latestOfContent = (tableName: string, r: ReviewState): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...keys.content(r.contentId), entity: 'content', reviewId: r.id, clientId: r.clientId },
    ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(clientId) OR clientId = :client',
    ExpressionAttributeValues: { ':client': r.clientId },
  },
});

/** Content reviews, one per revision of a content id, and the pointers to them. */
export const createReviewStore = (table: Table) => ({
  /**
   * A new review of a revision, with the pointers to it (and `extra` items); DuplicateError if
   * the revision was submitted before, or the content id by another client.
   */
  async create(review: ReviewState, personalData: Uint8Array, extra: readonly TransactItem[]) {
    try {
      await table.transact([
        putOnce(table.name, reviewItem(review, personalData)),
        putOnce(table.name, { ...keys.contentRevision(review.contentId, review.revision), entity: 'content-revision', reviewId: review.id }),
        latestOfContent(table.name, review),
        ...extra,
      ]);
    } catch (error) {
      // Only the review's own three items mark a submission; the `extra` items' refusals are no duplicate.
      if (error instanceof ConditionFailedError && error.failedOn(0, 1, 2)) throw new DuplicateError('This revision or content id was submitted before');
      throw error;
    }
  },

  /** The latest review of a content id (what triage of reported content looks at). */
  async idOfContent(contentId: string): Promise<string | undefined> {
    return (await table.get<Item>(keys.content(contentId), { consistent: true }))?.reviewId as string | undefined;
  },

  /** The latest review of a content id and the client that submits it (absent on pointers written before it was kept). */
  async ofContent(contentId: string): Promise<{ reviewId: string; clientId?: string } | undefined> {
    const item = await table.get<Item>(keys.content(contentId), { consistent: true });
    return item && { reviewId: item.reviewId as string, ...(typeof item.clientId === 'string' && { clientId: item.clientId }) };
  },

  /** The review of one revision of a content id. */
  async idOfRevision(contentId: string, revision: string): Promise<string | undefined> {
    return (await table.get<Item>(keys.contentRevision(contentId, revision), { consistent: true }))?.reviewId as string | undefined;
  },

  /** Every review of an author's content, oldest first (a person's export and erasure). */
  async allOfAuthor(authorRef: string): Promise<Stored<ReviewState>[]> {
    const query = { IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.authorReviews(authorRef) } };
    return (await table.queryAll<Item>(query)).map((item) => storedOf<ReviewState>(item));
  },

  async get(id: string): Promise<Stored<ReviewState> | undefined> {
    const item = await table.get<Item>(keys.review(id), { consistent: true });
    return item && storedOf<ReviewState>(item);
  },

  /** A changed review, conditional on the version it was read at. */
  changeItem(review: ReviewState, personalData: Uint8Array | undefined): TransactItem {
    return putVersioned(table.name, reviewItem(review, personalData), review.version - 1);
  },
});
