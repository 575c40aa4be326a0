import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { AppealState } from '#shared/moderation/domain/index.ts';
import { appealRetentionDay } from '#shared/moderation/domain/personal-data.ts';
import { putOnce, putVersioned, retentionAttributes, storedOf, type Item, type Stored } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

const appealItem = (a: AppealState, personalData: Uint8Array | undefined): Item => ({
  ...keys.appeal(a.id),
  entity: 'appeal',
  gsi1pk: keys.appellantAppeals(a.appellantId),
  gsi1sk: `${a.filedAt}#${a.id}`,
  ...(a.status === 'pending' && { queuePk: keys.pendingAppealsQueue, queueSk: `${a.filedAt}#${a.id}` }),
  ...retentionAttributes(appealRetentionDay(a), keys.appeal(a.id)),
  ...a,
  personalData,
});

/** The decision an appeal is on, in its appellant's pointer: the statement, or `no-action`. */
const appealedDecisionOf = (a: Pick<AppealState, 'statementId'>) => a.statementId ?? 'no-action';

/** Appeals, and the pointers that allow one appeal per appellant and decision. */
export const createAppealStore = (table: Table) => ({
  async get(id: string): Promise<Stored<AppealState> | undefined> {
    const item = await table.get<Item>(keys.appeal(id), { consistent: true });
    return item && storedOf<AppealState>(item);
  },

  /** Every appeal of an appellant, oldest first (a person's export and erasure). */
  async allOfAppellant(appellantId: string): Promise<Stored<AppealState>[]> {
    const query = { IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.appellantAppeals(appellantId) } };
    return (await table.queryAll<Item>(query)).map((item) => storedOf<AppealState>(item));
  },

  /** Pending appeals, oldest first. */
  async pending(page: PageRequest) {
    const { items, lastKey } = await table.page<Item>(
      { IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :q', ExpressionAttributeValues: { ':q': keys.pendingAppealsQueue }, Limit: page.limit },
      page.after,
    );
    return { items: items.map((item) => storedOf<AppealState>(item)), lastKey: lastKey as PageKey | undefined };
  },

  /** An appellant's appeals on a case, oldest first, each with the decision it appealed (its statement, or `no-action`). */
  async pointers(caseId: string, appellantId: string): Promise<Array<{ appealId: string; decision: string }>> {
    const prefix = `APPEAL-BY#${appellantId}#`;
    const items = await table.queryAll<Item>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': prefix },
      ConsistentRead: true,
    });
    return items
      .map((item) => ({ appealId: item.appealId as string, decision: (item.sk as string).slice(prefix.length) }))
      .sort((a, b) => a.appealId.localeCompare(b.appealId));
  },

  /** A new appeal and its appellant's pointer: a second appeal on the same decision fails the transaction. */
  filingItems(a: AppealState, personalData: Uint8Array): TransactItem[] {
    return [
      putOnce(table.name, appealItem(a, personalData)),
      putOnce(table.name, { pk: keys.case(a.caseId).pk, sk: `APPEAL-BY#${a.appellantId}#${appealedDecisionOf(a)}`, entity: 'appeal-pointer', appealId: a.id }),
    ];
  },

  /** A changed appeal, conditional on the version it was read at. */
  changeItem(a: AppealState, personalData: Uint8Array | undefined, readVersion: number): TransactItem {
    return putVersioned(table.name, appealItem(a, personalData), readVersion);
  },
});
