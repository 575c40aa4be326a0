import type { Context } from 'aws-lambda';
import { resolutionSurveysFromEnvironment } from '#functions/survey-events/wiring.ts';
import { createLogger } from '#shared/observability/logger.ts';
import type { ResolutionOutcome } from '#shared/surveys/resolution.ts';

/**
 * Target of the `complaint.resolved` rule: EventBridge invokes it with the event (asynchronously:
 * a thrown error is retried, then the event goes to the rule's dead-letter queue); locally the
 * local EventBridge calls it the same way. Idempotent: a redelivery invites nobody twice.
 */
const logger = createLogger('survey-events');
const resolutionSurveys = resolutionSurveysFromEnvironment(logger);

export const handler = async (event: unknown, context: Context): Promise<{ outcome: ResolutionOutcome }> => {
  logger.addContext(context);
  const outcome = await resolutionSurveys.handle(event);
  logger.info('complaint.resolved handled', { outcome });
  return { outcome };
};
