import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { granularities, periodOf, type Granularity } from '#shared/figures/periods.ts';

/**
 * Figures kept as events happen: every change adds to counters of its day, month and quarter in
 * the same transaction that stores it, so a period's figures are a few reads whatever the
 * number of complaints, and are never counted twice.
 *
 * Each counter item is sharded: a change adds to one of `shards` items of its period, picked at
 * random, and a read sums them. Concurrent changes then rarely touch the same item, so a burst
 * does not turn into transaction conflicts and retries on a handful of hot items, and the figures
 * stay exact and written in the change's own transaction. A shard's item is keyed
 * `<period>#<shard>` next to the period's base item (`<period>`), which holds snapshots and
 * counters written before sharding, so one Query per range still reads them all: a read costs
 * up to `shards + 1` small items per period instead of one (a Query is charged by the size it
 * reads, so a handful of 4 KB units per period).
 */

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type Counters = Record<string, number>;

const CURRENT = 'current';

/** How many items each counter is spread over: enough that a burst of concurrent changes rarely meets on one. */
const FIGURE_SHARDS = 16;

/** Sorts after every shard suffix of a key (shards are numbered with digits). */
const AFTER_SHARDS = '#~';

const shardSuffix = (shard: number) => `#${String(shard).padStart(2, '0')}`;

/** The base key a shard's item belongs to: the period or the running total's name. */
const baseOf = (sortKey: string) => sortKey.split('#')[0]!;

/** Adds `counters` into `into`, name by name. */
const addInto = (into: Counters, counters: Counters): Counters => {
  for (const [name, n] of Object.entries(counters)) into[name] = (into[name] ?? 0) + n;
  return into;
};

const addExpression = (counters: Counters) => {
  const entries = Object.entries(counters).filter(([, v]) => v !== 0);
  return {
    UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
    empty: entries.length === 0,
  };
};

/**
 * Every item of partition `pk` from base `from` to base `to` (inclusive, with their shards),
 * summed per base, in key order.
 */
const sumBetween = async (
  db: DynamoDBDocumentClient,
  query: { tableName: string; pk: string; from: string; to: string; consistent?: boolean },
): Promise<Map<string, Counters>> => {
  const { tableName, pk, from, to } = query;
  const sums = new Map<string, Counters>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': `${to}${AFTER_SHARDS}` },
        ExclusiveStartKey: start,
        ConsistentRead: query.consistent ?? false,
      }),
    );
    for (const item of page.Items ?? []) {
      const base = baseOf(String(item.sk));
      if (base < from || base > to) continue;
      sums.set(base, addInto(sums.get(base) ?? {}, countersOf(item)));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return sums;
};

export const createFiguresStore = (
  db: DynamoDBDocumentClient,
  tableName: string,
  context: string,
  options: { shards?: number; pickShard?: (shards: number) => number } = {},
) => {
  const shards = options.shards ?? FIGURE_SHARDS;
  const pickShard = options.pickShard ?? ((n: number) => Math.floor(Math.random() * n));
  const key = (granularity: Granularity | typeof CURRENT, period: string) => ({ pk: `${context}#${granularity}`, sk: period });

  /** An ADD to one shard of the item `k`, picked at random per item. */
  const update = (k: { pk: string; sk: string }, counters: Counters): TransactItem[] => {
    const { empty, ...expression } = addExpression(counters);
    const shardKey = { pk: k.pk, sk: `${k.sk}${shardSuffix(pickShard(shards))}` };
    return empty ? [] : [{ Update: { TableName: tableName, Key: shardKey, ...expression } }];
  };

  return {
    /** Transaction items adding `counters` to the day, month and quarter containing `at` (or only the granularities named). */
    periodUpdates: (at: Date, counters: Counters, only: readonly Granularity[] = granularities): TransactItem[] =>
      only.flatMap((g) => update(key(g, periodOf(at, g)), counters)),

    /** A transaction item adding to the running totals (the current backlog by status). */
    currentUpdate: (name: string, counters: Counters): TransactItem[] => update(key(CURRENT, name), counters),

    /** A running total now, summed over its shards (one strongly consistent Query). */
    async current(name: string): Promise<Counters> {
      const { pk, sk } = key(CURRENT, name);
      return (await sumBetween(db, { tableName, pk, from: sk, to: sk, consistent: true })).get(name) ?? {};
    },

    /** Periods from `from` to `to` (inclusive, same granularity), oldest first, each summed over its shards; missing periods are absent. */
    async range(granularity: Granularity, from: string, to: string): Promise<Array<{ period: string; counters: Counters }>> {
      const sums = await sumBetween(db, { tableName, pk: key(granularity, from).pk, from, to });
      return [...sums].map(([period, counters]) => ({ period, counters }));
    },

    /**
     * Overwrites named values of the periods containing `at` (a snapshot, e.g. the backlog at the
     * last sweep), on the period's base item: shards only ever add, so a snapshot is counted once.
     */
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
