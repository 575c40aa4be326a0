import type { Caller } from '#shared/auth/caller.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { commitChange } from '#shared/events/outbox.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { problems } from '#shared/http/problem.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { publishReportDraft, type ReportLanguage } from '#shared/transparency/domain/report-lifecycle.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { REPORT_PUBLISHED_EVENT } from '#shared/transparency/manifest.ts';
import { requireCommsForReports, type ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';

/** What the announcement of a published report carries: which version of which quarter, never who published it. */
interface ReportPublishedDetail {
  quarter: string;
  version: number;
  contentHash: string;
  publishedAt: string;
  supersedes: number | null;
}

const announcementOf = (version: ReportVersion): PublishableEvent => ({
  type: REPORT_PUBLISHED_EVENT,
  at: version.publishedAt,
  detail: {
    quarter: version.quarter,
    version: version.version,
    contentHash: version.contentHash,
    publishedAt: version.publishedAt,
    supersedes: version.supersedes,
  } satisfies ReportPublishedDetail,
});

/**
 * Comms publish a quarter's draft as they read it (`revision`): it becomes the quarter's next
 * version, immutable, announced (`transparency.report-published`) through the outbox in the same
 * transaction. A draft whose content is the latest version's changes nothing and answers that
 * version (`created: false`). After the first version, a correction names what changed.
 */
export const publishReport = async (
  ports: Pick<ReportPorts, 'reports' | 'clock' | 'outbox'>,
  caller: Caller,
  quarter: string,
  request: { revision: number; correction?: Record<ReportLanguage, string> | undefined },
): Promise<{ version: ReportVersion; created: boolean }> => {
  requireCommsForReports(caller);
  return retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const draft = await ports.reports.getDraft(quarter, { consistent: true });
      if (!draft) throw problems.notFound(`No draft of ${quarter}: compile it first.`);
      const now = ports.clock.now();
      const latest = await ports.reports.latestVersion(quarter);
      const published = publishReportDraft(draft, latest, { readRevision: request.revision, correction: request.correction, now });
      if (published.kind === 'unchanged') return { version: published.version, created: false };
      const { version } = published;
      await commitChange(
        ports.outbox,
        { events: [announcementOf(version)], at: now, changeId: `report-${version.quarter}-${version.version}` },
        (outboxItems) => ports.reports.publish({ version, readRevision: request.revision, outboxItems }),
      );
      return { version, created: true };
    },
  );
};
