import type { Logger } from '@aws-lambda-powertools/logger';
import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWrite, deleteRequest } from '#shared/aws/batch.ts';
import type { EventPublisher, PublishableEvent } from '#shared/events/publisher.ts';
import { countMetric } from '#shared/observability/metrics.ts';

/**
 * The scheduled relay of an outbox (shared/events/outbox.ts): publishes what requests could not
 * publish, one outbox item (one change's events) at a time, so that an item the bus refuses holds
 * up no other. A refused item is tried again on later runs, after a pause that doubles with each
 * attempt (its attempts and next attempt time are kept on the item); after OUTBOX_MAX_ATTEMPTS it is
 * moved to the quarantine partition, where no relay looks, and counted in the metric
 * OUTBOX_QUARANTINED_METRIC for an alarm. An operator releases quarantined items back to their
 * shard once the cause is fixed (`releaseQuarantined`).
 */

export interface OutboxEvent extends PublishableEvent {
  /** `<change id>:<n>`: the same on every publish attempt and relay. */
  eventId: string;
}

export interface RelayReport {
  now: string;
  /** Outbox items (changes) past the grace period, published and deleted. */
  changes: number;
  events: number;
  /** Items refused by the bus in this run, left for a later one. */
  failed: number;
  /** Items refused for the last allowed time in this run, moved to the quarantine partition. */
  quarantined: number;
  /** Items that wait for their next attempt time. */
  waiting: number;
}

/** Publish attempts of an outbox item before it is quarantined. */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** The pause after the first refused attempt; each further one doubles it, up to OUTBOX_MAX_RETRY_DELAY_MS. */
const OUTBOX_RETRY_DELAY_MS = 60_000;
const OUTBOX_MAX_RETRY_DELAY_MS = 60 * 60_000;
/** Counts the outbox items quarantined (an alarm watches it). */
export const OUTBOX_QUARANTINED_METRIC = 'OutboxQuarantined';
/** Where quarantined items wait for an operator; the relay queries only the shards. */
export const QUARANTINE_PARTITION = 'OUTBOX#QUARANTINE';
/** The entity of an outbox item in its shard; a quarantined one is named otherwise, so the stream passes it by. */
export const OUTBOX_ENTITY = 'outbox';
/** A quarantined item's entity: the stream relay takes only `outbox` items, so quarantine is not a way back to the bus. */
const QUARANTINED_ENTITY = 'outbox-quarantined';
const PAGE_SIZE = 100;

interface StoredItem {
  pk: string;
  sk: string;
  events: OutboxEvent[];
  attempts?: number;
  nextAttemptAt?: string;
}

/** When to try an item again after its `attempts`-th refused publish (pure). */
export const nextAttemptAt = (now: Date, attempts: number): string =>
  new Date(now.getTime() + Math.min(OUTBOX_RETRY_DELAY_MS * 2 ** (attempts - 1), OUTBOX_MAX_RETRY_DELAY_MS)).toISOString();

/** What goes on the bus: the event with its id in the detail. */
export const toPublishable = (events: readonly OutboxEvent[]): PublishableEvent[] =>
  events.map(({ eventId, type, at, detail }) => ({ type, at, detail: { ...detail, eventId } }));

export interface RelayDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
  logger: Pick<Logger, 'warn'>;
  maxAttempts?: number;
}

const pageOf = async (deps: Pick<RelayDeps, 'db' | 'tableName'>, query: { KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }, start?: Record<string, unknown>) => {
  const page = await deps.db.send(
    new QueryCommand({ TableName: deps.tableName, ...query, ConsistentRead: true, Limit: PAGE_SIZE, ExclusiveStartKey: start }),
  );
  return { items: (page.Items ?? []) as StoredItem[], next: page.LastEvaluatedKey };
};

/** Moves an item to the quarantine partition, with where it came from (one transaction). */
const quarantine = (deps: RelayDeps, item: StoredItem, attempts: number, now: Date, errorName: string) =>
  deps.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: deps.tableName,
            Item: { ...item, pk: QUARANTINE_PARTITION, entity: QUARANTINED_ENTITY, shard: item.pk, attempts, quarantinedAt: now.toISOString(), lastErrorName: errorName },
          },
        },
        { Delete: { TableName: deps.tableName, Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
      ],
    }),
  );

