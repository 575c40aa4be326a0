import type { Caller } from '#shared/auth/caller.ts';
import type { BlocklistKind } from '#shared/moderation/domain/screening.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import { sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { blocklistEntryOpened, moderatorRead } from '#shared/moderation/use-cases/staff-reads.ts';
import { requireAccessReason } from '#shared/access-log/index.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** Moderators: one blocklist, a page at a time, each value and reason opened with the data key once the read is recorded. */
export const listBlocklist = async (
  { store, cipher, cursors, accessLog }: Pick<ModerationPorts, 'store' | 'cipher' | 'cursors' | 'accessLog'>,
  caller: Caller,
  kind: BlocklistKind,
  query: ListQuery,
  accessReason: string | undefined,
) => {
  requireModerator(caller);
  const paging = { cursors, scope: { caller: caller.sub, list: `blocklist:${kind}` } };
  const page = await pageRequestOf(paging, query, LIST_LIMIT_DEFAULT, (resumed) => resumed.pk === keys.blocklist(kind, '').pk);
  requireAccessReason(accessReason);
  const { items, lastKey } = await store.blocklists.list(kind, page);
  await accessLog.record(moderatorRead(caller, accessReason, items.map((item) => blocklistEntryOpened(item.id))));
  const views = await Promise.all(
    items.map(async (item) => {
      const { value, reason } = await cipher.open<{ value: string; reason: string }>(sealedAs.blocklistValue, item.id, item.personalData);
      return { id: item.id, kind, value, reason, addedBy: item.addedBy, addedAt: item.addedAt };
    }),
  );
  return pageOf(paging, views, lastKey);
};
