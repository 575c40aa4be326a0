import type { Clock } from '#shared/clock.ts';
import type { CommitmentFacts } from '#shared/transparency/domain/commitments.ts';
import type { CommitmentStore } from '#shared/transparency/store/commitment-store.ts';
import type { CompileFigures } from '#shared/transparency/use-cases/report-ports.ts';

/** What the scorecard reads and keeps. */
export interface CommitmentPorts {
  store: Pick<CommitmentStore, 'read' | 'save'>;
  /** The report's figures of a quarter, to date when it has not ended. */
  compile: CompileFigures;
  /** Trust and safety's counts of a quarter (moderation's counters). */
  trustAndSafety: (quarter: string) => Promise<CommitmentFacts['trustAndSafety']>;
  /** When the report of a quarter was first published; null when it is not. */
  reportPublishedAt: (quarter: string) => Promise<string | null>;
  clock: Clock;
}

/** The previous calendar quarter of `2026-Q1` is `2025-Q4`. */
const quarterBefore = (quarter: string): string => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

/** Everything a quarter's verdicts are read from. */
export const gatherFacts = async (
  ports: Pick<CommitmentPorts, 'compile' | 'trustAndSafety' | 'reportPublishedAt'>,
  quarter: string,
  submittedByPreviousCheck: number | null,
): Promise<CommitmentFacts> => {
  const [figures, trustAndSafety, previousReportPublishedAt] = await Promise.all([
    ports.compile(quarter),
    ports.trustAndSafety(quarter),
    ports.reportPublishedAt(quarterBefore(quarter)),
  ]);
  return { figures, trustAndSafety, previousReportPublishedAt, submittedByPreviousCheck };
};
