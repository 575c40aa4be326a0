import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { noticeView } from '#shared/moderation/use-cases/notice-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { isModerator } from '#shared/moderation/use-cases/staff.ts';
import { isOwnNotice, moderatorRead, noticeOpened } from '#shared/moderation/use-cases/staff-reads.ts';

/**
 * One notice with its outcome and the notifier's explanation, for its reporter or a moderator
 * (whose read is recorded in the access log first); anyone else gets 404.
 */
export const getNotice = async (ports: Pick<ModerationPorts, 'store' | 'cipher' | 'accessLog'>, caller: Caller, id: string, accessReason?: string) => {
  const stored = await ports.store.notices.get(id);
  const own = stored !== undefined && isOwnNotice(caller, stored.state);
  if (!stored || (!own && !isModerator(caller))) throw new NotFoundError(`No notice ${id}`);
  if (!own) await ports.accessLog.record(moderatorRead(caller, accessReason, [noticeOpened(stored.state)]));
  return noticeView(ports, stored, true);
};
