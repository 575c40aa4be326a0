import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { FiguresQuery } from '#shared/figures/query.ts';
import { ModerationForbiddenError } from '#shared/moderation/domain/index.ts';
import { figuresView } from '#shared/moderation/use-cases/figures-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { staffReaderRoles } from '#shared/moderation/use-cases/staff.ts';

/** Staff: the trust-and-safety figures of a range of periods (DSA Art. 15 and 24 headings), each period and the total. */
export const readFigures = async ({ figures }: Pick<ModerationPorts, 'figures'>, caller: Caller, query: FiguresQuery) => {
  if (!hasRole(caller, ...staffReaderRoles)) throw new ModerationForbiddenError('The figures are for staff (moderator, admin, comms).');
  return figuresView(query, await figures.range(query.granularity, query.from, query.to));
};
