import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { JobEventSchema } from '#shared/jobs/job-event.ts';
import type { ModerationService } from '#shared/moderation/service.ts';

/**
 * The scheduled rewards settlement (EventBridge Scheduler hourly; locally the local scheduler and
 * `npm run job -- rewards-settlement [--now <ISO time>]`). The event's `time` is its "now".
 */
export const createRewardsSettlement = (deps: { service: ModerationService; logger: Logger }) =>
  async (event: unknown, context: Context) => {
    deps.logger.addContext(context);
    const parsed = JobEventSchema.safeParse(event);
    if (!parsed.success) {
      // A malformed event is a deployment error: fail loudly, never guess a time.
      deps.logger.error('Not a job event', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
      throw new Error('The rewards settlement expects { job, time }');
    }
    const report = await deps.service.settleRewards(new Date(parsed.data.time));
    deps.logger.info('Rewards settled', { ...report });
    return report;
  };
