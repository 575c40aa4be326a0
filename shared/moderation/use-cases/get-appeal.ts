import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { isModerator } from '#shared/moderation/use-cases/staff.ts';
import { appealOpened, moderatorRead } from '#shared/moderation/use-cases/staff-reads.ts';

/** An appeal and its reasoned reply, for its appellant and moderators (their read recorded first); anyone else gets 404. */
export const getAppeal = async (ports: Pick<ModerationPorts, 'store' | 'cipher' | 'accessLog'>, caller: Caller, id: string, accessReason?: string) => {
  const stored = await ports.store.appeals.get(id);
  const own = stored?.state.appellantId === caller.sub;
  if (!stored || (!own && !isModerator(caller))) throw new NotFoundError(`No appeal ${id}`);
  if (!own) await ports.accessLog.record(moderatorRead(caller, accessReason, [appealOpened(stored.state)]));
  return appealView(ports, stored);
};
