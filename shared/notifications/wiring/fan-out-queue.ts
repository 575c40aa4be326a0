import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FanOutQueue } from '#shared/notifications/use-cases/ports.ts';

/**
 * The continuation of a message to every person, sent back to the notifications queue (the
 * sender's own queue, `sendsTo` in the manifest): the same envelope and event id with the page to
 * go on from, so each queue message delivers one directory page within the function's timeout.
 */
export const createFanOutQueue = (sqs: Pick<SQSClient, 'send'>, queueUrl: string): FanOutQueue => ({
  async continueLater(envelope) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(envelope) }));
  },
});
