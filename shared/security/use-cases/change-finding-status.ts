import type { Caller } from '#shared/auth/caller.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { problems } from '#shared/http/problem.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { changeStatus, FindingTransitionError, SuppressionPeriodError, type StatusRequest } from '#shared/security/domain/findings.ts';
import { findingView, requireSecurityStaff, type FindingView, type SecurityApiPorts } from '#shared/security/use-cases/ports.ts';

/**
 * Security staff acknowledge, resolve, suppress (with a reason and an expiry) or reopen a finding,
 * with a note; who and when go into its history. A change the finding's status does not allow is
 * a 409; a concurrent write (an audit run updating the finding) is retried on a fresh read.
 */
export const changeFindingStatus = async (
  ports: Pick<SecurityApiPorts, 'store' | 'clock'>,
  caller: Caller,
  findingId: string,
  request: StatusRequest,
): Promise<FindingView> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const changed = await retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const finding = await ports.store.getFinding(findingId, { consistent: true });
      if (!finding) throw problems.notFound('No such finding.');
      let next: ReturnType<typeof changeStatus>;
      try {
        next = changeStatus(finding, request, caller.sub, now);
      } catch (error) {
        if (error instanceof FindingTransitionError) throw problems.conflict('finding-status-conflict', error.message);
        if (error instanceof SuppressionPeriodError) throw problems.validation([{ in: 'body', path: 'until', message: error.message }]);
        throw error;
      }
      const saved = { ...next, version: finding.version + 1 };
      await ports.store.saveFinding(saved);
      return saved;
    },
  );
  return findingView(changed, now);
};
