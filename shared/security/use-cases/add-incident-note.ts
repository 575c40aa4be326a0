import type { Caller } from '#shared/auth/caller.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { problems } from '#shared/http/problem.ts';
import { newId } from '#shared/ids.ts';
import { openNote, sealNote, type IncidentPorts, type NoteView } from '#shared/security/use-cases/incident-ports.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/** Security staff add a note to an incident's timeline; its text is sealed with the data key before it is stored. */
export const addIncidentNote = async (
  ports: Pick<IncidentPorts, 'store' | 'cipher' | 'clock'>,
  caller: Caller,
  incidentId: string,
  text: string,
): Promise<NoteView> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const note = await sealNote(ports, { id: newId('inn', now), at: now.toISOString(), by: caller.sub, text });
  try {
    await ports.store.addNote(incidentId, note);
  } catch (error) {
    // The condition that failed is the incident's existence (the note's id is new).
    if (error instanceof ConditionFailedError) throw problems.notFound('No such incident.');
    throw error;
  }
  return openNote(ports, note);
};
