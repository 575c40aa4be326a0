import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { queues, type QueueDefinition, type QueueName } from '#infra/manifest.ts';

/**
 * The core of `npm run redrive`: moves the messages of a queue's dead-letter queue back to the
 * queue, once whatever made them fail is fixed.
 *
 * Two ways, one result:
 * - In AWS without a limit: SQS's own message move task (StartMessageMoveTask), which moves every
 *   message server-side and keeps the message attributes; the command waits for it and reports
 *   the count SQS gives.
 * - Locally (fauxqs has no move task), and in AWS with `--max` (a move task cannot stop after n
 *   messages): receive from the DLQ, send to the queue, delete from the DLQ only what was sent.
 *   A message whose send failed is made visible again at once, so a re-run finds it. A message
 *   sent whose delete then failed stays in the DLQ too, and a re-run sends it again: the
 *   consumers are idempotent, so the second copy has no effect. The loop moves at most the
 *   messages present when it started, so a message that fails again meanwhile is not spun round.
 */

export class RedriveUsageError extends Error {
  override name = 'RedriveUsageError';
}

type Sqs = Pick<SQSClient, 'send'>;

export interface RedriveResult {
  queue: QueueName;
  method: 'loop' | 'move-task';
  /** Messages now back on the queue. */
  moved: number;
  /** Messages received but not sent (left in the DLQ, visible again). */
  failed: number;
  /** Sent, but not deleted from the DLQ: a re-run sends them again (consumers drop repeats). */
  notDeleted: number;
  /** Messages in the DLQ after the run (approximate in AWS). */
  remaining: number;
}

/** `reports`, `contentReview` or a local name (`content-review`). */
export const parseQueueName = (value: string | undefined): QueueName => {
  const names = Object.keys(queues) as QueueName[];
  const found = names.find((name) => name === value || queues[name].localName === value);
  if (found) return found;
  throw new RedriveUsageError(`${value ? `Unknown queue "${value}"` : 'Name a queue'}: one of ${names.map((n) => queues[n].localName).join(', ')}`);
};

export const parseMax = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 1) throw new RedriveUsageError(`--max must be a whole number of at least 1; got "${value}"`);
  return max;
};

const visibleMessages = async (sqs: Sqs, queueUrl: string) => {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0);
};

/** Receive → send → delete, in batches of up to 10. */
export const redriveByLoop = async (options: {
  sqs: Sqs;
  queue: QueueName;
  deadLetterQueueUrl: string;
  queueUrl: string;
  max?: number;
  /** While the messages are being moved, no one else receives them from the DLQ. */
  visibilityTimeoutSeconds?: number;
}): Promise<RedriveResult> => {
  const { sqs, deadLetterQueueUrl: from, queueUrl: to } = options;
  const limit = Math.min(options.max ?? Number.POSITIVE_INFINITY, await visibleMessages(sqs, from));
  let moved = 0;
  let failed = 0;
  let notDeleted = 0;
  while (moved + failed + notDeleted < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: Math.min(10, limit - moved - failed - notDeleted),
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 60,
        // Long polling asks every SQS server, so a non-empty DLQ does not answer "empty".
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    let sentIds = new Set<string>();
    try {
      const sent = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: to,
          Entries: Messages.map((message, i) => ({
            Id: String(i),
            MessageBody: message.Body ?? '',
            ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length > 0 && { MessageAttributes: message.MessageAttributes }),
          })),
        }),
      );
      sentIds = new Set((sent.Successful ?? []).map((entry) => entry.Id!));
    } catch {
      // Nothing was sent: every message of the batch stays in the DLQ.
    }
    const sent = Messages.filter((_, i) => sentIds.has(String(i)));
    const unsent = Messages.filter((_, i) => !sentIds.has(String(i)));
    if (unsent.length > 0) {
      failed += unsent.length;
      await sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: from,
            Entries: unsent.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 })),
          }),
        )
        .catch(() => undefined);
    }
    if (sent.length > 0) {
      let deleted = 0;
      try {
        const result = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: from,
            Entries: sent.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })),
          }),
        );
        deleted = result.Successful?.length ?? 0;
      } catch {
        // Sent but still in the DLQ: counted, and harmless to send again.
      }
      moved += deleted;
      notDeleted += sent.length - deleted;
    }
    // A send that failed is likely to fail again right now: stop and let the operator re-run.
    if (unsent.length > 0) break;
  }
  return { queue: options.queue, method: 'loop', moved, failed, notDeleted, remaining: await visibleMessages(sqs, from) };
};

/** The queue's URL and ARN, and its dead-letter queue's, from the queue's own redrive policy. */
export const describeRedrive = async (sqs: Sqs, queueUrl: string) => {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn', 'RedrivePolicy'] }));
  if (!Attributes.RedrivePolicy) throw new RedriveUsageError(`${queueUrl} has no dead-letter queue`);
  const deadLetterQueueArn = (JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn: string }).deadLetterTargetArn;
  // arn:aws:sqs:<region>:<account>:<name>
  const [, , , , account, name] = deadLetterQueueArn.split(':');
  const { QueueUrl: deadLetterQueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name!, QueueOwnerAWSAccountId: account! }));
  return { queueUrl, queueArn: Attributes.QueueArn!, deadLetterQueueArn, deadLetterQueueUrl: deadLetterQueueUrl! };
};

/**
 * The deployed queue of a definition. CloudFormation names a queue without an explicit name
 * `<stack>-<logical id>-<suffix>`, and the logical ids are pinned (infra/stacks/stateful-stack.ts),
 * so the prefix finds exactly the queue, never its `...Dlq-` dead-letter queue.
 */
export const findDeployedQueueUrl = async (sqs: Sqs, statefulStackName: string, definition: QueueDefinition) => {
  const prefix = `${statefulStackName}-${definition.logicalId}-`;
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
  if (QueueUrls.length !== 1) {
    throw new RedriveUsageError(`Expected one queue named ${prefix}*, found ${QueueUrls.length}: is the stage deployed in this account and region?`);
  }
  return QueueUrls[0]!;
};

/** SQS's server-side move, waited for until it completes. */
export const redriveByMoveTask = async (options: {
  sqs: Sqs;
  queue: QueueName;
  queueArn: string;
  deadLetterQueueArn: string;
  deadLetterQueueUrl: string;
  pollMs?: number;
}): Promise<RedriveResult> => {
  const { sqs } = options;
  await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: options.deadLetterQueueArn, DestinationArn: options.queueArn }));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
    const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: options.deadLetterQueueArn, MaxResults: 1 }));
    const task = Results[0];
    if (!task || task.Status === 'RUNNING' || task.Status === 'CANCELLING') continue;
    if (task.Status !== 'COMPLETED') throw new Error(`The move task ended ${task.Status}: ${task.FailureReason ?? 'no reason given'}`);
    return {
      queue: options.queue,
      method: 'move-task',
      moved: Number(task.ApproximateNumberOfMessagesMoved ?? 0),
      failed: 0,
      notDeleted: 0,
      remaining: await visibleMessages(sqs, options.deadLetterQueueUrl),
    };
  }
};
