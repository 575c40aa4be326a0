import type { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTable } from '#shared/aws/table.ts';
import { OUTBOX_ENTITY, type OutboxEvent, toPublishable } from '#shared/events/outbox-relay.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';
import { countMetric } from '#shared/observability/metrics.ts';

/**
 * The outbox's relay from the table's stream: a change's transaction writes its events as one
 * outbox item (shared/events/outbox.ts) and the request answers; the stream hands the inserted
 * item to this handler (Lambda's event source mapping in AWS, the local stream poller in
 * `npm start`), which publishes the events and deletes the item. A change costs its request one
 * write, and no call to the bus.
 *
 * Records arrive in the stream's order. The handler publishes them in groups of at most one
 * PutEvents call each (10 events) and deletes each group's items with one batch write. When a
 * group fails, it names that group's first record and every later one as failed: Lambda retries
 * from there (bisecting the batch) and, after its last retry, sends the batch's description to the
 * on-failure queue. An item that was never published stays in the table either way, and the
 * scheduled relay publishes it once the grace period has passed (shared/events/outbox-relay.ts).
 */

/** Counts the events the stream relay could not publish in an invocation, left to the retries and the scheduled relay. */
export const STREAM_RELAY_FAILED_METRIC = 'OutboxStreamEventsFailed';
/** PutEvents takes at most 10 entries: a group's events fit one call. */
const EVENTS_PER_GROUP = 10;

/**
 * The records the relay takes, as an event source mapping filter: inserted outbox items. The
 * local poller applies `isOutboxInsert`, its equivalent.
 */
export const outboxInsertFilter = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: [OUTBOX_ENTITY] } } } } as const;

export const isOutboxInsert = (record: DynamoDBRecord): boolean =>
  record.eventName === 'INSERT' && record.dynamodb?.NewImage?.entity?.S === OUTBOX_ENTITY;

interface StreamedItem {
  pk: string;
  sk: string;
  events: OutboxEvent[];
}

/** The records' outbox items in order, cut into groups whose events fit one PutEvents call (pure). */
export const groupsOf = (records: readonly DynamoDBRecord[]): Array<Array<{ record: DynamoDBRecord; item: StreamedItem }>> => {
  const groups: Array<Array<{ record: DynamoDBRecord; item: StreamedItem }>> = [];
  let current: Array<{ record: DynamoDBRecord; item: StreamedItem }> = [];
  let events = 0;
  for (const record of records) {
    if (!isOutboxInsert(record)) continue;
    const item = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>) as StreamedItem;
    if (current.length > 0 && events + item.events.length > EVENTS_PER_GROUP) {
      groups.push(current);
      current = [];
      events = 0;
    }
    current.push({ record, item });
    events += item.events.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
};

export const createOutboxStreamRelay = (deps: {
  db: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
  logger: Pick<Logger, 'warn'>;
}) => {
  const table = createTable(deps.db, deps.tableName);
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const groups = groupsOf(event.Records);
    for (const [index, group] of groups.entries()) {
      try {
        await deps.publisher.publish(group.flatMap(({ item }) => toPublishable(item.events)));
        await table.deleteAll(group.map(({ item }) => ({ pk: item.pk, sk: item.sk })));
      } catch (error) {
        // Types and the error's name only: events carry no personal data, but logs name no ids either.
        deps.logger.warn('Outbox items not relayed from the stream; retried from the first of them', {
          eventTypes: group.flatMap(({ item }) => item.events.map((e) => e.type)),
          errorName: (error as Error).name,
        });
        const failed = groups.slice(index).flat();
        countMetric(STREAM_RELAY_FAILED_METRIC, failed.reduce((n, { item }) => n + item.events.length, 0));
        return { batchItemFailures: failed.map(({ record }) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })) };
      }
    }
    return { batchItemFailures: [] };
  };
};
