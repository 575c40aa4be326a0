import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { changedPaths, type ReportDraft, reportContentHash } from '#shared/transparency/domain/report-lifecycle.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { requireCommsForReports, type ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';

/** How many of the changed paths a draft lists (a recompilation can move many figures at once). */
const CHANGES_LISTED = 100;

/**
 * A draft as comms review it: its content and revision, the hash its content would be published
 * under, the quarter's latest version and what the draft changes of it (the paths of the figures
 * and sections that differ, apart from the compilation time), so that they see whether publishing
 * would change anything and what a correction has to name.
 */
export const reportDraftView = (draft: ReportDraft, latest: ReportVersion | undefined) => {
  const contentHash = reportContentHash(draft);
  return {
    ...draft,
    contentHash,
    latestVersion: latest ? { version: latest.version, publishedAt: latest.publishedAt, contentHash: latest.contentHash } : null,
    unpublishedChanges: latest?.contentHash !== contentHash,
    changedSinceLatest: latest ? changedPaths(latest, draft).slice(0, CHANGES_LISTED) : null,
  };
};

/** One quarter's draft; 404 before it is compiled. */
export const getReportDraft = async (ports: Pick<ReportPorts, 'reports'>, caller: Caller, quarter: string) => {
  requireCommsForReports(caller);
  const draft = await ports.reports.getDraft(quarter);
  if (!draft) throw problems.notFound(`No draft of ${quarter}: compile it first.`);
  return reportDraftView(draft, await ports.reports.latestVersion(quarter));
};
