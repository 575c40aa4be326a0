import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_GRACE_MS } from '#shared/events/outbox.ts';
import { outboxInsertFilter } from '#shared/events/outbox-stream.ts';
import type { FunctionDefinition, FunctionName, TableName } from '#infra/manifest.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAbove } from './alarm.ts';
import { AlarmedDeadLetterQueue } from './alarmed-dead-letter-queue.ts';
import { grantStorageKeyVia, storageKeyActions } from './storage-key-grants.ts';

/** Lambda's retries of a failing batch (bisected each time) before it gives the batch up. */
export const outboxStreamRetryAttempts = 10;
/**
 * A record older than this is given up unread. An item the stream relay gives up stays in the
 * table, and the scheduled relay publishes it once the grace period has passed: retrying for
 * longer would only publish it a second time.
 */
export const outboxStreamMaxRecordAge = Duration.hours(6);
/** The relay is late once it is further behind than the scheduled relay's grace period. */
const outboxStreamIteratorAgeThreshold = Duration.millis(OUTBOX_GRACE_MS);

/** What DynamoDB Streams lets a reader of one stream do; the event source mapping's poller needs all three. */
const streamReadActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

export interface OutboxStreamRelayProps {
  name: FunctionName;
  function: IFunction;
  role: IGrantable;
  /** The outbox table (stateful stack), with its stream. */
  table: ITable;
  tableName: TableName;
  relaysOutbox: NonNullable<FunctionDefinition['relaysOutbox']>;
  settings: StageSettings;
}

/**
 * The stream side of a function that `relaysOutbox`, as Lambda runs it in AWS: an event source
 * mapping on the outbox table's stream that hands the function the inserted outbox items only
 * (`outboxInsertFilter`: no other write of the table invokes it), oldest first, in batches with
 * partial batch responses. A batch that keeps failing is bisected and retried
 * `outboxStreamRetryAttempts` times within `outboxStreamMaxRecordAge`; then its description (shard
 * and sequence numbers, no record) goes to the on-failure queue, which alarms as soon as it holds
 * one. The items stay in the table, where the scheduled relay finds them.
 *
 * Least privilege, written here rather than by `DynamoEventSource` (`grantStreamRead`, which adds
 * an unconditioned statement on the table's key and ListStreams on `*`): the three stream reads on
 * this one stream, the storage key only through DynamoDB, which decrypts the records for the
 * poller, and sqs:SendMessage on the on-failure queue. The mapping names its stream, so the poller
 * never lists streams; ListStreams takes no resource but `*`.
 *
 * The local stack mirrors the same definitions with its stream poller (infra/local).
 */
export class OutboxStreamRelay extends Construct {
  public readonly mapping: EventSourceMapping;
  public readonly onFailureQueue: Queue;
  public readonly onFailureAlarm: Alarm;
  public readonly iteratorAgeAlarm: Alarm;

  constructor(scope: Construct, id: string, props: OutboxStreamRelayProps) {
    super(scope, id);
    const { name, table, tableName, relaysOutbox, settings } = props;
    const streamArn = table.tableStreamArn;
    if (!streamArn) {
      throw new Error(`${name} relays the outbox of table ${tableName}, which has no stream: mark its definition \`outbox: true\``);
    }

    const onFailure = new AlarmedDeadLetterQueue(this, 'OnFailure', {
      alarmDescription: `Outbox stream relay ${name} (${settings.stage}): Lambda gave up a batch of the ${tableName} stream after ${outboxStreamRetryAttempts} retries or ${outboxStreamMaxRecordAge.toHours()} hours; its items stay in the table for the scheduled relay, look at the relay's log`,
    });
    this.onFailureQueue = onFailure.queue;
    this.onFailureAlarm = onFailure.notEmptyAlarm;

    // Lambda sends the batch's description as the function's role: SendMessage on this queue only
    // (SqsDlq would add GetQueueAttributes and GetQueueUrl). SQS-managed encryption needs no key grant.
    const queueArn = this.onFailureQueue.queueArn;
    Grant.addToPrincipal({ grantee: props.role, actions: ['sqs:SendMessage'], resourceArns: [queueArn] });
    Grant.addToPrincipal({ grantee: props.role, actions: streamReadActions, resourceArns: [streamArn] });
    if (table.encryptionKey) {
      grantStorageKeyVia(this, props.role, table.encryptionKey, 'dynamodb', storageKeyActions.readStream);
    }

    this.mapping = new EventSourceMapping(this, 'Mapping', {
      target: props.function,
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: relaysOutbox.batchSize,
      maxBatchingWindow: Duration.seconds(relaysOutbox.maxBatchingWindowSeconds),
      filters: [FilterCriteria.filter(outboxInsertFilter)],
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: outboxStreamRetryAttempts,
      maxRecordAge: outboxStreamMaxRecordAge,
      onFailure: { bind: () => ({ destination: queueArn }) },
    });

    // IteratorAge: how old the last record of a batch was when the function got it.
    this.iteratorAgeAlarm = alarmAbove(
      this,
      'IteratorAgeAlarm',
      props.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      outboxStreamIteratorAgeThreshold.toMilliseconds(),
      `Outbox stream relay ${name} (${settings.stage}): more than ${outboxStreamIteratorAgeThreshold.toSeconds()} s behind the ${tableName} stream; events reach the bus late and the scheduled relay takes over`,
    );
  }
}

/** The OutboxStreamRelay of a function whose definition `relaysOutbox`, under the function's construct. */
export function wireOutboxStream(
  scope: Construct,
  options: {
    name: FunctionName;
    definition: FunctionDefinition;
    function: IFunction;
    role: IGrantable;
    tables: Record<TableName, ITable>;
    settings: StageSettings;
  },
): OutboxStreamRelay | undefined {
  const { relaysOutbox } = options.definition;
  if (!relaysOutbox) return undefined;
  return new OutboxStreamRelay(scope, 'OutboxStream', {
    name: options.name,
    function: options.function,
    role: options.role,
    table: options.tables[relaysOutbox.table],
    tableName: relaysOutbox.table,
    relaysOutbox,
    settings: options.settings,
  });
}
