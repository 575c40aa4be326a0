import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { noticeView } from '#shared/moderation/use-cases/notice-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { isModerator } from '#shared/moderation/use-cases/staff.ts';

/** One notice with its outcome and the notifier's explanation, for its reporter or a moderator; anyone else gets 404. */
export const getNotice = async (ports: Pick<ModerationPorts, 'store' | 'cipher'>, caller: Caller, id: string) => {
  const stored = await ports.store.notices.get(id);
  if (!stored || (stored.state.reporterKey !== `user:${caller.sub}` && !isModerator(caller))) throw new NotFoundError(`No notice ${id}`);
  return noticeView(ports, stored, true);
};
