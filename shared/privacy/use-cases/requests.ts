import { NotFoundError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { cancel, newRequest, type PrivacyRequest, type RequestKind } from '#shared/privacy/domain/request.ts';
import type { PrivacyPorts } from '#shared/privacy/use-cases/ports.ts';

/**
 * A person (or their integration) asks for a copy or erasure. The request is written with a
 * marker of the subject's open request of that kind, so that asking again while the first is
 * open answers the first (`created: false`) instead of starting another: the same request twice
 * is one request. An export is assembled by the requests job within minutes; an erasure waits
 * for its cooling-off, during which the person may cancel it.
 */
export const makeRequest = async (
  ports: PrivacyPorts,
  input: { kind: RequestKind; subject: DataSubject; via: PrivacyRequest['via'] },
): Promise<{ request: PrivacyRequest; created: boolean }> => {
  const now = ports.clock.now();
  const request = newRequest({ id: newId('prq', now), ...input }, now, ports.timings);
  const result = await ports.store.create(request);
  if (result.created) return { request, created: true };
  const existing = await ports.store.get(result.existingId);
  if (!existing) throw new NotFoundError('The open request disappeared; try again.');
  return { request: existing, created: false };
};

const sameSubject = (a: DataSubject, b: DataSubject) => a.kind === b.kind && a.id === b.id;

/** A request of this subject and kind; anyone else's is not found (never 403: ids are not confirmed to strangers). */
export const ownRequest = async (ports: PrivacyPorts, subject: DataSubject, kind: RequestKind, id: string): Promise<PrivacyRequest> => {
  const request = await ports.store.get(id);
  if (!request || request.kind !== kind || !sameSubject(request.subject, subject)) throw new NotFoundError('No such request.');
  return request;
};

/** The subject's requests of a kind, newest first (a person makes a handful). */
export const ownRequests = async (ports: PrivacyPorts, subject: DataSubject, kind: RequestKind): Promise<PrivacyRequest[]> => {
  const listed = await ports.store.bySubject(subject, { limit: 100 });
  return listed.items.filter((request) => request.kind === kind);
};

/** The person cancels their erasure during its cooling-off; afterwards it can no longer be cancelled. */
export const cancelErasure = async (ports: PrivacyPorts, subject: DataSubject, id: string): Promise<PrivacyRequest> => {
  const request = await ownRequest(ports, subject, 'erasure', id);
  const now = ports.clock.now();
  return ports.store.save(cancel(request, now), request);
};
