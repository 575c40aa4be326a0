import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';
import { incidentPageKeySchema, incidentStatusPageKeySchema } from '#shared/security/store/incident-page-keys.ts';
import { incidentKeys, type IncidentFilter } from '#shared/security/store/incident-store.ts';
import { incidentView, openIncident, openNote, type IncidentPorts, type IncidentView, type NoteView } from '#shared/security/use-cases/incident-ports.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/**
 * Incidents matching the filter, newest detection first, without their notes. The cursor is
 * sealed for the caller and the filter: it cannot be replayed on another listing.
 */
export const listIncidents = async (
  ports: Pick<IncidentPorts, 'store' | 'cipher' | 'cursors' | 'clock'>,
  caller: Caller,
  query: IncidentFilter & { limit?: number; cursor?: string },
): Promise<{ items: IncidentView[]; nextCursor: string | null }> => {
  requireSecurityStaff(caller);
  const { limit, cursor, ...filter } = query;
  const scope = { caller: caller.sub, list: `security-incidents ${JSON.stringify([filter.status, filter.category])}` };
  const status = filter.status;
  const after = status
    ? await resumeAfter(ports.cursors, scope, cursor, incidentStatusPageKeySchema, (key) => key.statusPk === incidentKeys.statusPk(status))
    : await resumeAfter(ports.cursors, scope, cursor, incidentPageKeySchema, () => true);
  const page = await ports.store.page(filter, { limit: limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) });
  const now = ports.clock.now();
  const items = await Promise.all(page.items.map(async (stored) => incidentView(await openIncident(ports, stored), now)));
  return { items, nextCursor: await encodeCursor(ports.cursors, scope, page.lastKey) };
};

/** One incident with its timeline notes (opened), oldest note first. */
export const getIncident = async (
  ports: Pick<IncidentPorts, 'store' | 'cipher' | 'clock'>,
  caller: Caller,
  incidentId: string,
): Promise<IncidentView & { notes: NoteView[] }> => {
  requireSecurityStaff(caller);
  const found = await ports.store.withNotes(incidentId);
  if (!found) throw problems.notFound('No such incident.');
  const [incident, notes] = await Promise.all([openIncident(ports, found.incident), Promise.all(found.notes.map((note) => openNote(ports, note)))]);
  return { ...incidentView(incident, ports.clock.now()), notes };
};
