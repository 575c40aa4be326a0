import type { Logger } from '@aws-lambda-powertools/logger';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { shardIndexOf } from '#shared/shards.ts';
import { readTableName } from '#shared/config.ts';
import { OUTBOX_ENTITY, type OutboxEvent, type RelayReport, relayOutbox } from '#shared/events/outbox-relay.ts';
import { type EventPublisher, eventPublisherFromEnvironment, type PublishableEvent } from '#shared/events/publisher.ts';
import type { TransactItem } from '#shared/figures/store.ts';
import type { TableDefinition } from '#shared/manifest/types.ts';

/**
 * A transactional outbox for any context whose table has string keys `pk` and `sk`.
 *
 * A change's domain events are written in the change's own TransactWrite, as one outbox item
 * (one of DynamoDB's 100 transaction items per change, however many events it raised), so no
 * event exists for a change that did not commit and none is lost for one that did. The request
 * does nothing more: the table's stream hands the new item to the context's stream relay, which
 * publishes the events and deletes the item (shared/events/outbox-stream.ts). Whatever the
 * stream relay could not publish stays, and the scheduled relay (shared/events/outbox-relay.ts)
 * publishes it once the grace period has passed, retrying an item the bus refuses and
 * quarantining it after a few attempts. Delivery is at least once: each event carries a stable
 * `eventId` for consumers to drop repeats.
 *
 * Items live in a few fixed partitions (`OUTBOX#<shard>`, sort key `<written at>#<change id>`),
 * so the scheduled relay queries each shard for what is older than the grace period and never scans.
 */

export { releaseQuarantined, toPublishable, type OutboxEvent, type RelayReport } from '#shared/events/outbox-relay.ts';

/** A change's events, ready for its transaction. */
export interface StagedEvents {
  /** The outbox item's key; absent when the change raised no events (then nothing is written). */
  key?: { pk: string; sk: string };
  events: OutboxEvent[];
  /** What to add to the change's TransactWrite: one Put, or nothing. */
  items: TransactItem[];
}

export const OUTBOX_SHARDS = 4;
/** The stream relay publishes within this time; the scheduled relay only takes what is older. */
export const OUTBOX_GRACE_MS = 60_000;

const shardPartition = (shard: number) => `OUTBOX#${shard}`;

/** Spreads changes over the shards by their id, so that no single partition takes every write. */
export const outboxShardOf = (id: string, shards = OUTBOX_SHARDS): number => shardIndexOf(id, shards);