/** Records a refused attempt on the item, unless another relay has removed it meanwhile. */
const recordAttempt = (deps: RelayDeps, item: StoredItem, attempts: number, now: Date, errorName: string) =>
  deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET attempts = :attempts, nextAttemptAt = :next, lastErrorName = :error',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':attempts': attempts, ':next': nextAttemptAt(now, attempts), ':error': errorName },
    }),
  );

/** A refused publish of one item: recorded, or the item quarantined after its last attempt. */
const refused = async (deps: RelayDeps, item: StoredItem, now: Date, error: unknown): Promise<'failed' | 'quarantined'> => {
  const attempts = (item.attempts ?? 0) + 1;
  const errorName = (error as Error)?.name ?? 'Error';
  // Types and the error's name only: events carry no personal data, but logs name no ids either.
  const about = { eventTypes: item.events.map((e) => e.type), attempts, errorName };
  try {
    if (attempts >= (deps.maxAttempts ?? OUTBOX_MAX_ATTEMPTS)) {
      await quarantine(deps, item, attempts, now, errorName);
      countMetric(OUTBOX_QUARANTINED_METRIC);
      deps.logger.warn('Outbox item quarantined after its last publish attempt', about);
      return 'quarantined';
    }
    await recordAttempt(deps, item, attempts, now, errorName);
  } catch (recordError) {
    // Another relay published or moved the item meanwhile: nothing left to record.
    if (!['ConditionalCheckFailedException', 'TransactionCanceledException'].includes((recordError as Error).name)) throw recordError;
  }
  deps.logger.warn('Outbox item refused by the bus, tried again later', about);
  return 'failed';
};

/** Publishes the due items of one page, each on its own; deletes those published. */
const relayPage = async (deps: RelayDeps, items: readonly StoredItem[], now: Date, report: RelayReport) => {
  const published: StoredItem[] = [];
  for (const item of items) {
    if (item.nextAttemptAt && item.nextAttemptAt > now.toISOString()) {
      report.waiting += 1;
      continue;
    }
    try {
      await deps.publisher.publish(toPublishable(item.events));
      published.push(item);
    } catch (error) {
      report[await refused(deps, item, now, error)] += 1;
    }
  }
  await batchWrite(deps.db, deps.tableName, published.map(({ pk, sk }) => deleteRequest({ pk, sk })));
  report.changes += published.length;
  report.events += published.reduce((n, item) => n + item.events.length, 0);
};

/**
 * Relays the items the queries find (one per shard: what is past the grace period). Two relays at
 * once may both publish an item: delivery is at least once, and consumers drop repeats by `eventId`.
 */
export const relayOutbox = async (
  deps: RelayDeps,
  now: Date,
  shardQueries: ReadonlyArray<{ KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }>,
): Promise<RelayReport> => {
  const report: RelayReport = { now: now.toISOString(), changes: 0, events: 0, failed: 0, quarantined: 0, waiting: 0 };
  for (const query of shardQueries) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await pageOf(deps, query, start);
      await relayPage(deps, page.items, now, report);
      start = page.next;
    } while (start);
  }
  return report;
};

type QuarantinedItem = StoredItem & { entity: string; shard: string; quarantinedAt: string; lastErrorName: string };

/** A quarantined item as it goes back to its shard: its events, with no attempt on record. */
const releasedItem = ({ shard, entity: _entity, attempts: _attempts, nextAttemptAt: _next, quarantinedAt: _at, lastErrorName: _error, ...item }: QuarantinedItem) => ({
  ...item,
  pk: shard,
  entity: OUTBOX_ENTITY,
});

/**
 * The operator's release: moves every quarantined item back to its shard with no attempts
 * recorded, so the stream relay publishes it (or, failing that, the scheduled relay). Returns how many were released.
 */
export const releaseQuarantined = async (deps: Pick<RelayDeps, 'db' | 'tableName'>): Promise<number> => {
  let released = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await pageOf(deps, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': QUARANTINE_PARTITION } }, start);
    for (const item of page.items as QuarantinedItem[]) {
      await deps.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: deps.tableName, Item: releasedItem(item) } },
            { Delete: { TableName: deps.tableName, Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
          ],
        }),
      );
      released += 1;
    }
    start = page.next;
  } while (start);
  return released;
};
