import { periodOf } from '#shared/figures/periods.ts';
import { nextPromiseState } from '#shared/transparency/domain/commitment-state.ts';
import { promiseTargets, readPromises, type Figure, type PromiseId, type Verdict } from '#shared/transparency/domain/commitments.ts';
import { gatherFacts, type CommitmentPorts } from '#shared/transparency/use-cases/commitment-ports.ts';

interface ScorecardPromise {
  id: PromiseId;
  promise: { en: string; 'zh-CN': string };
  target: Figure;
  figure: Figure;
  verdict: Verdict;
  /** Since when the verdict holds, as the hourly checks saw it (now, if it changed since the last check). */
  since: string;
  history: Array<{ quarter: string; verdict: Verdict; figure: Figure; final: boolean }>;
}

export interface Scorecard {
  quarter: string;
  /** When the live figures were read. */
  readAt: string;
  /** The last hourly check; null before the first. */
  checkedAt: string | null;
  promises: ScorecardPromise[];
}

/**
 * The public scorecard: each promise's live figure and verdict (the quarter to date), the target,
 * since when the verdict holds (the kept state of the hourly checks) and its record quarter by
 * quarter, newest first. Holds counts, shares and quarters only.
 */
export const readScorecard = async (ports: CommitmentPorts): Promise<Scorecard> => {
  const now = ports.clock.now();
  const quarter = periodOf(now, 'quarter');
  const { state, quarters } = await ports.store.read();
  const facts = await gatherFacts(ports, quarter, state?.quarter === quarter ? state.submittedForReview : null);
  const readAt = now.toISOString();
  const promises = readPromises(facts, now).map(({ id, figure, verdict }): ScorecardPromise => {
    const kept = state?.promises[id];
    const { en, 'zh-CN': zh, target } = promiseTargets[id];
    return {
      id,
      promise: { en, 'zh-CN': zh },
      target,
      figure,
      verdict,
      since: nextPromiseState(kept, verdict, readAt).since,
      history: quarters
        .flatMap((record) => {
          const entry = record.promises[id];
          return entry ? [{ quarter: record.quarter, verdict: entry.verdict, figure: entry.figure, final: record.final }] : [];
        })
        .reverse(),
    };
  });
  return { quarter, readAt, checkedAt: state?.checkedAt ?? null, promises };
};
