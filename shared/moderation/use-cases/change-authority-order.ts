import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { confirmReceipt, recordEffect, type AuthorityOrderChange, type AuthorityOrderState } from '#shared/moderation/domain/authority-order.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

type Ports = Pick<ModerationPorts, 'store' | 'clock'>;
type Step = (order: AuthorityOrderState, at: string, now: Date) => AuthorityOrderChange;

/**
 * One step of an order (receipt confirmed, effect given) at `at` (now when not given): the order
 * over the version read and the step's histogram counter in its receipt's periods, in one
 * transaction. A concurrent step answers 409 concurrent-update.
 */
const stepOf =
  (step: Step) =>
  async (ports: Ports, caller: Caller, id: string, at: string | undefined): Promise<AuthorityOrderState> => {
    requireModerator(caller);
    const { store } = ports;
    const order = await store.authorityOrders.get(id);
    if (!order) throw new NotFoundError(`No authority order ${id}`);
    const now = ports.clock.now();
    const change = step(order, at ?? now.toISOString(), now);
    await store.transact([store.authorityOrders.changeItem(change.order, order.version), ...store.figureItems(new Date(order.receivedAt), change.counters)]);
    return change.order;
  };

/** Moderators: receipt of the order confirmed to its authority. */
export const confirmOrderReceipt = stepOf(confirmReceipt);

/** Moderators: the effect given to the order, after its receipt was confirmed. */
export const recordOrderEffect = stepOf(recordEffect);
