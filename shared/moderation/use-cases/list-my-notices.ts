import type { Caller } from '#shared/auth/caller.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import { noticeView } from '#shared/moderation/use-cases/notice-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** The caller's notices with their outcomes, newest first, a page at a time. */
export const listMyNotices = async (ports: Pick<ModerationPorts, 'store' | 'cipher' | 'cursors'>, caller: Caller, query: ListQuery) => {
  const reporterKey = `user:${caller.sub}`;
  const paging = { cursors: ports.cursors, scope: { caller: caller.sub, list: 'notices:reporter' } };
  const page = await pageRequestOf(paging, query, LIST_LIMIT_DEFAULT, (resumed) => resumed.gsi1pk === keys.reporterNotices(reporterKey));
  const { items, lastKey } = await ports.store.notices.ofReporter(reporterKey, page);
  return pageOf(paging, await Promise.all(items.map((n) => noticeView(ports, n, false))), lastKey);
};
