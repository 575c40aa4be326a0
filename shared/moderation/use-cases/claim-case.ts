import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { claimCase as claim, moderationPolicy } from '#shared/moderation/domain/index.ts';
import { caseView } from '#shared/moderation/use-cases/case-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

/**
 * Moderators: take a case for a lease, so that no two decide it at once (an expired lease may be
 * taken over). A moderator who reported the content or wrote it may not take the case.
 */
export const claimCase = async ({ store, clock }: Pick<ModerationPorts, 'store' | 'clock'>, caller: Caller, id: string) => {
  requireModerator(caller);
  return retrying(async () => {
    const c = await store.cases.get(id);
    if (!c) throw new NotFoundError(`No case ${id}`);
    const { caseState, history } = claim(c, caller.sub, clock.now(), moderationPolicy, await store.cases.notices(id));
    await store.transact(store.cases.changeItems(caseState, history));
    return caseView(caseState);
  });
};
