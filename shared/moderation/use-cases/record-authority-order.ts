import type { Caller } from '#shared/auth/caller.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { newId } from '#shared/ids.ts';
import { ModerationConflictError } from '#shared/moderation/domain/index.ts';
import { recordAuthorityOrder, type AuthorityOrderInput, type AuthorityOrderState } from '#shared/moderation/domain/authority-order.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

/**
 * Moderators: record an order a Member State's authority sent (DSA Art. 9 or 10) as received, with
 * its counters in the periods of its receipt, in one transaction. The same Member State and
 * reference twice is refused (409 order-recorded, naming the order), so a repeat counts nothing.
 */
export const recordOrder = async (ports: Pick<ModerationPorts, 'store' | 'clock'>, caller: Caller, input: AuthorityOrderInput): Promise<AuthorityOrderState> => {
  requireModerator(caller);
  const now = ports.clock.now();
  const { order, counters } = recordAuthorityOrder(input, { id: newId('aor', now), staffId: caller.sub, now });
  const { store } = ports;
  try {
    await store.transact([...store.authorityOrders.recordItems(order), ...store.figureItems(new Date(order.receivedAt), counters)]);
  } catch (error) {
    if (error instanceof ConditionFailedError && error.failedOn(1)) {
      const existing = await store.authorityOrders.idOfReference(order);
      throw new ModerationConflictError('order-recorded', `This order is recorded already as ${existing ?? 'another order'}`);
    }
    throw error;
  }
  return order;
};
