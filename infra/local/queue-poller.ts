import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { functions, queues, type FunctionDefinition, type FunctionName } from '#infra/manifest.ts';
import { invokeWithTimeout, type HandlerLoader } from '#infra/local/lambda.ts';
import { DEFAULT_REGION, LOCAL_ACCOUNT } from '#infra/local/aws.ts';

/**
 * The local stand-in for Lambda's SQS event source mapping: for each function that `consumes` a
 * queue, a loop receives batches, invokes the same handler with the same SQSEvent shape, and
 * deletes what succeeded. With ReportBatchItemFailures semantics: the ids the handler returns in
 * `batchItemFailures` stay on the queue; a thrown error or a timeout leaves the whole batch. What
 * stays becomes visible again after the visibility timeout, and the queue's redrive policy moves
 * it to the dead-letter queue after maxReceiveCount deliveries (fauxqs does the redrive, as SQS does).
 */

interface ConsumerStats {
  batches: number;
  received: number;
  succeeded: number;
  failed: number;
  errors: number;
}

export interface QueuePollerOptions {
  sqs: Pick<SQSClient, 'send'>;
  /** Queue URLs by local name (the stack's `queueUrls`). */
  queueUrls: Record<string, string>;
  loadHandler: HandlerLoader;
  /** Only these consumers (default: every function that declares `consumes`). */
  only?: FunctionName[];
  /**
   * Seconds until a failed message is visible again. Default: the queue's own visibility timeout,
   * as with Lambda. Tests pass 0 so that five deliveries do not take fifteen minutes.
   */
  retryVisibilitySeconds?: number;
  log?: (line: Record<string, unknown>) => void;
}

const queueArn = (name: string) => `arn:aws:sqs:${DEFAULT_REGION}:${LOCAL_ACCOUNT}:${name}`;

const toRecord = (message: Message, queueName: string): SQSRecord => ({
  messageId: message.MessageId!,
  receiptHandle: message.ReceiptHandle!,
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn(queueName),
  awsRegion: DEFAULT_REGION,
});

/**
 * The ids of the messages of a batch that failed, read as Lambda reads the handler's answer: the
 * `batchItemFailures` it names, or the whole batch when it throws, times out or names an
 * itemIdentifier that is not in the batch (or an empty one).
 */
const failedMessageIds = async (
  messages: Message[],
  invoke: () => Promise<SQSBatchResponse | undefined>,
  onError: (error: unknown) => void,
): Promise<Set<string>> => {
  const wholeBatch = new Set(messages.map((m) => m.MessageId!));
  try {
    const ids = ((await invoke())?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    return ids.every((id) => messages.some((m) => m.MessageId === id)) ? new Set(ids) : wholeBatch;
  } catch (error) {
    onError(error);
    return wholeBatch;
  }
};

/**
 * Deletes the messages that succeeded; the failed ones stay on the queue, visible again after
 * `retryVisibilitySeconds` when set (else after the queue's visibility timeout, as with Lambda).
 */
const settleBatch = async (
  options: Pick<QueuePollerOptions, 'sqs' | 'retryVisibilitySeconds'>,
  queueUrl: string,
  messages: Message[],
  failedIds: Set<string>,
): Promise<{ done: number; failed: number }> => {
  const done = messages.filter((m) => !failedIds.has(m.MessageId!));
  const failed = messages.filter((m) => failedIds.has(m.MessageId!));
  if (done.length > 0) {
    await options.sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
    );
  }
  if (failed.length > 0 && options.retryVisibilitySeconds !== undefined) {
    await options.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: failed.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: options.retryVisibilitySeconds! })),
      }),
    );
  }
  return { done: done.length, failed: failed.length };
};

type ConsumerDefinition = FunctionDefinition & { consumes: NonNullable<FunctionDefinition['consumes']> };

/** One event source mapping: the loop of one consumer function over its queue. */
const startMapping = (
  name: FunctionName,
  definition: ConsumerDefinition,
  options: QueuePollerOptions,
) => {
  const queue = queues[definition.consumes.queue];
  const queueUrl = options.queueUrls[queue.localName];
  if (!queueUrl) throw new Error(`No local queue ${queue.localName} for ${name}`);
  const log = options.log ?? (() => undefined);
  const stats: ConsumerStats = { batches: 0, received: 0, succeeded: 0, failed: 0, errors: 0 };
  let running = true;

  const invoke = async (event: SQSEvent): Promise<SQSBatchResponse | undefined> =>
    (await invokeWithTimeout(await options.loadHandler(name), definition, event)) as SQSBatchResponse | undefined;

  const settle = async (messages: Message[], failedIds: Set<string>) => {
    const { done, failed } = await settleBatch(options, queueUrl, messages, failedIds);
    stats.succeeded += done;
    stats.failed += failed;
  };

  const loop = async () => {
    while (running) {
      let messages: Message[] = [];
      try {
        const result = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, definition.consumes.batchSize),
            // A short long-poll, so that stop() answers quickly.
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        messages = result.Messages ?? [];
      } catch (error) {
        if (!running) break;
        stats.errors += 1;
        log({ msg: 'queue receive failed', consumer: name, errorName: (error as Error)?.name });
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (messages.length === 0) continue;
      stats.batches += 1;
      stats.received += messages.length;
      const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queue.localName)) };
      const failedIds = await failedMessageIds(messages, () => invoke(event), (error) =>
        log({ msg: 'consumer failed', consumer: name, errorName: (error as Error)?.name }),
      );
      try {
        await settle(messages, failedIds);
      } catch (error) {
        stats.errors += 1;
        log({ msg: 'queue settle failed', consumer: name, errorName: (error as Error)?.name });
      }
      if (failedIds.size > 0) log({ msg: 'messages failed', consumer: name, failed: failedIds.size, of: messages.length });
    }
  };

  const done = loop();
  return {
    name,
    queue: queue.localName,
    stats,
    stop: async () => {
      running = false;
      await done;
    },
  };
};

export const startQueuePoller = (options: QueuePollerOptions) => {
  const mappings = (Object.entries(functions) as Array<[FunctionName, FunctionDefinition]>)
    .filter(([name, definition]) => definition.consumes && (!options.only || options.only.includes(name)))
    .map(([name, definition]) => startMapping(name, definition as ConsumerDefinition, options));
  return {
    mappings: mappings.map((m) => ({ name: m.name, queue: m.queue })),
    stats: (name: FunctionName) => mappings.find((m) => m.name === name)?.stats,
    stop: async () => {
      await Promise.all(mappings.map((m) => m.stop()));
    },
  };
};

export type QueuePoller = ReturnType<typeof startQueuePoller>;
