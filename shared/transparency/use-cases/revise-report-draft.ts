import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { editQualitative, type ReportDraft } from '#shared/transparency/domain/report-lifecycle.ts';
import type { QualitativeSections } from '#shared/transparency/domain/report.ts';
import { requireCommsForReports, type ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';

/**
 * Comms replace the qualitative sections of a quarter's draft, naming the revision they read: a
 * draft changed since (saved by someone else, or its figures compiled again) is left as it is
 * (409 `revision-conflict`), so that nobody writes over figures or text they have not seen.
 */
export const reviseReportDraft = async (
  ports: Pick<ReportPorts, 'reports' | 'clock'>,
  caller: Caller,
  quarter: string,
  change: { qualitative: QualitativeSections; revision: number },
): Promise<ReportDraft> => {
  requireCommsForReports(caller);
  const draft = await ports.reports.getDraft(quarter, { consistent: true });
  if (!draft) throw problems.notFound(`No draft of ${quarter}: compile it first.`);
  const edited = editQualitative(draft, change.qualitative, change.revision, ports.clock.now());
  // A ConditionFailedError here (changed in between) is answered as a revision conflict.
  await ports.reports.saveDraft(edited, draft.revision);
  return edited;
};
