import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { inject } from 'vitest';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { queues, tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import type { Clock } from '#shared/clock.ts';
import type { Audience, EmailSender, PersonProfile, UserDirectory } from '#shared/notifications/use-cases/ports.ts';
import { notificationSenderFromEnvironment } from '#shared/notifications/wiring/notification-sender.ts';
import { notificationsApiHandlerFromEnvironment } from '#shared/notifications/wiring/notifications-api.ts';
import { emailFeedbackHandlerFromEnvironment } from '#shared/notifications/wiring/email-feedback.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { invokeApi, lambdaContext } from './events.ts';

/**
 * A directory the test fills: people by subject, staff groups by name. The people's pool is
 * everyone in `people` who is in no group, `pageSize` at a time (the token: the page's position).
 */
const memoryDirectory = (pageSize: number) => {
  const people = new Map<string, PersonProfile>();
  const groups = new Map<string, string[]>();
  const directory: UserDirectory = {
    profileOf: async (sub) => people.get(sub),
    membersOf: async (group) => groups.get(group) ?? [],
    peoplePage: async (page) => {
      const staff = new Set([...groups.values()].flat());
      const pool = [...people].filter(([sub]) => !staff.has(sub)).map(([sub, profile]) => ({ sub, ...profile }));
      const from = Number(page ?? 0);
      const next = from + pageSize < pool.length ? String(from + pageSize) : undefined;
      return { people: pool.slice(from, from + pageSize), ...(next && { next }) };
    },
  };
  return { directory, people, groups };
};

/** An email as the local SES emulator keeps it (GET /store). */
export interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: Array<{ name: string; value: string }>;
}

/** Every email the local SES emulator holds for `to`. */
export const emailsTo = async (to: string): Promise<StoredEmail[]> => {
  const response = await fetch(`${inject('localStack').endpoints.ses}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.includes(to));
};

/** The SQS event the notifications queue's event source mapping hands the sender: one record per envelope. */
const sqsEventOf = (events: readonly EventEnvelope[]): SQSEvent => ({
  Records: events.map((event, i) => ({
    messageId: `m-${i}-${randomUUID()}`,
    receiptHandle: 'r',
    body: JSON.stringify(event),
    attributes: { ApproximateReceiveCount: '1' } as never,
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:notifications',
    awsRegion: 'eu-central-1',
  })),
});

/**
 * The notifications functions (sender, API, email feedback) wired as their handler modules wire
 * them, on notifications and figures tables of their own, with the test's directory; email goes to
 * the local SES emulator unless the test brings its own sender.
 */
export const createNotificationsHarness = async (options: {
  clock: Clock;
  env?: Record<string, string>;
  audiences?: readonly Audience[];
  email?: EmailSender;
  /** The functions' logger (by default one at the environment's level). */
  logger?: Logger;
  /** People per page of the directory's people's pool (60, as Cognito's ListUsers gives). */
  peoplePageSize?: number;
}) => {
  const suffix = randomUUID().slice(0, 8);
  const names = { notifications: `notifications-${suffix}`, figures: `figures-${suffix}` };
  const { client, document } = createDynamoClients();
  const sqs = createSqsClient();
  const [, , queue] = await Promise.all([
    client.send(new CreateTableCommand(createTableInput(tables.notifications, names.notifications))),
    client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures))),
    sqs.send(new CreateQueueCommand({ QueueName: `notifications-${suffix}` })),
  ]);
  const queueUrl = queue.QueueUrl!;
  const env = {
    ...process.env,
    ...options.env,
    [tables.notifications.envVar]: names.notifications,
    [tables.figures.envVar]: names.figures,
    [queues.notifications.envVar]: queueUrl,
  };
  const logger = options.logger ?? createLogger('notifications-test');
  const { directory, people, groups } = memoryDirectory(options.peoplePageSize ?? 60);
  const sender = notificationSenderFromEnvironment({
    clock: options.clock,
    logger,
    env,
    directory,
    ...(options.audiences && { audiences: options.audiences }),
    ...(options.email && { email: options.email }),
  });
  const feedback = emailFeedbackHandlerFromEnvironment({ clock: options.clock, logger, env });
  const deliver = async (events: readonly EventEnvelope[]) =>
    (await sender(sqsEventOf(events), lambdaContext())).batchItemFailures.map((failure) => failure.itemIdentifier);
  /** The continuations the sender put back on its queue (taken off it), as envelopes. */
  const takeQueued = async (): Promise<EventEnvelope[]> => {
    const taken: EventEnvelope[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (Messages.length === 0) return taken;
      for (const message of Messages) {
        taken.push(JSON.parse(message.Body!) as EventEnvelope);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
      }
    }
  };
  return {
    tableNames: names,
    document,
    people,
    groups,
    /** Hands the events to the sender as one queue batch; the ids of the records that failed. */
    deliver,
    takeQueued,
    /** Delivers the events, then every continuation they put on the queue, until none is left; the continuations handled. */
    deliverAll: async (events: readonly EventEnvelope[]) => {
      let continuations = 0;
      for (let batch = [...events]; batch.length > 0; batch = await takeQueued()) {
        const failed = await deliver(batch);
        if (failed.length > 0) throw new Error(`deliveries failed: ${failed.join(', ')}`);
        continuations += batch.length;
      }
      return continuations - events.length;
    },
    invoke: invokeApi(notificationsApiHandlerFromEnvironment({ clock: options.clock, logger, env })),
    /** Hands SES event notifications to the feedback function as SNS would. */
    feedback: (messages: readonly Record<string, unknown>[]) =>
      feedback(
        { Records: messages.map((message) => ({ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn', Sns: { Message: JSON.stringify(message) } as never })) },
        lambdaContext(),
      ),
  };
};
