import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { queues, tables, type FunctionName, type QueueName } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import type { LambdaHandler } from '#infra/local/lambda.ts';
import { startQueuePoller, type QueuePoller } from '#infra/local/queue-poller.ts';
import { dlqName } from '#infra/local/sqs.ts';
import { triageNotice } from '#shared/moderation/use-cases/triage-notice.ts';
import { moderationApiHandlerFromEnvironment } from '#shared/moderation/wiring/api.ts';
import { moderationPortsFromEnvironment } from '#shared/moderation/wiring/context.ts';
import { contentReviewWorkerHandlerFromEnvironment } from '#shared/moderation/wiring/content-review-worker.ts';
import { moderationOutboxRelayHandlerFromEnvironment } from '#shared/moderation/wiring/outbox-relay.ts';
import { reportsConsumerHandlerFromEnvironment } from '#shared/moderation/wiring/reports-consumer.ts';
import { rewardsSettlementHandlerFromEnvironment } from '#shared/moderation/wiring/rewards-settlement.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import type { Clock } from '#shared/clock.ts';
import { readEventBusName } from '#shared/config.ts';
import { createEventPublisher } from '#shared/events/publisher.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { MODERATION } from '#shared/moderation/index.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { invokeApi, lambdaContext } from './events.ts';
import { openOutboxStream } from './outbox-stream.ts';

/**
 * The trust-and-safety functions on tables and queues of their own (so that no other test file
 * consumes this file's messages or counts its figures), wired as their handler modules wire
 * them, with an injected clock. The queue consumers are fed by the same local event source
 * mapping `npm start` runs (infra/local/queue-poller.ts), through the real SQS emulator. The
 * moderation table's stream relay (test/support/outbox-stream.ts) publishes on the local bus (the
 * bus named in the harness's environment) after each request, consumed batch and job run.
 */
export const createModerationHarness = async (options: {
  clock: Clock;
  logger?: Logger;
  poll?: boolean;
  /** Environment to add (e.g. another bus name); tables and queues stay the harness's own. */
  env?: Record<string, string>;
}) => {
  const suffix = randomUUID().slice(0, 8);
  const names = { moderation: `moderation-${suffix}`, figures: `figures-${suffix}` };
  const { client, document } = createDynamoClients();
  await Promise.all([
    client.send(new CreateTableCommand(createTableInput(tables.moderation, names.moderation))),
    client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures))),
  ]);
  const sqs = createSqsClient();
  const queueUrls: Record<string, string> = {};
  const createQueue = async (queue: QueueName) => {
    const definition = queues[queue];
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${dlqName(definition)}-${suffix}` }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${definition.localName}-${suffix}`,
        Attributes: {
          VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: definition.maxReceiveCount }),
        },
      }),
    );
    queueUrls[definition.localName] = main.QueueUrl!;
    queueUrls[dlqName(definition)] = dlq.QueueUrl!;
  };
  await Promise.all([createQueue('reports'), createQueue('contentReview')]);

  const env = {
    ...process.env,
    ...options.env,
    [tables.moderation.envVar]: names.moderation,
    [tables.figures.envVar]: names.figures,
    [queues.reports.envVar]: queueUrls[queues.reports.localName]!,
    [queues.contentReview.envVar]: queueUrls[queues.contentReview.localName]!,
  };
  const logger = options.logger ?? createLogger('moderation-test');
  const wiring = { clock: options.clock, logger, env };
  const outboxStream = await openOutboxStream({
    tableName: names.moderation,
    publisher: createEventPublisher({ busName: readEventBusName(env), context: MODERATION }),
    logger,
  });
  const api = moderationApiHandlerFromEnvironment(wiring);
  // Triage on demand (for harnesses that do not poll), with the reports consumer's ports.
  const { ports: triagePorts } = moderationPortsFromEnvironment(wiring, 'reports-consumer');
  const handlers: Partial<Record<FunctionName, LambdaHandler>> = {
    reportsConsumer: reportsConsumerHandlerFromEnvironment(wiring) as LambdaHandler,
    contentReviewWorker: contentReviewWorkerHandlerFromEnvironment(wiring) as LambdaHandler,
    rewardsSettlement: rewardsSettlementHandlerFromEnvironment(wiring) as LambdaHandler,
    moderationOutboxRelay: moderationOutboxRelayHandlerFromEnvironment({ logger, env }) as LambdaHandler,
  };

  let poller: QueuePoller | undefined;
  const startPolling = () => {
    poller ??= startQueuePoller({
      sqs,
      queueUrls,
      // The consumers of the harness's own queues (other contexts' consumers have queues of their own).
      only: ['reportsConsumer', 'contentReviewWorker'],
      // Looked up per batch (a test may replace a handler), each batch followed by the stream relay.
      loadHandler: async (name) => outboxStream.after(handlers[name]!),
      // Failed messages are retried at once instead of after the queue's 3-minute visibility timeout.
      retryVisibilitySeconds: 0,
    });
    return poller;
  };
  if (options.poll !== false) startPolling();

  const depth = async (queueName: string) => {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrls[queueName],
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return { visible: Number(Attributes.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) };
  };

  return {
    triageNotice: outboxStream.after((noticeId: string) => triageNotice(triagePorts, noticeId)),
    document,
    env,
    tableNames: names,
    queueUrls,
    handlers,
    startPolling,
    poller: () => poller,
    invoke: outboxStream.after(invokeApi(api)),
    /** The moderation table's stream relay, drained after each request, consumed batch and job run. */
    outboxStream,
    depth,
    send: (queueName: string, body: string) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrls[queueName], MessageBody: body })),
    /** Waits until both queues hold nothing visible or in flight (each message consumed or dead-lettered). */
    async drain(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [reports, reviews] = await Promise.all([depth('reports'), depth('content-review')]);
        if (reports.visible + reports.inFlight + reviews.visible + reviews.inFlight === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('The queues did not drain in time');
    },
    settleRewards: outboxStream.after((now: Date) => handlers.rewardsSettlement!(jobEvent('rewards-settlement', now), lambdaContext())),
    relayOutbox: outboxStream.after((now: Date) => handlers.moderationOutboxRelay!(jobEvent('moderation-outbox-relay', now), lambdaContext())),
    stop: async () => {
      await poller?.stop();
      await outboxStream.close();
    },
  };
};

export type ModerationHarness = Awaited<ReturnType<typeof createModerationHarness>>;

/** The body of a fraud notice on `contentId`, as a user would file it. */
export const scamNotice = (contentId: string, extra: Record<string, unknown> = {}) => ({
  contentId,
  contentUrl: `https://platform.example/p/${contentId}`,
  category: 'fraud_or_scam',
  explanation: 'Promises to double any bitcoin sent to the address in the post.',
  goodFaith: true,
  ...extra,
});
