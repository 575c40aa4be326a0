import { outboxRelayFromEnvironment } from '#shared/events/outbox.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { SURVEYS } from '#shared/surveys/index.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { runCampaignJob } from '#shared/surveys/use-cases/run-campaign-job.ts';
import { surveysFromEnvironment, type SurveyWiringOverrides } from '#shared/surveys/wiring/context.ts';

/**
 * The survey-campaign job (EventBridge Scheduler, hourly; locally the local scheduler and
 * `npm run job -- survey-campaign [--now <ISO time>]`): campaigns, reminders and the relay of the
 * surveys' outbox. The event's `time` is the job's "now".
 */
export const surveyCampaignHandlerFromEnvironment = (overrides: SurveyWiringOverrides = {}) => {
  const surveys = surveysFromEnvironment('survey-campaign', overrides);
  const outboxRelay = outboxRelayFromEnvironment({
    db: surveys.document,
    table: surveysManifest.tables.surveys,
    context: SURVEYS,
    logger: surveys.logger,
    env: surveys.env,
  });
  return createJobHandler({
    logger: surveys.logger,
    job: 'survey-campaign',
    run: (now) => runCampaignJob({ ...surveys, outboxRelay }, now),
    summary: (report) => ({ opened: report.opened, closed: report.closed.length, ...report.reminders, eventsRelayed: report.eventsRelayed }),
  });
};
