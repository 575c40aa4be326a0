import type { Figure, PromiseId, PromiseReading, Verdict } from '#shared/transparency/domain/commitments.ts';

/**
 * What the scorecard keeps between checks: each promise's verdict and since when it holds, and one
 * record per quarter (its verdicts and figures at the last check in it). A verdict's `since` moves
 * only when the verdict changes; across a spell of "not yet measurable" (a new quarter before its
 * deadline) a promise that comes back to the same verdict keeps its earlier `since`.
 */

type Measured = Exclude<Verdict, 'not-yet-measurable'>;

export interface PromiseState {
  verdict: Verdict;
  since: string;
  /** The last verdict that was kept or not kept, and since when. */
  lastMeasured?: { verdict: Measured; since: string };
}

export interface CommitmentsState {
  /** The quarter of the last check. */
  quarter: string;
  checkedAt: string;
  /** Revisions submitted for review in `quarter` by the last check: each must be screened by the next. */
  submittedForReview: number;
  promises: Partial<Record<PromiseId, PromiseState>>;
}

export interface QuarterRecord {
  quarter: string;
  checkedAt: string;
  /** Whether the quarter had ended at the check: its verdicts are final. */
  final: boolean;
  promises: Partial<Record<PromiseId, { verdict: Verdict; figure: Figure }>>;
}

const isMeasured = (verdict: Verdict): verdict is Measured => verdict !== 'not-yet-measurable';

/** A promise's state after a reading at `at`. */
export const nextPromiseState = (previous: PromiseState | undefined, verdict: Verdict, at: string): PromiseState => {
  const resumed = previous?.lastMeasured?.verdict === verdict ? previous.lastMeasured.since : undefined;
  const since = previous?.verdict === verdict ? previous.since : (resumed ?? at);
  const lastMeasured = isMeasured(verdict) ? { verdict, since } : previous?.lastMeasured;
  return { verdict, since, ...(lastMeasured && { lastMeasured }) };
};

/** A promise the reading finds not kept whose last measured verdict was kept: what the alarm is for. */
const hasTurnedNotKept = (previous: PromiseState | undefined, verdict: Verdict): boolean =>
  verdict === 'not-kept' && previous?.lastMeasured?.verdict === 'kept';

/** The check of a quarter at `now`: the next state, the quarter's record, and the promises that turned from kept to not kept. */
export const advanceCommitments = (
  previous: CommitmentsState | undefined,
  check: { quarter: string; readings: readonly PromiseReading[]; submittedForReview: number; now: Date; final?: boolean },
): { state: CommitmentsState; record: QuarterRecord; turnedNotKept: PromiseId[] } => {
  const at = check.now.toISOString();
  const promises: CommitmentsState['promises'] = {};
  const recorded: QuarterRecord['promises'] = {};
  const turnedNotKept: PromiseId[] = [];
  for (const { id, verdict, figure } of check.readings) {
    const before = previous?.promises[id];
    promises[id] = nextPromiseState(before, verdict, at);
    recorded[id] = { verdict, figure };
    if (hasTurnedNotKept(before, verdict)) turnedNotKept.push(id);
  }
  return {
    state: { quarter: check.quarter, checkedAt: at, submittedForReview: check.submittedForReview, promises },
    record: { quarter: check.quarter, checkedAt: at, final: check.final ?? false, promises: recorded },
    turnedNotKept,
  };
};
