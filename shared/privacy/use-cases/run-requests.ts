import { archiveDeleted, type PrivacyRequest } from '#shared/privacy/domain/request.ts';
import { DEADLINE_WARNING_DAYS } from '#shared/privacy/manifest.ts';
import { assembleExport } from '#shared/privacy/use-cases/assemble-export.ts';
import { eraseSubject } from '#shared/privacy/use-cases/erase-subject.ts';
import type { WorkerPorts } from '#shared/privacy/use-cases/ports.ts';

/** Requests handled per run: the rest wait for the next run, five minutes later. */
const REQUESTS_PER_RUN = 25;
const DAY_MS = 86_400_000;

export interface RequestsRunReport {
  exportsAssembled: number;
  erasuresRun: number;
  archivesDeleted: number;
  failed: number;
  /** Requests still awaiting an answer whose deadline is within the warning days, or passed. */
  nearDeadline: number;
}

const step = async (ports: WorkerPorts, request: PrivacyRequest): Promise<keyof RequestsRunReport | undefined> => {
  if (request.kind === 'export' && request.status === 'pending') {
    await assembleExport(ports, request);
    return 'exportsAssembled';
  }
  if (request.kind === 'export' && request.status === 'ready') {
    await ports.store.deleteArchive(request.id, request.archive?.parts ?? 0);
    await ports.store.save(archiveDeleted(request, ports.clock.now()), request);
    return 'archivesDeleted';
  }
  if (request.kind === 'erasure' && (request.status === 'cooling-off' || request.status === 'partially-completed')) {
    await eraseSubject(ports, request);
    return 'erasuresRun';
  }
  return undefined;
};

/**
 * The requests job: does the work that is due (assemble an export, erase after the cooling-off or
 * when a hold ends, delete an expired archive), one request at a time so that one failure (left
 * due, tried again next run) does not stop the others; then counts the requests awaiting an
 * answer whose deadline is near, for the alarm.
 */
export const runRequests = async (ports: WorkerPorts, onFailure: (request: PrivacyRequest, error: unknown) => void): Promise<RequestsRunReport> => {
  const now = ports.clock.now();
  const report: RequestsRunReport = { exportsAssembled: 0, erasuresRun: 0, archivesDeleted: 0, failed: 0, nearDeadline: 0 };
  const due = await ports.store.due(now, REQUESTS_PER_RUN);
  for (const request of due.items) {
    try {
      const done = await step(ports, request);
      if (done) report[done] += 1;
    } catch (error) {
      report.failed += 1;
      onFailure(request, error);
    }
  }
  const warnBefore = new Date(now.getTime() + DEADLINE_WARNING_DAYS * DAY_MS).toISOString();
  report.nearDeadline = await ports.store.countAwaiting(warnBefore);
  return report;
};
