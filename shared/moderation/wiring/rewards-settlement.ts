import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { settleRewards } from '#shared/moderation/use-cases/settle-rewards.ts';
import { moderationPortsFromEnvironment, type WiringOverrides } from '#shared/moderation/wiring/context.ts';

/**
 * The scheduled rewards settlement (EventBridge Scheduler hourly; locally the local scheduler and
 * `npm run job -- rewards-settlement [--now <ISO time>]`). The event's `time` is its "now". It holds neither key.
 */
export const rewardsSettlementHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const { ports, logger } = moderationPortsFromEnvironment(overrides, 'rewards-settlement');
  return createJobHandler({ logger, job: 'rewards-settlement', run: (now) => settleRewards(ports, now) });
};
