import type { Logger } from '@aws-lambda-powertools/logger';
import { createJobHandler } from '#shared/jobs/job-handler.ts';
import type { ModerationService } from '#shared/moderation/service.ts';

/**
 * The scheduled rewards settlement (EventBridge Scheduler hourly; locally the local scheduler and
 * `npm run job -- rewards-settlement [--now <ISO time>]`). The event's `time` is its "now".
 */
export const createRewardsSettlement = (deps: { service: ModerationService; logger: Logger }) =>
  createJobHandler({ logger: deps.logger, job: 'rewards-settlement', run: (now) => deps.service.settleRewards(now) });
