import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { runCampaignJob } from '#shared/surveys/use-cases/run-campaign-job.ts';
import { surveysFromEnvironment, type SurveyWiringOverrides } from '#shared/surveys/wiring/context.ts';

/**
 * The survey-campaign job (EventBridge Scheduler, hourly; locally the local scheduler and
 * `npm run job -- survey-campaign [--now <ISO time>]`): campaigns, reminders and the relay of the
 * surveys' outbox. The event's `time` is the job's "now".
 */
export const surveyCampaignHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const surveys = surveysFromEnvironment('survey-campaign', overrides);
  return createJobHandler({
    logger: surveys.logger,
    job: 'survey-campaign',
    run: (now) => runCampaignJob(surveys, now),
    summary: (report) => ({ opened: report.opened, closed: report.closed.length, ...report.reminders, eventsRelayed: report.eventsRelayed }),
  });
};
