import type { Caller } from '#shared/auth/caller.ts';
import type { BlocklistKind } from '#shared/moderation/domain/screening.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import { sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** Moderators: one blocklist, a page at a time, each value and reason opened with the data key. */
export const listBlocklist = async ({ store, cipher }: Pick<ModerationPorts, 'store' | 'cipher'>, caller: Caller, kind: BlocklistKind, query: ListQuery) => {
  requireModerator(caller);
  const page = pageRequestOf(query, LIST_LIMIT_DEFAULT, (resumed) => resumed.pk === keys.blocklist(kind, '').pk);
  const { items, lastKey } = await store.blocklists.list(kind, page);
  const views = await Promise.all(
    items.map(async (item) => {
      const { value, reason } = await cipher.open<{ value: string; reason: string }>(sealedAs.blocklistValue, item.id, item.personalData);
      return { id: item.id, kind, value, reason, addedBy: item.addedBy, addedAt: item.addedAt };
    }),
  );
  return pageOf(views, lastKey);
};
