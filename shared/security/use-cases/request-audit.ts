import type { Caller } from '#shared/auth/caller.ts';
import { newId } from '#shared/ids.ts';
import type { AuditRun } from '#shared/security/domain/runs.ts';
import { AUDIT_REQUESTED_EVENT } from '#shared/security/manifest.ts';
import { requireSecurityStaff, type SecurityApiPorts } from '#shared/security/use-cases/ports.ts';

/**
 * Security staff ask for an audit now: the run is recorded `requested` and the request published
 * (`security.audit-requested`), which an event rule hands to the audit function; the caller gets
 * the run's id at once and reads the run as it progresses. If the request cannot be published,
 * the run is marked failed, so that no run waits forever, and the error answers the request.
 */
export const requestAudit = async (ports: Pick<SecurityApiPorts, 'store' | 'clock' | 'events'>, caller: Caller): Promise<AuditRun> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const run: AuditRun = {
    id: newId('aud', now),
    trigger: { kind: 'request', by: caller.sub },
    status: 'requested',
    requestedAt: now.toISOString(),
  };
  await ports.store.createRun(run);
  try {
    await ports.events.publish([{ type: AUDIT_REQUESTED_EVENT, at: run.requestedAt, detail: { runId: run.id } }]);
  } catch (error) {
    await ports.store.saveRun({ ...run, status: 'failed', error: (error as Error)?.name ?? 'Error' });
    throw error;
  }
  return run;
};
