import type { Table, TransactItem } from '#shared/aws/table.ts';
import { VersionConflictError } from '#shared/errors.ts';
import type { ReviewState } from '#shared/moderation/domain/index.ts';
import { DuplicateError } from '#shared/moderation/use-cases/errors.ts';
import { putOnce, putVersioned, storedOf, type Item, type Stored } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';

const reviewItem = (r: ReviewState, personalData: Uint8Array): Item => ({ ...keys.review(r.id), entity: 'content-review', ...r, personalData });

/** Content reviews, and the pointer from each content id to its one review. */
export const createReviewStore = (table: Table) => ({
  /** A new review with its content's pointer (and `extra` items); DuplicateError if the content was submitted before. */
  async create(review: ReviewState, personalData: Uint8Array, extra: readonly TransactItem[]) {
    try {
      await table.transact([
        putOnce(table.name, reviewItem(review, personalData)),
        putOnce(table.name, { ...keys.content(review.contentId), entity: 'content', reviewId: review.id }),
        ...extra,
      ]);
    } catch (error) {
      if (error instanceof VersionConflictError) throw new DuplicateError('This content was submitted before');
      throw error;
    }
  },

  async idOfContent(contentId: string): Promise<string | undefined> {
    return (await table.get<Item>(keys.content(contentId), { consistent: true }))?.reviewId as string | undefined;
  },

  async get(id: string): Promise<Stored<ReviewState> | undefined> {
    const item = await table.get<Item>(keys.review(id), { consistent: true });
    return item && storedOf<ReviewState>(item);
  },

  /** A changed review, conditional on the version it was read at. */
  changeItem(review: ReviewState, personalData: Uint8Array): TransactItem {
    return putVersioned(table.name, reviewItem(review, personalData), review.version - 1);
  },
});
