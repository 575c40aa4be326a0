import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { newReportDraft, ReportRefusal, refreshDraftFigures, type ReportDraft } from '#shared/transparency/domain/report-lifecycle.ts';
import { hasQuarterStarted, quarterBounds } from '#shared/transparency/domain/report-quarter.ts';
import type { ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';

/**
 * Compiles a quarter into its draft: the first compilation creates the draft; a later one (the job
 * run again, or comms asking) replaces its figures and keeps the qualitative sections comms wrote.
 * `created` says which; `changed` whether the figures moved. The schedule compiles the quarter just
 * ended; comms may compile the quarter under way, whose figures are to date (`compiledAt`, before
 * `period.end`, says so on every format), and a later compilation that moves them makes a
 * published version's successor a correction. A quarter not yet begun is refused (409
 * `quarter-not-started`): it has nothing to report.
 */
export const compileReportDraft = async (
  ports: Pick<ReportPorts, 'reports' | 'compile' | 'clock'>,
  quarter: string,
): Promise<{ draft: ReportDraft; created: boolean; changed: boolean }> => {
  if (!hasQuarterStarted(quarter, ports.clock.now())) {
    const start = quarterBounds(quarter).start.toISOString();
    throw new ReportRefusal('quarter-not-started', `${quarter} has not begun yet (it begins at ${start}): it has nothing to report.`);
  }
  const figures = await ports.compile(quarter);
  return retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const now = ports.clock.now();
      const draft = await ports.reports.getDraft(quarter, { consistent: true });
      if (!draft) {
        const created = newReportDraft(figures, now);
        await ports.reports.createDraft(created);
        return { draft: created, created: true, changed: true };
      }
      const refreshed = refreshDraftFigures(draft, figures, now);
      if (!refreshed) return { draft, created: false, changed: false };
      await ports.reports.saveDraft(refreshed, draft.revision);
      return { draft: refreshed, created: false, changed: true };
    },
  );
};
