import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { BlocklistKind } from '#shared/moderation/domain/screening.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

/** Moderators: remove an entry from its blocklist; an entry not on that list is 404. */
export const removeBlocklistEntry = async ({ store }: Pick<ModerationPorts, 'store'>, caller: Caller, kind: BlocklistKind, entryId: string) => {
  requireModerator(caller);
  if (!(await store.blocklists.remove(kind, entryId))) throw new NotFoundError(`No entry ${entryId}`);
};
