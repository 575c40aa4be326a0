import type { Caller } from '#shared/auth/caller.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** Moderators: the pending appeals, oldest first, a page at a time. */
export const listPendingAppeals = async (ports: Pick<ModerationPorts, 'store' | 'cipher'>, caller: Caller, query: ListQuery) => {
  requireModerator(caller);
  const page = pageRequestOf(query, LIST_LIMIT_DEFAULT, (resumed) => resumed.queuePk === keys.pendingAppealsQueue);
  const { items, lastKey } = await ports.store.appeals.pending(page);
  return pageOf(await Promise.all(items.map((item) => appealView(ports, item))), lastKey);
};
