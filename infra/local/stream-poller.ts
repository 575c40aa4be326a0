import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { functions, tables, type FunctionDefinition, type FunctionName } from '#infra/manifest.ts';
import { invokeWithTimeout, type HandlerLoader } from '#infra/local/lambda.ts';
import { openTableStream, type TableStream } from '#infra/local/table-stream.ts';
import { isOutboxInsert } from '#shared/events/outbox-stream.ts';

/**
 * The local stand-in for Lambda's DynamoDB stream event source mapping: for each function that
 * `relaysOutbox` of a table, a loop reads the table's stream, keeps the inserted outbox items (the
 * mapping's filter), and invokes the same handler with the same DynamoDBStreamEvent in batches of
 * at most `batchSize`. With ReportBatchItemFailures semantics: from the first sequence number the
 * handler names in `batchItemFailures` (the whole batch when it throws, times out or names a
 * record not in the batch), the records are delivered again on the next poll, in order. After
 * `maxAttempts` deliveries a record is dropped: its item stays in the table and the scheduled
 * relay publishes it after the grace period, as the on-failure destination and the backstop do in
 * AWS. `maxBatchingWindowSeconds` is 0 for every relay; the poll interval stands in for it.
 */

interface RelayStats {
  batches: number;
  /** Outbox inserts read from the stream. */
  received: number;
  succeeded: number;
  /** Failed deliveries of a record (each one retried or dropped). */
  failed: number;
  dropped: number;
  /** Stream reads that failed. */
  errors: number;
}

export interface StreamPollerOptions {
  dynamodb: Pick<DynamoDBClient, 'send'>;
  /** DynamoDB Local's endpoint, whose streams API is read. */
  endpoint: string;
  loadHandler: HandlerLoader;
  /**
   * Where each stream is first read: 'start' when every table was created by this start (in
   * memory: nothing is missed), 'end' when they may be kept from an earlier run (their old records
   * were relayed then, or are left to the scheduled relay).
   */
  from: 'start' | 'end';
  /** Only these relays (default: every function that declares `relaysOutbox`). */
  only?: FunctionName[];
  /** The pause between two reads of a stream while records come (default 25 ms). */
  pollIntervalMs?: number;
  /**
   * The longest pause, reached by doubling it after each empty read (default 250 ms, Lambda's own
   * rate of 4 polls a second per shard): each read costs DynamoDB Local a few milliseconds of CPU,
   * and reading four streams every 25 ms kept most of a core busy while nothing happened.
   */
  idlePollIntervalMs?: number;
  /** Deliveries of a record before it is dropped (default 3). */
  maxAttempts?: number;
  log?: (line: Record<string, unknown>) => void;
}

const DEFAULT_POLL_INTERVAL_MS = 25;
const DEFAULT_IDLE_POLL_INTERVAL_MS = 250;
const DEFAULT_MAX_ATTEMPTS = 3;
/** The pause after a failed read of the stream (DynamoDB Local busy or going away). */
const READ_ERROR_PAUSE_MS = 500;

interface PendingRecord {
  record: DynamoDBRecord;
  /** Failed deliveries so far. */
  attempts: number;
}

type RelayDefinition = FunctionDefinition & { relaysOutbox: NonNullable<FunctionDefinition['relaysOutbox']> };

const sequenceOf = (pending: PendingRecord) => pending.record.dynamodb?.SequenceNumber ?? '';

/**
 * Where a batch failed, read as Lambda reads the handler's answer: the index of the first record
 * whose sequence number `batchItemFailures` names (stream order, so the lowest one), -1 when none
 * is named, 0 when it throws, times out or names an identifier not in the batch.
 */
const failedIndexOf = async (
  batch: PendingRecord[],
  invoke: () => Promise<DynamoDBBatchResponse | undefined>,
  onError: (error: unknown) => void,
): Promise<number> => {
  try {
    const ids = new Set(((await invoke())?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    if (ids.size === 0) return -1;
    const index = batch.findIndex((p) => ids.has(sequenceOf(p)));
    const known = [...ids].every((id) => batch.some((p) => sequenceOf(p) === id));
    return known ? index : 0;
  } catch (error) {
    onError(error);
    return 0;
  }
};

/** An interruptible pause: stop() ends it at once. */
const createPause = () => {
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  return {
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, ms);
      }),
    interrupt: () => {
      clearTimeout(timer);
      wake?.();
    },
  };
};

/**
 * How one relay delivers records: in batches, in order; from a batch's first failure on, the
 * records are returned to wait for the next poll, less those past `maxAttempts`, which are dropped.
 */
