import { createJobHandler } from '#shared/jobs/job-handler.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { countMetric } from '#shared/observability/metrics.ts';
import { COMMITMENTS_WATCH_JOB } from '#shared/transparency/manifest.ts';
import { PROMISES_TURNED_NOT_KEPT_METRIC, watchCommitments } from '#shared/transparency/use-cases/watch-commitments.ts';
import { commitmentPortsFromEnvironment, type CommitmentOverrides } from '#shared/transparency/wiring/commitment-ports.ts';

/**
 * The scorecard's hourly watch (EventBridge Scheduler; locally `npm run job -- commitments-watch
 * [--now <ISO time>]`): reads every promise of the quarter to date, keeps the verdicts with since
 * when they hold and the quarter's record, and writes `PromisesTurnedNotKept` on every run (zero
 * included), which the promise alarm watches. Holds no key.
 */
export const commitmentsWatchHandlerFromEnvironment = (overrides: Omit<CommitmentOverrides, 'clock'> = {}) => {
  const logger = createLogger('commitments-watch');
  // The run's time (the schedule's, or --now) is the clock of everything the watch reads.
  let runAt = new Date();
  const ports = commitmentPortsFromEnvironment({ ...overrides, clock: { now: () => runAt } });
  return createJobHandler({
    logger,
    job: COMMITMENTS_WATCH_JOB,
    run: async (now) => {
      runAt = now;
      const watched = await watchCommitments(ports);
      countMetric(PROMISES_TURNED_NOT_KEPT_METRIC, watched.turnedNotKept.length);
      return watched;
    },
  });
};
