import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * What the queue-throughput benches share: seeding a queue, waiting for a consumer, and the bare
 * receive-and-delete loop every consumer is compared with.
 */

/** Waits (polling every 2 ms) until `done()`; fails after `timeoutMs`. */
export const until = async (done: () => boolean, timeoutMs: number) => {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('The queue was not emptied in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};

/** The bare loop: what the queue alone costs per message (same batch size and long poll as the poller). */
export const bareReceiveAndDelete = async (sqs: SQSClient, queueUrl: string, messages: number) => {
  let deleted = 0;
  const start = performance.now();
  while (deleted < messages) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) continue;
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
    );
    deleted += Messages.length;
  }
  return performance.now() - start;
};

/** Sends the bodies to the queue, ten per request. */
export const sendBodies = async (sqs: SQSClient, queueUrl: string, bodies: string[]) => {
  for (let i = 0; i < bodies.length; i += 10) {
    const entries = bodies.slice(i, i + 10).map((MessageBody, j) => ({ Id: String(j), MessageBody }));
    const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    if (Failed.length > 0) throw new Error(`${Failed.length} messages not sent`);
  }
};