const createDelivery = (
  name: FunctionName,
  definition: RelayDefinition,
  context: { stats: RelayStats; options: StreamPollerOptions; log: NonNullable<StreamPollerOptions['log']>; running: () => boolean },
) => {
  const { stats, options, log } = context;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const table = tables[definition.relaysOutbox.table].localName;

  const invoke = async (event: DynamoDBStreamEvent) =>
    (await invokeWithTimeout(await options.loadHandler(name), definition, event)) as DynamoDBBatchResponse | undefined;

  const retryOrDrop = (failed: PendingRecord[]): PendingRecord[] => {
    const counted = failed.map((p) => ({ ...p, attempts: p.attempts + 1 }));
    const dropped = counted.filter((p) => p.attempts >= maxAttempts);
    stats.failed += counted.length;
    stats.dropped += dropped.length;
    if (dropped.length > 0) {
      log({ msg: 'outbox records dropped; the scheduled relay publishes their items', relay: name, table, dropped: dropped.length, attempts: maxAttempts });
    }
    return counted.filter((p) => p.attempts < maxAttempts);
  };

  return async (records: PendingRecord[]): Promise<PendingRecord[]> => {
    const { batchSize } = definition.relaysOutbox;
    for (let start = 0; start < records.length && context.running(); start += batchSize) {
      const batch = records.slice(start, start + batchSize);
      stats.batches += 1;
      const failedAt = await failedIndexOf(batch, () => invoke({ Records: batch.map((p) => p.record) }), (error) =>
        log({ msg: 'outbox relay failed', relay: name, errorName: (error as Error)?.name }),
      );
      stats.succeeded += failedAt === -1 ? batch.length : failedAt;
      if (failedAt === -1) continue;
      log({ msg: 'outbox records failed', relay: name, failed: batch.length - failedAt, of: batch.length });
      return [...retryOrDrop(batch.slice(failedAt)), ...records.slice(start + batchSize)];
    }
    return [];
  };
};

/** One event source mapping: the loop of one relay function over its table's stream. */
const startMapping = (
  name: FunctionName,
  definition: RelayDefinition,
  opened: { stream: TableStream; first: DynamoDBRecord[] },
  options: StreamPollerOptions,
) => {
  const { stream } = opened;
  const table = tables[definition.relaysOutbox.table].localName;
  const log = options.log ?? (() => undefined);
  const stats: RelayStats = { batches: 0, received: 0, succeeded: 0, failed: 0, dropped: 0, errors: 0 };
  const pause = createPause();
  let running = true;
  const deliver = createDelivery(name, definition, { stats, options, log, running: () => running });
  /** What failed and is delivered again, ahead of what the stream holds since; at first, the first read's records. */
  let pending: PendingRecord[] = opened.first.filter(isOutboxInsert).map((record) => ({ record, attempts: 0 }));
  stats.received += pending.length;

  /** Reads and delivers what the stream holds; false when it held nothing (any record at all, as Lambda's poll). */
  const poll = async (): Promise<boolean> => {
    let fresh: DynamoDBRecord[];
    try {
      fresh = await stream.read();
    } catch (error) {
      if (!running) return false;
      stats.errors += 1;
      log({ msg: 'outbox stream read failed', relay: name, table, errorName: (error as Error)?.name });
      await pause.wait(READ_ERROR_PAUSE_MS);
      return false;
    }
    const inserts = fresh.filter(isOutboxInsert);
    stats.received += inserts.length;
    const records = [...pending, ...inserts.map((record) => ({ record, attempts: 0 }))];
    pending = await deliver(records);
    return fresh.length > 0 || records.length > 0;
  };

  const loop = async () => {
    const busy = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const idle = Math.max(busy, options.idlePollIntervalMs ?? DEFAULT_IDLE_POLL_INTERVAL_MS);
    let interval = busy;
    try {
      while (running) {
        interval = (await poll()) ? busy : Math.min(interval * 2, idle);
        if (running) await pause.wait(interval);
      }
    } finally {
      stream.close();
    }
  };

  const done = loop();
  return {
    name,
    table,
    stats,
    stop: async () => {
      running = false;
      pause.interrupt();
      // The invocation in flight, if any, finishes first.
      await done;
    },
  };
};

/** A relay's stream, read once: the first read takes each shard's position, so nothing written after it is missed. */
const openAndRead = async (definition: RelayDefinition, options: StreamPollerOptions) => {
  const tableName = tables[definition.relaysOutbox.table].localName;
  const stream = await openTableStream(options.dynamodb, { endpoint: options.endpoint, tableName, from: options.from });
  try {
    return { stream, first: await stream.read() };
  } catch (error) {
    stream.close();
    throw error;
  }
};

/**
 * Opens and reads every relay's stream, then starts the loops: once this resolves, no record
 * written to an outbox table is missed (with `from: 'end'` as well).
 */
export const startStreamPoller = async (options: StreamPollerOptions) => {
  const relays = (Object.entries(functions) as Array<[FunctionName, FunctionDefinition]>).filter(
    (entry): entry is [FunctionName, RelayDefinition] => !!entry[1].relaysOutbox && (!options.only || options.only.includes(entry[0])),
  );
  const opened = await Promise.allSettled(relays.map(([, definition]) => openAndRead(definition, options)));
  const failure = opened.find((result) => result.status === 'rejected');
  if (failure) {
    for (const result of opened) if (result.status === 'fulfilled') result.value.stream.close();
    throw failure.reason;
  }
  const mappings = relays.map(([name, definition], i) =>
    startMapping(name, definition, (opened[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof openAndRead>>>).value, options),
  );
  return {
    mappings: mappings.map((m) => ({ name: m.name, table: m.table })),
    stats: (name: FunctionName) => mappings.find((m) => m.name === name)?.stats,
    stop: async () => {
      await Promise.all(mappings.map((m) => m.stop()));
    },
  };
};

export type StreamPoller = Awaited<ReturnType<typeof startStreamPoller>>;
