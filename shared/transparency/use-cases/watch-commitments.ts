import { periodOf } from '#shared/figures/periods.ts';
import { advanceCommitments, type CommitmentsState, type QuarterRecord } from '#shared/transparency/domain/commitment-state.ts';
import { readPromises, type PromiseId } from '#shared/transparency/domain/commitments.ts';
import { quarterBounds } from '#shared/transparency/domain/report-quarter.ts';
import { gatherFacts, type CommitmentPorts } from '#shared/transparency/use-cases/commitment-ports.ts';

/** The metric the promise alarm watches: promises found not kept whose last measured verdict was kept, per check. */
export const PROMISES_TURNED_NOT_KEPT_METRIC = 'PromisesTurnedNotKept';

export interface CommitmentsWatch {
  quarter: string;
  verdicts: Partial<Record<PromiseId, string>>;
  turnedNotKept: PromiseId[];
  /** The quarter that ended since the last check, its verdicts made final; absent otherwise. */
  closedQuarter?: string;
}

/**
 * The final check of the quarter the last check was in, when it has ended since: its figures at
 * its end, so that its record in the history is what the quarter came to. A promise it finds
 * broken counts too.
 */
const closeQuarter = async (ports: CommitmentPorts, previous: CommitmentsState) => {
  const end = quarterBounds(previous.quarter).end;
  const facts = await gatherFacts(ports, previous.quarter, previous.submittedForReview);
  const submitted = facts.trustAndSafety.contentReviews.submitted;
  return advanceCommitments(previous, { quarter: previous.quarter, readings: readPromises(facts, end), submittedForReview: submitted, now: end, final: true });
};

/**
 * The hourly watch: reads every promise of the quarter to date, keeps each verdict with since
 * when it holds and the quarter's record, and reports the promises that turned from kept to not
 * kept (the alarm's metric). The first check of a new quarter first closes the one before.
 */
export const watchCommitments = async (ports: CommitmentPorts): Promise<CommitmentsWatch> => {
  const now = ports.clock.now();
  const quarter = periodOf(now, 'quarter');
  const { state: stored } = await ports.store.read();
  const closed = stored && stored.quarter < quarter ? await closeQuarter(ports, stored) : undefined;
  const previous = closed?.state ?? stored;
  const sameQuarter = previous?.quarter === quarter;
  const facts = await gatherFacts(ports, quarter, sameQuarter ? previous.submittedForReview : null);
  const check = advanceCommitments(previous, {
    quarter,
    readings: readPromises(facts, now),
    submittedForReview: facts.trustAndSafety.contentReviews.submitted,
    now,
  });
  const records: QuarterRecord[] = closed ? [closed.record, check.record] : [check.record];
  await ports.store.save(check.state, records, stored?.checkedAt);
  return {
    quarter,
    verdicts: Object.fromEntries(Object.entries(check.state.promises).map(([id, p]) => [id, p.verdict])),
    turnedNotKept: [...new Set([...(closed?.turnedNotKept ?? []), ...check.turnedNotKept])],
    ...(closed && { closedQuarter: closed.state.quarter }),
  };
};
