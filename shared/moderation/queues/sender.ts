import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import type { QueueSender } from '#shared/moderation/use-cases/ports.ts';

const queues = moderationManifest.queues;
type QueueName = keyof typeof queues;

/** Sends work to the moderation queues named in the function's environment (URLs set by the stack). */
export const createQueueSender = (sqs: Pick<SQSClient, 'send'>, env: NodeJS.ProcessEnv): QueueSender => {
  const urlOf = (queue: QueueName) => {
    const url = env[queues[queue].envVar];
    if (!url) throw new Error(`Missing environment variable ${queues[queue].envVar}`);
    return url;
  };
  return {
    async send(queue, body) {
      await sqs.send(new SendMessageCommand({ QueueUrl: urlOf(queue), MessageBody: JSON.stringify(body) }));
    },
  };
};
