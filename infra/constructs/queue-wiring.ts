import { Duration } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { queues as queueDefinitions, type FunctionDefinition, type QueueName } from '#infra/manifest.ts';
import { grantStorageKeyVia, storageKeyActions } from './storage-key-grants.ts';

/**
 * The queue side of a function's definition, as Lambda needs it in AWS:
 *
 * - `consumes`: an SQS event source mapping with partial batch responses (ReportBatchItemFailures),
 *   the definition's batch size and batching window. SqsEventSource grants the role what the
 *   mapping's poller needs on that one queue (ReceiveMessage, DeleteMessage,
 *   ChangeMessageVisibility, GetQueueAttributes, GetQueueUrl); kms:Decrypt on the queue's key is
 *   granted here, only through SQS (kms:ViaService).
 * - `sendsTo`: the queue's URL in the environment variable of its definition, and exactly
 *   sqs:SendMessage on that queue. An SSE-KMS queue also needs the producer to ask KMS for a data
 *   key (kms:GenerateDataKey) and to use a cached one (kms:Decrypt), on the queue's key only and
 *   only through SQS.
 *
 * The local stack mirrors the same definitions with infra/local/queue-poller.ts.
 */
export function wireQueues(options: {
  definition: FunctionDefinition;
  function: LambdaFunction;
  role: IGrantable;
  queues: Record<QueueName, IQueue>;
}): void {
  const { definition, role } = options;
  if (definition.consumes) {
    const { queue, batchSize, maxBatchingWindowSeconds } = definition.consumes;
    const consumed = options.queues[queue];
    // A view of the queue without its key: SqsEventSource would grant kms:Decrypt on it unconditioned.
    const withoutKey = Queue.fromQueueArn(options.function, `${queueDefinitions[queue].logicalId}Consumed`, consumed.queueArn);
    options.function.addEventSource(
      new SqsEventSource(withoutKey, {
        batchSize,
        maxBatchingWindow: Duration.seconds(maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
      }),
    );
    if (consumed.encryptionMasterKey) {
      grantStorageKeyVia(options.function, role, consumed.encryptionMasterKey, 'sqs', storageKeyActions.consumeQueue);
    }
  }
  for (const name of definition.sendsTo ?? []) {
    const queue = options.queues[name];
    options.function.addEnvironment(queueDefinitions[name].envVar, queue.queueUrl);
    // Not queue.grantSendMessages: it adds GetQueueAttributes, GetQueueUrl and kms:ReEncrypt*/GenerateDataKey*.
    Grant.addToPrincipal({ grantee: role, actions: ['sqs:SendMessage'], resourceArns: [queue.queueArn] });
    if (queue.encryptionMasterKey) {
      grantStorageKeyVia(options.function, role, queue.encryptionMasterKey, 'sqs', storageKeyActions.sendToQueue);
    }
  }
}