/** The outbox item of a change's events (pure): `id` is unique per change, `at` is when it is written. */
export const stageEvents = (
  events: readonly PublishableEvent[],
  options: { tableName: string; id: string; at: Date; shards?: number; held?: boolean },
): StagedEvents => {
  if (events.length === 0) return { events: [], items: [] };
  const staged = events.map(({ type, at, detail }, i) => ({ eventId: `${options.id}:${i}`, type, at, detail }));
  const key = { pk: shardPartition(outboxShardOf(options.id, options.shards)), sk: `${options.at.toISOString()}#${options.id}` };
  return {
    key,
    events: staged,
    items: [
      {
        Put: {
          TableName: options.tableName,
          Item: { ...key, entity: options.held ? OUTBOX_HELD_ENTITY : OUTBOX_ENTITY, writtenAt: options.at.toISOString(), events: staged },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
  };
};

/**
 * A held item's entity: the stream relay passes it by until the request releases it (`release`);
 * the scheduled relay publishes it after the grace period like any other, should the request stop
 * between its commit and the release.
 */
const OUTBOX_HELD_ENTITY = 'outbox-held';

/** The relay's key condition on one shard (pure): items written before `now - graceMs`. */
export const dueCondition = (shard: number, now: Date, graceMs = OUTBOX_GRACE_MS) => ({
  KeyConditionExpression: 'pk = :pk AND sk < :cutoff',
  ExpressionAttributeValues: { ':pk': shardPartition(shard), ':cutoff': new Date(now.getTime() - graceMs).toISOString() },
});

/** The outbox writer of a table: what use cases stage in their transactions. It publishes nothing. */
export const createOutbox = (deps: { db: DynamoDBDocumentClient; tableName: string; shards?: number }) => {
  const { db, tableName } = deps;
  const shards = deps.shards ?? OUTBOX_SHARDS;
  const ulid = monotonicFactory();

  return {
    /**
     * The outbox item to write in the transaction of the change that raised `events`, at `at`.
     * `changeId` names the change (e.g. `<complaint>:<version>`), so that its events' ids say what
     * they are about; it must be unique per change. By default a new ULID.
     */
    stage(events: readonly PublishableEvent[], at: Date, changeId: string = ulid(at.getTime())): StagedEvents {
      return stageEvents(events, { tableName, id: changeId, at, shards });
    },

    /**
     * Like `stage`, for a change whose events must wait for a step after its commit (the notice's
     * message to its queue): the item is written held, and the stream relay publishes the events
     * only once `release` has run. If the step fails, the change is undone with the item.
     */
    stageHeld(events: readonly PublishableEvent[], at: Date, changeId: string): StagedEvents {
      return stageEvents(events, { tableName, id: changeId, at, shards, held: true });
    },

    /** Hands a held item to the stream relay: the same events, as a new outbox item in place of the held one (one transaction). */
    async release(staged: StagedEvents): Promise<void> {
      if (!staged.key) return;
      const item = (staged.items[0] as { Put: { Item: Record<string, unknown> } }).Put.Item;
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: tableName, Key: staged.key, ConditionExpression: 'attribute_exists(pk)' } },
            { Put: { TableName: tableName, Item: { ...item, sk: `${staged.key.sk}#released`, entity: OUTBOX_ENTITY }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    },
  };
};

export type Outbox = ReturnType<typeof createOutbox>;

/** The outbox writer of a context's table named in the environment. */
export const outboxFromEnvironment = (options: { db: DynamoDBDocumentClient; table: Pick<TableDefinition, 'envVar'>; env: NodeJS.ProcessEnv }): Outbox =>
  createOutbox({ db: options.db, tableName: readTableName(options.table, options.env) });

/**
 * The scheduled relay of a table's outbox: publishes every item written before `now - grace`,
 * shard by shard, each item on its own; an item the bus refuses is tried again on later runs,
 * then quarantined (shared/events/outbox-relay.ts), and the others go on. Only the functions that
 * relay build it, so only they load the EventBridge client and hold `events:PutEvents`.
 */
export const createOutboxRelay = (deps: {
  db: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
  logger: Pick<Logger, 'warn'>;
  shards?: number;
  graceMs?: number;
}) => {
  const shards = deps.shards ?? OUTBOX_SHARDS;
  const graceMs = deps.graceMs ?? OUTBOX_GRACE_MS;
  return {
    relay(now: Date): Promise<RelayReport> {
      return relayOutbox(deps, now, Array.from({ length: shards }, (_, shard) => dueCondition(shard, now, graceMs)));
    },
  };
};

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

/** The scheduled relay of a context's table, publishing on the bus named in the environment as `<system>.<context>`. */
export const outboxRelayFromEnvironment = (options: {
  db: DynamoDBDocumentClient;
  table: Pick<TableDefinition, 'envVar'>;
  context: string;
  logger: Pick<Logger, 'warn'>;
  env: NodeJS.ProcessEnv;
}): OutboxRelay =>
  createOutboxRelay({
    db: options.db,
    tableName: readTableName(options.table, options.env),
    publisher: eventPublisherFromEnvironment(options.context, options.env),
    logger: options.logger,
  });

/**
 * A change and the domain events it raised, committed together: the events are staged in the
 * outbox item of the change's own transaction, and the transaction is written by `commit`; the
 * stream relay publishes them from there. The one way every use case commits. A commit that
 * writes nothing (a conditional write another call made first) writes no outbox item either, so
 * its events are never published.
 */
export const commitChange = <T>(
  outbox: Pick<Outbox, 'stage'>,
  change: { events: readonly PublishableEvent[]; at: Date; changeId?: string },
  commit: (outboxItems: TransactItem[]) => Promise<T>,
): Promise<T> => commit(outbox.stage(change.events, change.at, change.changeId).items);
