import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { AuthorityOrderState } from '#shared/moderation/domain/authority-order.ts';
import { putOnce, putVersioned, stateOf, type Item } from '#shared/moderation/store/items.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

/** The register's partition of the byQueue index: every order, newest receipt first. */
export const AUTHORITY_ORDERS_QUEUE = 'AUTHORITY-ORDERS';

const orderKey = (id: string) => ({ pk: `AUTHORITY-ORDER#${id}`, sk: 'ORDER' });
/** One order per Member State and authority reference: the marker that refuses recording it twice. */
const referenceKey = (o: Pick<AuthorityOrderState, 'memberState' | 'reference'>) => ({ pk: `AUTHORITY-ORDER-REF#${o.memberState}#${o.reference}`, sk: 'REF' });

const orderItem = (o: AuthorityOrderState): Item => ({
  ...orderKey(o.id),
  entity: 'authority-order',
  queuePk: AUTHORITY_ORDERS_QUEUE,
  queueSk: `${o.receivedAt}#${o.id}`,
  ...o,
});

/** The register of authority orders: one item per order, changed conditionally on its version. */
export const createAuthorityOrderStore = (table: Table) => ({
  async get(id: string): Promise<AuthorityOrderState | undefined> {
    const item = await table.get<Item>(orderKey(id), { consistent: true });
    return item && stateOf<AuthorityOrderState>(item);
  },

  /** The id of the order recorded under this Member State and reference, if any. */
  async idOfReference(o: Pick<AuthorityOrderState, 'memberState' | 'reference'>): Promise<string | undefined> {
    const item = await table.get<Item>(referenceKey(o), { consistent: true });
    return item?.orderId as string | undefined;
  },

  /** Orders, newest receipt first. */
  async list(page: PageRequest) {
    const { items, lastKey } = await table.page<Item>(
      {
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :q',
        ExpressionAttributeValues: { ':q': AUTHORITY_ORDERS_QUEUE },
        ScanIndexForward: false,
        Limit: page.limit,
      },
      page.after,
    );
    return { items: items.map((item) => stateOf<AuthorityOrderState>(item)), lastKey: lastKey as PageKey | undefined };
  },

  /** A new order and its reference marker: the same reference twice fails item 1 of the transaction. */
  recordItems(o: AuthorityOrderState): TransactItem[] {
    return [putOnce(table.name, orderItem(o)), putOnce(table.name, { ...referenceKey(o), entity: 'authority-order-reference', orderId: o.id })];
  },

  /** A changed order, conditional on the version it was read at. */
  changeItem(o: AuthorityOrderState, readVersion: number): TransactItem {
    return putVersioned(table.name, orderItem(o), readVersion);
  },
});
