import type { Context } from 'aws-lambda';
import { complaintOwnerQueryFromEnvironment } from '#shared/customer-service/index.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { inviteAfterResolution, type ResolutionOutcome } from '#shared/surveys/use-cases/invite-after-resolution.ts';
import { surveysFromEnvironment, type SurveyWiringOverrides } from '#shared/surveys/wiring/context.ts';

/**
 * Target of the `complaint.resolved` rule: EventBridge invokes it with the event (asynchronously:
 * a thrown error is retried, then the event goes to the rule's dead-letter queue); locally the
 * local EventBridge calls it the same way. The complaint's owner is asked of customer service
 * (one read of the owner id; no data key, so no personal data can be opened).
 */
export const surveyEventsHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const surveys = surveysFromEnvironment('survey-events', overrides);
  const deps = { ...surveys, complaints: complaintOwnerQueryFromEnvironment(surveys.document, surveys.env) };
  return observedHandler(async (event: unknown, context: Context): Promise<{ outcome: ResolutionOutcome }> => {
    surveys.logger.addContext(context);
    const outcome = await inviteAfterResolution(deps, event);
    surveys.logger.info('complaint.resolved handled', { outcome });
    return { outcome };
  });
};
