import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { granularities, periodOf, type Granularity } from '#shared/figures/periods.ts';

/**
 * Figures kept as events happen: every change adds to counters of its day, month and quarter in
 * the same transaction that stores it, so a period's figures are a few reads whatever the
 * number of complaints, and are never counted twice.
 */

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type Counters = Record<string, number>;

const CURRENT = 'current';

const addExpression = (counters: Counters) => {
  const entries = Object.entries(counters).filter(([, v]) => v !== 0);
  return {
    UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
    empty: entries.length === 0,
  };
};

export const createFiguresStore = (db: DynamoDBDocumentClient, tableName: string, context: string) => {
  const key = (granularity: Granularity | typeof CURRENT, period: string) => ({ pk: `${context}#${granularity}`, sk: period });

  const update = (k: Record<string, string>, counters: Counters): TransactItem[] => {
    const { empty, ...expression } = addExpression(counters);
    return empty ? [] : [{ Update: { TableName: tableName, Key: k, ...expression } }];
  };

  return {
    /** Transaction items adding `counters` to the day, month and quarter containing `at` (or only the granularities named). */
    periodUpdates: (at: Date, counters: Counters, only: readonly Granularity[] = granularities): TransactItem[] =>
      only.flatMap((g) => update(key(g, periodOf(at, g)), counters)),

    /** A transaction item adding to the running totals (the current backlog by status). */
    currentUpdate: (name: string, counters: Counters): TransactItem[] => update(key(CURRENT, name), counters),

    async current(name: string): Promise<Counters> {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(CURRENT, name), ConsistentRead: true }));
      return countersOf(Item);
    },

    /** Periods from `from` to `to` (inclusive, same granularity), oldest first; missing periods are absent. */
    async range(granularity: Granularity, from: string, to: string): Promise<Array<{ period: string; counters: Counters }>> {
      const out: Array<{ period: string; counters: Counters }> = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': `${context}#${granularity}`, ':from': from, ':to': to },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) out.push({ period: String(item.sk), counters: countersOf(item) });
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    /** Overwrites named values of the periods containing `at` (a snapshot, e.g. the backlog at the last sweep). */
    async snapshot(at: Date, values: Counters): Promise<void> {
      const entries = Object.entries(values);
      if (entries.length === 0) return;
      for (const g of granularities) {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key(g, periodOf(at, g)),
            UpdateExpression: `SET ${entries.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#s${i}`, name])),
            ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:s${i}`, value])),
          }),
        );
      }
    },
  };
};

const countersOf = (item: Record<string, unknown> | undefined): Counters =>
  Object.fromEntries(
    Object.entries(item ?? {}).filter(([name, value]) => name !== 'pk' && name !== 'sk' && typeof value === 'number'),
  ) as Counters;

export type FiguresStore = ReturnType<typeof createFiguresStore>;
