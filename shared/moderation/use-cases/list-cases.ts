import type { Caller } from '#shared/auth/caller.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { caseView } from '#shared/moderation/use-cases/case-view.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** Moderators: the cases of one status, highest priority first, then oldest, a page at a time. */
export const listCases = async ({ store, cursors }: Pick<ModerationPorts, 'store' | 'cursors'>, caller: Caller, query: ListQuery & { status: string }) => {
  requireModerator(caller);
  const paging = { cursors, scope: { caller: caller.sub, list: `cases:${query.status}` } };
  const page = await pageRequestOf(paging, query, LIST_LIMIT_DEFAULT, (resumed) => resumed.queuePk === keys.casesQueue(query.status));
  const { items, lastKey } = await store.cases.ofStatus(query.status, page);
  return pageOf(paging, items.map(caseView), lastKey);
};
