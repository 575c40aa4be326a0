import type { Logger } from '@aws-lambda-powertools/logger';
import { inject } from 'vitest';
import { openTableStream } from '#infra/local/table-stream.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createOutboxStreamRelay, groupsOf, isOutboxInsert } from '#shared/events/outbox-stream.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';
import { OUTBOX_STREAM_BATCH_SIZE } from '#shared/manifest/outbox-stream.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The stream relay of a harness's own outbox table (shared/events/outbox-stream.ts), run when the
 * test says so: in AWS, Lambda hands the table's new outbox items to it shortly after each change;
 * here `drain()` reads the stream's new records (infra/local/table-stream.ts), keeps the inserted
 * outbox items as the event source mapping's filter does, and hands them to the real relay in
 * Lambda's batches, with the harness's publisher, until a read brings nothing new. Harnesses drain
 * after each request and job run they expose, so that tests see the events published as the
 * stack publishes them shortly after each change.
 *
 * A record the relay reports as a batch item failure is not handed again (Lambda would retry it a
 * few times, then give up): its item stays in the table for the scheduled relay. Such records are
 * kept in `refused`, for tests about a bus that refuses events.
 */

/** An outbox item the stream relay could not publish: the record's sequence number, the item's key and its events' ids. */
interface RefusedRecord {
  sequenceNumber: string;
  sk: string;
  eventIds: string[];
}

/** What one `drain()` did. */
interface StreamDrain {
  /** The outbox items handed to the relay (inserted items named `outbox`: no held one, no removal). */
  handed: number;
  /** The sequence numbers the relay answered as `batchItemFailures`. */
  batchItemFailures: string[];
}

export interface OutboxStream {
  /** Hands the records written since the last drain to the stream relay, until a read returns nothing. One drain at a time. */
  drain(): Promise<StreamDrain>;
  /** `run`, then a drain of the stream: a request or a job run as it looks from outside, its events published. */
  after<Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result>;
  /** Every record the relay refused since the stream was opened (tests may empty it). */
  refused: RefusedRecord[];
  /** Waits for a drain under way, then lets the stream go. */
  close(): Promise<void>;
}

/**
 * The stream relay of `tableName` (a table the harness created, with its outbox stream), read
 * from the stream's start, publishing with `publisher`.
 */
export const openOutboxStream = async (options: {
  tableName: string;
  publisher: EventPublisher;
  /** The relay's logger (its warnings name event types only); by default one at the environment's level. */
  logger?: Pick<Logger, 'warn'>;
}): Promise<OutboxStream> => {
  const { client, document } = createDynamoClients();
  const stream = await openTableStream(client, { endpoint: inject('localStack').endpoints.dynamodb, tableName: options.tableName, from: 'start' });
  const relay = createOutboxStreamRelay({
    db: document,
    tableName: options.tableName,
    publisher: options.publisher,
    logger: options.logger ?? createLogger('outbox-stream-test'),
  });
  const refused: RefusedRecord[] = [];

  const drainOnce = async (): Promise<StreamDrain> => {
    const report: StreamDrain = { handed: 0, batchItemFailures: [] };
    for (let records = await stream.read(); records.length > 0; records = await stream.read()) {
      const inserts = records.filter(isOutboxInsert);
      // In the event source mapping's batches, as Lambda hands them to the relay.
      for (let i = 0; i < inserts.length; i += OUTBOX_STREAM_BATCH_SIZE) {
        const batch = inserts.slice(i, i + OUTBOX_STREAM_BATCH_SIZE);
        const { batchItemFailures } = await relay({ Records: batch });
        report.handed += batch.length;
        const items = groupsOf(batch).flat();
        for (const { itemIdentifier } of batchItemFailures) {
          const { item } = items.find(({ record }) => record.dynamodb?.SequenceNumber === itemIdentifier)!;
          refused.push({ sequenceNumber: itemIdentifier, sk: item.sk, eventIds: item.events.map((event) => event.eventId) });
          report.batchItemFailures.push(itemIdentifier);
        }
      }
    }
    return report;
  };

  // Drains run one after the other: two at once would read the same records and publish them twice.
  let queue: Promise<unknown> = Promise.resolve();
  const drain = (): Promise<StreamDrain> => {
    const next = queue.then(drainOnce);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    drain,
    after:
      (run) =>
      async (...args) => {
        try {
          return await run(...args);
        } finally {
          // Also after a run that failed: what it committed before is relayed all the same.
          await drain();
        }
      },
    refused,
    close: async () => {
      await queue;
      stream.close();
    },
  };
};
