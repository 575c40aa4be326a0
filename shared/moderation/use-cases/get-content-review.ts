import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { reviewView } from '#shared/moderation/use-cases/review-view.ts';

/** Platform services: the decision on content they submitted; another client's review is 404. */
export const getContentReview = async ({ store }: Pick<ModerationPorts, 'store'>, caller: Caller, id: string) => {
  const stored = await store.reviews.get(id);
  if (!stored || stored.state.clientId !== caller.sub) throw new NotFoundError(`No review ${id}`);
  return reviewView(stored.state);
};
