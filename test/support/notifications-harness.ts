import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { inject } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import type { Audience, EmailSender, PersonProfile, UserDirectory } from '#shared/notifications/use-cases/ports.ts';
import { notificationSenderFromEnvironment } from '#shared/notifications/wiring/notification-sender.ts';
import { notificationsApiHandlerFromEnvironment } from '#shared/notifications/wiring/notifications-api.ts';
import { emailFeedbackHandlerFromEnvironment } from '#shared/notifications/wiring/email-feedback.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { invokeApi, lambdaContext } from './events.ts';

/** A directory the test fills: people by subject, staff groups by name. */
const memoryDirectory = () => {
  const people = new Map<string, PersonProfile>();
  const groups = new Map<string, string[]>();
  const directory: UserDirectory = {
    profileOf: async (sub) => people.get(sub),
    membersOf: async (group) => groups.get(group) ?? [],
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
}) => {
  const suffix = randomUUID().slice(0, 8);
  const names = { notifications: `notifications-${suffix}`, figures: `figures-${suffix}` };
  const { client, document } = createDynamoClients();
  await Promise.all([
    client.send(new CreateTableCommand(createTableInput(tables.notifications, names.notifications))),
    client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures))),
  ]);
  const env = { ...process.env, ...options.env, [tables.notifications.envVar]: names.notifications, [tables.figures.envVar]: names.figures };
  const logger = options.logger ?? createLogger('notifications-test');
  const { directory, people, groups } = memoryDirectory();
  const sender = notificationSenderFromEnvironment({
    clock: options.clock,
    logger,
    env,
    directory,
    ...(options.audiences && { audiences: options.audiences }),
    ...(options.email && { email: options.email }),
  });
  const feedback = emailFeedbackHandlerFromEnvironment({ clock: options.clock, logger, env });
  return {
    tableNames: names,
    document,
    people,
    groups,
    /** Hands the events to the sender as one queue batch; the ids of the records that failed. */
    deliver: async (events: readonly EventEnvelope[]) =>
      (await sender(sqsEventOf(events), lambdaContext())).batchItemFailures.map((failure) => failure.itemIdentifier),
    invoke: invokeApi(notificationsApiHandlerFromEnvironment({ clock: options.clock, logger, env })),
    /** Hands SES event notifications to the feedback function as SNS would. */
    feedback: (messages: readonly Record<string, unknown>[]) =>
      feedback(
        { Records: messages.map((message) => ({ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn', Sns: { Message: JSON.stringify(message) } as never })) },
        lambdaContext(),
      ),
  };
};
