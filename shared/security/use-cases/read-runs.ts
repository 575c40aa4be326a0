import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import type { AuditRun } from '#shared/security/domain/runs.ts';
import { runPageKeySchema } from '#shared/security/store/page-keys.ts';
import { requireSecurityStaff, type SecurityApiPorts } from '#shared/security/use-cases/ports.ts';

/** Audit runs, newest first, a page at a time. */
export const listAuditRuns = async (
  ports: Pick<SecurityApiPorts, 'store' | 'cursors'>,
  caller: Caller,
  query: { limit?: number; cursor?: string },
): Promise<{ items: AuditRun[]; nextCursor: string | null }> => {
  requireSecurityStaff(caller);
  const scope = { caller: caller.sub, list: 'security-audit-runs' };
  const after = await resumeAfter(ports.cursors, scope, query.cursor, runPageKeySchema, () => true);
  const page = await ports.store.pageRuns({ limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) });
  return { items: page.items, nextCursor: await encodeCursor(ports.cursors, scope, page.lastKey) };
};

/** One run, with every check result it recorded (none until it completes). */
export const getAuditRun = async (
  ports: Pick<SecurityApiPorts, 'store'>,
  caller: Caller,
  runId: string,
): Promise<AuditRun & { results: CheckResult[] }> => {
  requireSecurityStaff(caller);
  const run = await ports.store.getRun(runId);
  if (!run) throw problems.notFound('No such audit run.');
  const results = run.status === 'completed' ? await ports.store.results(runId) : [];
  return { ...run, results };
};
