import { startFauxqs } from 'fauxqs';
import type { QueueDefinition } from '#infra/manifest.ts';
import { DEFAULT_REGION } from '#infra/local/aws.ts';

export { DEFAULT_REGION };
export const dlqName = (definition: QueueDefinition) => `${definition.localName}-dlq`;

/**
 * Starts the fauxqs SQS emulator in this process and creates each queue with its dead-letter
 * queue and redrive policy, from the same definitions the CDK stack uses.
 */
export const startSqsEmulator = async (options: { port: number; definitions: QueueDefinition[] }) => {
  // Queue URLs look like `http://sqs.us-east-1.localhost:<port>/...`; that host does not resolve,
  // so SQS clients send every request to the endpoint (see shared/aws/sqs.ts), and fauxqs finds
  // the queue by its URL.
  const server = await startFauxqs({ port: options.port, logger: false, defaultRegion: DEFAULT_REGION });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const queueUrls: Record<string, string> = {};
  for (const definition of options.definitions) {
    const dlq = server.createQueue(dlqName(definition), {
      attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) },
    });
    const queue = server.createQueue(definition.localName, {
      attributes: {
        VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(definition.retentionDays * 24 * 3600),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: definition.maxReceiveCount }),
      },
    });
    queueUrls[definition.localName] = queue.queueUrl;
    queueUrls[dlqName(definition)] = dlq.queueUrl;
  }
  return { endpoint, queueUrls, stop: () => server.stop() };
};
