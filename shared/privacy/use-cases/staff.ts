import type { Caller } from '#shared/auth/caller.ts';
import { hasRole } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { problems } from '#shared/http/problem.ts';
import { newId } from '#shared/ids.ts';
import type { ItemKey } from '#shared/aws/table.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { type LegalHold, type ManualHoldReason, release } from '#shared/privacy/domain/legal-hold.ts';
import { privacyStaffRoles } from '#shared/privacy/manifest.ts';
import type { ApiPorts, PrivacyPorts } from '#shared/privacy/use-cases/ports.ts';
import { staffRequestView } from '#shared/privacy/use-cases/request-views.ts';

const requirePrivacyStaff = (caller: Caller) => {
  if (!hasRole(caller, ...privacyStaffRoles)) throw problems.forbidden('Only privacy staff may see people’s requests and legal holds.');
};

/** Requests awaiting an answer, the nearest deadline first: what privacy staff watch. */
export const awaitingRequests = async (ports: PrivacyPorts, caller: Caller, page: { limit: number; after?: ItemKey }) => {
  requirePrivacyStaff(caller);
  const listed = await ports.store.awaiting(page);
  const now = ports.clock.now();
  return { items: listed.items.map((request) => staffRequestView(request, now)), lastKey: listed.lastKey };
};

/**
 * One request as privacy staff see it, with whose it is and what was held: a read of personal data,
 * so it needs a reason and is recorded on the access log before it is returned.
 */
export const staffRequest = async (ports: ApiPorts, caller: Caller, id: string, reason: string | undefined) => {
  requirePrivacyStaff(caller);
  const request = await ports.store.get(id);
  if (!request) throw new NotFoundError('No such request.');
  await ports.accessLog.record({
    staff: { id: caller.sub, roles: caller.roles },
    reason,
    opened: [{ subjectId: request.subject.id, resource: { kind: 'privacy-request', id }, fields: ['subject', 'held'] }],
  });
  return staffRequestView(request, ports.clock.now());
};

/** Privacy staff place a legal hold on everything held about a subject (an authority's order, an open incident). */
export const placeHold = async (
  ports: PrivacyPorts,
  caller: Caller,
  input: { subject: DataSubject; reason: ManualHoldReason; reference: string; until?: string },
): Promise<LegalHold> => {
  requirePrivacyStaff(caller);
  const now = ports.clock.now();
  const hold: LegalHold = { id: newId('lgh', now), ...input, placedBy: caller.sub, placedAt: now.toISOString() };
  await ports.store.putHold(hold, now);
  return hold;
};

export const releaseHold = async (ports: PrivacyPorts, caller: Caller, id: string): Promise<LegalHold> => {
  requirePrivacyStaff(caller);
  const hold = await ports.store.getHold(id);
  if (!hold) throw new NotFoundError('No such legal hold.');
  const now = ports.clock.now();
  const released = release(hold, caller.sub, now);
  await ports.store.saveHold(released, now);
  return released;
};

export const activeHolds = async (ports: PrivacyPorts, caller: Caller, page: { limit: number; after?: ItemKey }) => {
  requirePrivacyStaff(caller);
  return ports.store.activeHolds(page);
};

export { requirePrivacyStaff };
