import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';
import { securityKeys } from '#shared/security/store/keys.ts';
import { findingPageKeySchema, findingStatusPageKeySchema } from '#shared/security/store/page-keys.ts';
import type { FindingFilter } from '#shared/security/store/security-store.ts';
import { findingView, requireSecurityStaff, type FindingView, type SecurityApiPorts } from '#shared/security/use-cases/ports.ts';

/**
 * Findings matching the filter, most urgent first (severity, then fix-by). The cursor is sealed
 * for the caller and the filter: it cannot be replayed on another listing.
 */
export const listFindings = async (
  ports: Pick<SecurityApiPorts, 'store' | 'cursors' | 'clock'>,
  caller: Caller,
  query: FindingFilter & { limit?: number; cursor?: string },
): Promise<{ items: FindingView[]; nextCursor: string | null }> => {
  requireSecurityStaff(caller);
  const { limit, cursor, ...filter } = query;
  const scope = { caller: caller.sub, list: `security-findings ${JSON.stringify([filter.status, filter.severity, filter.checkId, filter.ownerTeam])}` };
  const status = filter.status;
  const after = status
    ? await resumeAfter(ports.cursors, scope, cursor, findingStatusPageKeySchema, (key) => key.statusPk === securityKeys.statusPk(status))
    : await resumeAfter(ports.cursors, scope, cursor, findingPageKeySchema, () => true);
  const page = await ports.store.pageFindings(filter, { limit: limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) });
  const now = ports.clock.now();
  return { items: page.items.map((finding) => findingView(finding, now)), nextCursor: await encodeCursor(ports.cursors, scope, page.lastKey) };
};

export const getFinding = async (ports: Pick<SecurityApiPorts, 'store' | 'clock'>, caller: Caller, findingId: string): Promise<FindingView> => {
  requireSecurityStaff(caller);
  const finding = await ports.store.getFinding(findingId);
  if (!finding) throw problems.notFound('No such finding.');
  return findingView(finding, ports.clock.now());
};
