import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record,
  type GetRecordsCommandOutput,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { DEFAULT_REGION, localClientConfig } from '#infra/local/aws.ts';

/**
 * Reads a DynamoDB Local table's stream as Lambda's event source mapping reads one in AWS: every
 * shard, each from where the last read stopped, children after their parent closes. `read()`
 * returns the records written since the previous read, oldest first within each shard, in the
 * shape Lambda hands to a handler (DynamoDBRecord). The first read starts at `from`: the stream's
 * beginning (a new table: nothing is missed) or its end (a table kept from an earlier run, whose
 * old records the scheduled relay covers).
 */
export interface TableStream {
  streamArn: string;
  read(): Promise<DynamoDBRecord[]>;
  close(): void;
}

/** The SDK's record as Lambda delivers it: the same fields, dates as epoch seconds. */
const toLambdaRecord = (record: _Record, streamArn: string): DynamoDBRecord => ({
  eventID: record.eventID,
  eventName: record.eventName as DynamoDBRecord['eventName'],
  eventVersion: record.eventVersion,
  eventSource: 'aws:dynamodb',
  awsRegion: DEFAULT_REGION,
  eventSourceARN: streamArn,
  dynamodb: {
    ...(record.dynamodb as DynamoDBRecord['dynamodb']),
    ...(record.dynamodb?.ApproximateCreationDateTime && {
      ApproximateCreationDateTime: Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000),
    }),
  },
});

/** How often an open stream looks for new shards while none has closed. */
const SHARD_DISCOVERY_MS = 5_000;

export const openTableStream = async (
  dynamodb: Pick<DynamoDBClient, 'send'>,
  options: { endpoint: string; tableName: string; from: 'start' | 'end' },
): Promise<TableStream> => {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`The table ${options.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient(localClientConfig(options.endpoint));
  /** The next iterator of each shard being read; null once the shard is closed and read to its end. */
  const iterators = new Map<string, string | null>();
  let first = true;
  let discoveredAt = 0;

  const iteratorOf = async (shardId: string, type: ShardIteratorType) =>
    (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type }))).ShardIterator ?? null;

  /**
   * Shards not seen before: at the first read from `from`, later ones (children) from their start.
   * Looked for at the first read, when a shard has closed, and otherwise every few seconds: each
   * DescribeStream costs DynamoDB Local a few milliseconds, and a poller reads many times a second.
   */
  const discoverShards = async () => {
    const due = first || [...iterators.values()].includes(null) || Date.now() - discoveredAt > SHARD_DISCOVERY_MS;
    if (!due) return;
    discoveredAt = Date.now();
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (iterators.has(shard.ShardId!)) continue;
      const type = first && options.from === 'end' ? 'LATEST' : 'TRIM_HORIZON';
      iterators.set(shard.ShardId!, await iteratorOf(shard.ShardId!, type));
    }
    first = false;
  };

  return {
    streamArn,
    async read() {
      await discoverShards();
      const records: DynamoDBRecord[] = [];
      for (const [shardId, iterator] of iterators) {
        let next = iterator;
        let restarted = false;
        // Read the shard up to now: DynamoDB Local answers at once, with an empty page at the end.
        while (next) {
          let page: GetRecordsCommandOutput;
          try {
            page = await streams.send(new GetRecordsCommand({ ShardIterator: next }));
          } catch (error) {
            // An iterator taken while its shard was empty points at sequence number 1; DynamoDB Local
            // numbers records across all tables, so once the shard's first record comes (numbered
            // higher) it refuses that iterator as trimmed. Every record of the shard is newer than
            // the iterator, so read it from its start.
            if (!(error instanceof TrimmedDataAccessException) || restarted) throw error;
            restarted = true;
            next = await iteratorOf(shardId, 'TRIM_HORIZON');
            continue;
          }
          records.push(...(page.Records ?? []).map((record) => toLambdaRecord(record, streamArn)));
          next = page.NextShardIterator ?? null;
          if ((page.Records ?? []).length === 0) break;
        }
        iterators.set(shardId, next);
      }
      return records;
    },
    close: () => streams.destroy(),
  };
};
