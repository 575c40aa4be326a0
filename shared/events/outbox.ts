import type { Logger } from '@aws-lambda-powertools/logger';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { shardIndexOf } from '#shared/shards.ts';
import { readEventBusName, readTableName } from '#shared/config.ts';
import { type OutboxEvent, type RelayReport, relayOutbox, toPublishable } from '#shared/events/outbox-relay.ts';
import { createEventPublisher, type EventPublisher, type PublishableEvent } from '#shared/events/publisher.ts';
import type { TransactItem } from '#shared/figures/store.ts';
import type { TableDefinition } from '#shared/manifest/types.ts';
import { countMetric } from '#shared/observability/metrics.ts';

/**
 * A transactional outbox for any context whose table has string keys `pk` and `sk`.
 *
 * A change's domain events are written in the change's own TransactWrite, as one outbox item
 * (one of DynamoDB's 100 transaction items per change, however many events it raised), so no
 * event exists for a change that did not commit and none is lost for one that did. The request
 * publishes them right after the commit and deletes the item; if that fails, the item stays and
 * the scheduled relay (shared/events/outbox-relay.ts) publishes it once the grace period has
 * passed, retrying an item the bus refuses and quarantining it after a few attempts. Delivery
 * is at least once: each event carries a stable `eventId` for consumers to drop repeats.
 *
 * Items live in a few fixed partitions (`OUTBOX#<shard>`, sort key `<written at>#<change id>`),
 * so the relay queries each shard for what is older than the grace period and never scans.
 */

export { OUTBOX_QUARANTINED_METRIC, releaseQuarantined, toPublishable, type OutboxEvent, type RelayReport } from '#shared/events/outbox-relay.ts';

/** A change's events, ready for its transaction. */
export interface StagedEvents {
  /** The outbox item's key; absent when the change raised no events (then nothing is written). */
  key?: { pk: string; sk: string };
  events: OutboxEvent[];
  /** What to add to the change's TransactWrite: one Put, or nothing. */
  items: TransactItem[];
}

export const OUTBOX_SHARDS = 4;
/** The request that made the change publishes within this time; the relay only takes what is older. */
export const OUTBOX_GRACE_MS = 60_000;
/** Counts the events a request could not publish right after its commit, left for the relay. */
export const DEFERRED_EVENTS_METRIC = 'DomainEventsDeferred';

const shardPartition = (shard: number) => `OUTBOX#${shard}`;

/** Spreads changes over the shards by their id, so that no single partition takes every write. */
export const outboxShardOf = (id: string, shards = OUTBOX_SHARDS): number => shardIndexOf(id, shards);

/** The outbox item of a change's events (pure): `id` is unique per change, `at` is when it is written. */
export const stageEvents = (
  events: readonly PublishableEvent[],
  options: { tableName: string; id: string; at: Date; shards?: number },
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
          Item: { ...key, entity: 'outbox', writtenAt: options.at.toISOString(), events: staged },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
  };
};

/** The relay's key condition on one shard (pure): items written before `now - graceMs`. */
export const dueCondition = (shard: number, now: Date, graceMs = OUTBOX_GRACE_MS) => ({
  KeyConditionExpression: 'pk = :pk AND sk < :cutoff',
  ExpressionAttributeValues: { ':pk': shardPartition(shard), ':cutoff': new Date(now.getTime() - graceMs).toISOString() },
});

export const createOutbox = (deps: {
  db: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
  logger: Pick<Logger, 'warn'>;
  shards?: number;
  graceMs?: number;
}) => {
  const { db, tableName, publisher, logger } = deps;
  const shards = deps.shards ?? OUTBOX_SHARDS;
  const graceMs = deps.graceMs ?? OUTBOX_GRACE_MS;
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
     * Right after the commit: publishes the change's events and deletes their item. Never throws:
     * the change stands, and what could not be published stays for the relay.
     */
    async afterCommit(staged: StagedEvents): Promise<void> {
      if (!staged.key) return;
      try {
        await publisher.publish(toPublishable(staged.events));
        await db.send(new DeleteCommand({ TableName: tableName, Key: staged.key }));
      } catch (error) {
        // Types and the error's name only: events carry no personal data, but logs name no ids either.
        logger.warn('Domain events left in the outbox for the relay', {
          eventTypes: staged.events.map((e) => e.type),
          errorName: (error as Error).name,
        });
        countMetric(DEFERRED_EVENTS_METRIC, staged.events.length);
      }
    },

    /**
     * The scheduled relay: publishes every item written before `now - grace`, shard by shard,
     * each item on its own; an item the bus refuses is tried again on later runs, then
     * quarantined (shared/events/outbox-relay.ts), and the others go on.
     */
    relay(now: Date): Promise<RelayReport> {
      return relayOutbox(
        { db, tableName, publisher, logger },
        now,
        Array.from({ length: shards }, (_, shard) => dueCondition(shard, now, graceMs)),
      );
    },
  };
};

export type Outbox = ReturnType<typeof createOutbox>;

/** The outbox of a context's table, publishing on the bus named in the environment as `<system>.<context>`. */
export const outboxFromEnvironment = (options: {
  db: DynamoDBDocumentClient;
  table: Pick<TableDefinition, 'envVar'>;
  context: string;
  logger: Pick<Logger, 'warn'>;
  env: NodeJS.ProcessEnv;
}): Outbox =>
  createOutbox({
    db: options.db,
    tableName: readTableName(options.table, options.env),
    publisher: createEventPublisher({ busName: readEventBusName(options.env), context: options.context }),
    logger: options.logger,
  });

/**
 * A change and the domain events it raised, committed together: the events are staged in the
 * outbox item of the change's own transaction, the transaction is written by `commit`, and the
 * events are published right after (or left for the relay). The one way every use case commits.
 */
export const commitChange = async <T>(
  outbox: Pick<Outbox, 'stage' | 'afterCommit'>,
  change: { events: readonly PublishableEvent[]; at: Date; changeId?: string },
  commit: (outboxItems: TransactItem[]) => Promise<T>,
): Promise<T> => {
  const staged = outbox.stage(change.events, change.at, change.changeId);
  const result = await commit(staged.items);
  await outbox.afterCommit(staged);
  return result;
};
