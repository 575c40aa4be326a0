import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { staffReaderRoles } from '#shared/moderation/use-cases/staff.ts';
import { statementView } from '#shared/moderation/use-cases/statement-view.ts';

/**
 * DSA Art. 17: a statement of reasons, for the account it affects and for staff, with where its
 * appeal stands. Anyone else gets 404, checked before the case and appeal are read, so they learn
 * nothing (at the cost of one read).
 */
export const getStatement = async (ports: Pick<ModerationPorts, 'store'>, caller: Caller, puid: string) => {
  const statement = await ports.store.statements.get(puid);
  const staff = hasRole(caller, ...staffReaderRoles);
  if (!statement || (!staff && statement.affectedAccountId !== caller.sub)) throw new NotFoundError(`No statement ${puid}`);
  return statementView(ports, statement);
};
