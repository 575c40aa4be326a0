import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { ModerationForbiddenError } from '#shared/moderation/domain/index.ts';
import type { AuthorityOrderState } from '#shared/moderation/domain/authority-order.ts';
import { AUTHORITY_ORDERS_QUEUE } from '#shared/moderation/store/authority-orders.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { staffReaderRoles } from '#shared/moderation/use-cases/staff.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** An order as staff read it: everything but the store's version. */
const orderView = ({ version: _version, ...order }: AuthorityOrderState) => order;

const requireStaffReader = (caller: Caller) => {
  if (!hasRole(caller, ...staffReaderRoles)) throw new ModerationForbiddenError('The register of authority orders is for staff (moderator, admin, comms).');
};

/** Staff: the register of authority orders, newest receipt first, a page at a time. */
export const listAuthorityOrders = async ({ store, cursors }: Pick<ModerationPorts, 'store' | 'cursors'>, caller: Caller, query: ListQuery) => {
  requireStaffReader(caller);
  const paging = { cursors, scope: { caller: caller.sub, list: 'authority-orders' } };
  const page = await pageRequestOf(paging, query, LIST_LIMIT_DEFAULT, (resumed) => resumed.queuePk === AUTHORITY_ORDERS_QUEUE);
  const { items, lastKey } = await store.authorityOrders.list(page);
  return pageOf(paging, items.map(orderView), lastKey);
};

/** Staff: one authority order. */
export const getAuthorityOrder = async ({ store }: Pick<ModerationPorts, 'store'>, caller: Caller, id: string) => {
  requireStaffReader(caller);
  const order = await store.authorityOrders.get(id);
  if (!order) throw new NotFoundError(`No authority order ${id}`);
  return orderView(order);
};

export { orderView };
