import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { isModerator } from '#shared/moderation/use-cases/staff.ts';

/** An appeal and its reasoned reply, for its appellant and moderators; anyone else gets 404. */
export const getAppeal = async (ports: Pick<ModerationPorts, 'store' | 'cipher'>, caller: Caller, id: string) => {
  const stored = await ports.store.appeals.get(id);
  if (!stored || (stored.state.appellantId !== caller.sub && !isModerator(caller))) throw new NotFoundError(`No appeal ${id}`);
  return appealView(ports, stored);
};
