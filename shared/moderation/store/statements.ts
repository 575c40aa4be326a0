import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/index.ts';
import { putOnce, stateOf, type Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

/** Statements of reasons: written once, never updated; listed by day for the Transparency Database export. */
export const createStatementStore = (table: Table) => ({
  async get(puid: string): Promise<StatementOfReasons | undefined> {
    const item = await table.get<Item>(keys.statement(puid), { consistent: true });
    return item && stateOf<StatementOfReasons>(item);
  },

  async ofDay(day: string, page: PageRequest) {
    const { items, lastKey } = await table.page<Item>(
      { IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.statementsOfDay(day) }, Limit: page.limit },
      page.after,
    );
    return { items: items.map((item) => stateOf<StatementOfReasons>(item)), lastKey: lastKey as PageKey | undefined };
  },

  /** The puids of the statements concerning an account, oldest first, through their pointers. */
  async concerning(accountId: string): Promise<string[]> {
    const query = { IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.affectedStatements(accountId) } };
    return (await table.queryAll<Item>(query)).map((item) => item.puid as string);
  },

  /** The pointer from the account the statement concerns, written with it; none for a statement that names no account. */
  affectedItems(s: StatementOfReasons): TransactItem[] {
    if (!s.affectedAccountId) return [];
    return [
      putOnce(table.name, {
        ...keys.statementAffected(s.puid),
        entity: 'statement-affected',
        gsi1pk: keys.affectedStatements(s.affectedAccountId),
        gsi1sk: `${s.createdAt}#${s.puid}`,
        puid: s.puid,
      }),
    ];
  },

  issueItem(s: StatementOfReasons): TransactItem {
    return putOnce(table.name, {
      ...keys.statement(s.puid),
      entity: 'statement',
      gsi1pk: keys.statementsOfDay(s.createdAt.slice(0, 10)),
      gsi1sk: `${s.createdAt}#${s.puid}`,
      ...s,
    });
  },
});
