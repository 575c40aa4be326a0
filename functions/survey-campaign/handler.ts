import { surveyCampaignFromEnvironment } from '#functions/survey-campaign/wiring.ts';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The survey-campaign job (EventBridge Scheduler, hourly; locally the local scheduler and
 * `npm run job -- survey-campaign [--now <ISO time>]`). The event's `time` is the job's "now".
 */
const logger = createLogger('survey-campaign');
const campaigns = surveyCampaignFromEnvironment(logger);

export const handler = createJobHandler({
  logger,
  job: 'survey-campaign',
  run: (now) => campaigns.runJob(now),
  summary: (report) => ({ opened: report.opened, closed: report.closed.length }),
});
