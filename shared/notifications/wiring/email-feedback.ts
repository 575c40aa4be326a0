import type { Context, SNSEvent } from 'aws-lambda';
import { readPseudonymKeyConfig } from '#shared/config.ts';
import { pseudonymizerFor } from '#shared/crypto/pseudonym.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { handleEmailFeedback, parseSesEvent } from '#shared/notifications/use-cases/email-feedback.ts';
import { notificationsFromEnvironment, type NotificationWiringOverrides } from '#shared/notifications/wiring/context.ts';

/**
 * Subscriber of the SES feedback topic: SNS invokes it (asynchronously: a thrown error is retried,
 * then the on-failure queue) with one SES event notification per record. Idempotent: a notification
 * delivered twice counts once. Logs carry the outcome and category, never an address. It holds
 * no data key, so it loads no Encryption SDK: pseudonyms come from the pseudonym key alone.
 */
export const emailFeedbackHandlerFromEnvironment = (overrides: NotificationWiringOverrides = {}) => {
  const context = notificationsFromEnvironment('email-feedback', overrides);
  const ports = { ...context, pseudonyms: pseudonymizerFor(readPseudonymKeyConfig(context.env)) };
  return observedHandler(async (event: SNSEvent, lambdaContext: Context) => {
    context.logger.addContext(lambdaContext);
    const outcomes = [];
    for (const record of event.Records) {
      const outcome = await handleEmailFeedback(ports, parseSesEvent(record.Sns.Message));
      context.logger.info('email feedback handled', outcome);
      outcomes.push(outcome);
    }
    return { outcomes };
  });
};
