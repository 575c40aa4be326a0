import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { ActivePeopleReader } from '#shared/figures/active-people.ts';
import { problems } from '#shared/http/problem.ts';
import type { CursorSeal } from '#shared/pagination.ts';
import { IncidentInputError, regulatorNoticeOf, type Incident, type PeopleNotice } from '#shared/security/domain/incidents.ts';
import type { IncidentStore, StoredIncident, StoredNote } from '#shared/security/store/incident-store.ts';

/** What the incident register's use cases need. */
export interface IncidentPorts {
  store: IncidentStore;
  cipher: Pick<PersonalDataCipher, 'seal' | 'open'>;
  clock: Clock;
  cursors: CursorSeal;
  activePeople: Pick<ActivePeopleReader, 'activePeopleBetween'>;
}

/** The entities free text is sealed under (part of the encryption context: never change them). */
const SEALED_NOTE = 'security-incident-note';
const SEALED_NOTICE_REASON = 'security-incident-notice-reason';

/** The incident as stored: the reason of a `not-required` decision sealed, nothing else changed. */
export const sealIncident = async (ports: Pick<IncidentPorts, 'cipher'>, incident: Incident): Promise<StoredIncident> => {
  const { peopleNotice, ...rest } = incident;
  if (!peopleNotice) return rest;
  const { reason, ...notice } = peopleNotice;
  return {
    ...rest,
    peopleNotice: notice,
    ...(reason && { sealedNoticeReason: await ports.cipher.seal(SEALED_NOTICE_REASON, incident.id, { reason }) }),
  };
};

export const openIncident = async (ports: Pick<IncidentPorts, 'cipher'>, stored: StoredIncident): Promise<Incident> => {
  const { sealedNoticeReason, peopleNotice, ...rest } = stored;
  if (!peopleNotice) return rest;
  const reason = sealedNoticeReason && (await ports.cipher.open<{ reason: string }>(SEALED_NOTICE_REASON, stored.id, sealedNoticeReason)).reason;
  const notice: PeopleNotice = { ...peopleNotice, ...(reason && { reason }) };
  return { ...rest, peopleNotice: notice };
};

export const sealNote = async (ports: Pick<IncidentPorts, 'cipher'>, note: { id: string; at: string; by: string; text: string }): Promise<StoredNote> => ({
  id: note.id,
  at: note.at,
  by: note.by,
  sealedText: await ports.cipher.seal(SEALED_NOTE, note.id, { text: note.text }),
});

export const openNote = async (ports: Pick<IncidentPorts, 'cipher'>, note: StoredNote) => ({
  id: note.id,
  at: note.at,
  by: note.by,
  text: (await ports.cipher.open<{ text: string }>(SEALED_NOTE, note.id, note.sealedText)).text,
});
export type NoteView = Awaited<ReturnType<typeof openNote>>;

/**
 * An incident as security staff see it: with its regulator deadline (hours left, overdue) where
 * personal data is involved, and whether the decision on telling the people affected is pending.
 */
export const incidentView = ({ version: _version, ...incident }: Incident, now: Date) => {
  const regulatorNotice = regulatorNoticeOf(incident, now);
  return {
    ...incident,
    ...(regulatorNotice && { regulatorNotice }),
    ...(incident.personalDataInvolved && { peopleNoticePending: !incident.peopleNotice }),
  };
};
export type IncidentView = ReturnType<typeof incidentView>;

/** The domain's refusal of contradictory input, as the 400 of the field it names. */
export const asValidationProblem = (error: unknown): never => {
  if (error instanceof IncidentInputError) throw problems.validation([{ in: 'body', path: error.field, message: error.message }]);
  throw error;
};
