import type { Caller } from '#shared/auth/caller.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { appealOpened, moderatorRead } from '#shared/moderation/use-cases/staff-reads.ts';
import { requireAccessReason } from '#shared/access-log/index.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** Moderators: the pending appeals, oldest first, a page at a time, each read recorded with the moderator's reason. */
export const listPendingAppeals = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'cursors' | 'accessLog'>,
  caller: Caller,
  query: ListQuery,
  accessReason: string | undefined,
) => {
  requireModerator(caller);
  const paging = { cursors: ports.cursors, scope: { caller: caller.sub, list: 'appeals:pending' } };
  const page = await pageRequestOf(paging, query, LIST_LIMIT_DEFAULT, (resumed) => resumed.queuePk === keys.pendingAppealsQueue);
  requireAccessReason(accessReason);
  const { items, lastKey } = await ports.store.appeals.pending(page);
  const othersAppeals = items.filter((item) => item.state.appellantId !== caller.sub);
  await ports.accessLog.record(moderatorRead(caller, accessReason, othersAppeals.map((item) => appealOpened(item.state))));
  return pageOf(paging, await Promise.all(items.map((item) => appealView(ports, item))), lastKey);
};
