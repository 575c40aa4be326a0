import type { Caller } from '#shared/auth/caller.ts';
import { newId } from '#shared/ids.ts';
import { recordIncident as recorded, type Incident, type IncidentReport } from '#shared/security/domain/incidents.ts';
import {
  asValidationProblem,
  incidentView,
  openNote,
  sealIncident,
  sealNote,
  type IncidentPorts,
  type IncidentView,
  type NoteView,
} from '#shared/security/use-cases/incident-ports.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/**
 * Security staff record an incident, optionally with its first timeline note. Times that
 * contradict each other or the clock are a 400 naming the field; the note and the reason no
 * notice to the people is required are sealed with the data key before they are stored.
 */
export const recordIncident = async (
  ports: Pick<IncidentPorts, 'store' | 'cipher' | 'clock'>,
  caller: Caller,
  report: IncidentReport & { note?: string },
): Promise<IncidentView & { notes: NoteView[] }> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const { note, ...fields } = report;
  let incident: Incident;
  try {
    incident = recorded(fields, { id: newId('inc', now), by: caller.sub, now });
  } catch (error) {
    return asValidationProblem(error);
  }
  const firstNote = note === undefined ? undefined : await sealNote(ports, { id: newId('inn', now), at: now.toISOString(), by: caller.sub, text: note });
  await ports.store.record(await sealIncident(ports, incident), firstNote);
  return { ...incidentView(incident, now), notes: firstNote ? [await openNote(ports, firstNote)] : [] };
};
