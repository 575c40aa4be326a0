import type { FunctionDefinition } from '#shared/manifest/types.ts';

/** Outbox items per invocation of a stream relay (its event source mapping's batch size). */
export const OUTBOX_STREAM_BATCH_SIZE = 100;

/**
 * The function that relays a context's outbox from its table's stream (shared/events/outbox-stream.ts).
 * Every context with an outbox has one, the same but for its name, entry and table: events hold no
 * personal data, so it needs the table (to delete what it published) and the bus, nothing else.
 */
export const outboxStreamFunction = <const Table extends string>(options: {
  logicalId: string;
  /** Written out in the manifest: the architecture rules read each function's context from it. */
  entry: `functions/${string}/handler.ts`;
  table: Table;
}) =>
  ({
    logicalId: options.logicalId,
    entry: options.entry,
    description: `The outbox stream relay: publishes the domain events of the ${options.table} table as its stream delivers them`,
    memorySize: 256,
    timeoutSeconds: 30,
    tables: { [options.table]: 'readWrite' } as Record<Table, 'readWrite'>,
    usesDataKey: false,
    publishesEvents: true,
    relaysOutbox: { table: options.table, batchSize: OUTBOX_STREAM_BATCH_SIZE, maxBatchingWindowSeconds: 0 },
  }) satisfies FunctionDefinition;
