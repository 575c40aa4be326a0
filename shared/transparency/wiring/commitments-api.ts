import { createCommitmentsApiHandler } from '#shared/transparency/http/commitment-handlers.ts';
import { createLogger } from '#shared/observability/logger.ts';
import type { Scorecard } from '#shared/transparency/use-cases/read-scorecard.ts';
import { readScorecard } from '#shared/transparency/use-cases/read-scorecard.ts';
import { commitmentPortsFromEnvironment, type CommitmentOverrides } from '#shared/transparency/wiring/commitment-ports.ts';

/** How long one instance reuses a scorecard it read: the public route compiles the quarter's figures, which costs a few dozen reads. */
const SCORECARD_REUSE_MS = 30_000;

/**
 * The public scorecard function (`GET /v1/commitments`, `/v1/commitments.html`): the kept
 * verdicts and the live figures, read at most once per instance every 30 seconds. Holds no key.
 */
export const commitmentsApiHandlerFromEnvironment = (overrides: CommitmentOverrides = {}) => {
  const ports = commitmentPortsFromEnvironment(overrides);
  let kept: { at: number; scorecard: Promise<Scorecard> } | undefined;
  const scorecard = () => {
    const now = ports.clock.now().getTime();
    if (!kept || now - kept.at >= SCORECARD_REUSE_MS) {
      const reading = readScorecard(ports);
      // A failed read is not reused: the next request tries again.
      reading.catch(() => {
        if (kept?.scorecard === reading) kept = undefined;
      });
      kept = { at: now, scorecard: reading };
    }
    return kept.scorecard;
  };
  return createCommitmentsApiHandler({ scorecard, logger: createLogger('commitments') });
};
