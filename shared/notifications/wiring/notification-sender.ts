import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { parseBody, processBatch } from '#shared/aws/sqs-batch.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { readVar } from '#shared/config.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { complaintOwnerQueryFromEnvironment } from '#shared/customer-service/index.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { customerServiceAudience } from '#shared/notifications/audiences/customer-service.ts';
import { moderationAudience } from '#shared/notifications/audiences/moderation.ts';
import { securityAudience } from '#shared/notifications/audiences/security.ts';
import { surveysAudience } from '#shared/notifications/audiences/surveys.ts';
import { transparencyAudience } from '#shared/notifications/audiences/transparency.ts';
import { moderationNotificationQueryFromEnvironment } from '#shared/moderation/index.ts';
import { inviteeQueryFromEnvironment } from '#shared/surveys/index.ts';
import { notificationsEnv } from '#shared/notifications/config.ts';
import { notificationsManifest } from '#shared/notifications/manifest.ts';
import { directoryFromEnvironment } from '#shared/notifications/directory/directory-from-environment.ts';
import { messageTypes } from '#shared/notifications/domain/catalogue.ts';
import { localeOf } from '#shared/notifications/domain/locale.ts';
import { createSesSender } from '#shared/notifications/email/ses-sender.ts';
import { createInboxStore } from '#shared/notifications/store/inbox-store.ts';
import { renderMessage } from '#shared/notifications/templates/render.ts';
import { deliverEvent, type DeliveryPorts } from '#shared/notifications/use-cases/deliver-event.ts';
import type { Audience, EmailSender, FanOutQueue, UserDirectory } from '#shared/notifications/use-cases/ports.ts';
import { createFanOutQueue } from '#shared/notifications/wiring/fan-out-queue.ts';
import { unsubscribeLinks } from '#shared/notifications/use-cases/unsubscribe.ts';
import { notificationsFromEnvironment, type NotificationWiringOverrides } from '#shared/notifications/wiring/context.ts';

/** An EventBridge event as its SQS target delivers it: the envelope, whose detail the audience checks. */
const EnvelopeSchema = z.object({
  id: z.string().check(z.minLength(1)),
  source: z.string(),
  'detail-type': z.string(),
  time: z.string(),
  detail: z.record(z.string(), z.unknown()),
  fanOut: z.optional(z.object({ type: z.enum(messageTypes), page: z.string().check(z.minLength(1)) })),
});

/** Beyond the common overrides, tests may substitute the directory, the email service or the audiences. */
export interface SenderOverrides extends NotificationWiringOverrides {
  directory?: UserDirectory;
  email?: EmailSender;
  audiences?: readonly Audience[];
  fanOut?: FanOutQueue;
}

/** The ports of the sender from its environment: every context's audience, the directory, SES, the stores and keys. */
const deliveryPortsFromEnvironment = (overrides: SenderOverrides = {}) => {
  const context = notificationsFromEnvironment('notification-sender', overrides);
  const { env } = context;
  const cipher = cipherFromEnvironment(env);
  const audiences = overrides.audiences ?? [
    customerServiceAudience(complaintOwnerQueryFromEnvironment(context.document, env)),
    moderationAudience(moderationNotificationQueryFromEnvironment(context.document, env, cipher)),
    surveysAudience(inviteeQueryFromEnvironment(context.document, env), context.clock),
    securityAudience(),
    transparencyAudience(),
  ];
  const ports: DeliveryPorts = {
    audiences,
    directory: overrides.directory ?? directoryFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
    inbox: createInboxStore(context.table, cipher, context.clock),
    deliveries: context.deliveries,
    preferences: context.preferences,
    figures: context.figures,
    email:
      overrides.email ??
      createSesSender({
        fromAddress: env[notificationsEnv.fromAddress] ?? '',
        ...(env[notificationsEnv.configurationSet] && { configurationSet: env[notificationsEnv.configurationSet] }),
      }),
    fanOut: overrides.fanOut ?? createFanOutQueue(createSqsClient(), readVar(env, notificationsManifest.queues.notifications.envVar)),
    render: renderMessage,
    localeOf: (profileLocale) => localeOf(profileLocale, context.defaultLocale),
    unsubscribeUrl: unsubscribeLinks(context.unsubscribeSeal, context.publicBaseUrl),
    inboxUrl: context.inboxUrl,
    clock: context.clock,
    logger: context.logger,
  };
  return { ports, logger: context.logger };
};

/**
 * The notifications queue's consumer: each message is a domain event; its deliveries are made at
 * most once each, so a redelivered event (or a retried batch) sends nothing twice. A failure
 * returns the message for a retry (partial batch response); after five, the dead-letter queue.
 */
export const notificationSenderFromEnvironment = (overrides: SenderOverrides = {}) => {
  const { ports, logger } = deliveryPortsFromEnvironment(overrides);
  return observedHandler(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    // In parallel: each record is its own event, and its deliveries are keyed by that event.
    return processBatch(event, (record) => deliverEvent(ports, parseBody(record, EnvelopeSchema)), logger, { inParallel: true });
  });
};
