import type { Severity } from '#shared/security/domain/audit.ts';

/**
 * The incident register: what happened (category, severity), when it was detected, when the
 * organisation became aware of it, contained and resolved it, how many people it touched and
 * whether personal data was involved. Where it was, two duties run from awareness: tell the
 * regulator within 72 hours (GDPR Art. 33 and the like), and decide whether to tell the people
 * affected (Art. 34). Both are tracked with their times.
 *
 * The status follows the times: resolved once resolved, contained once contained, open before.
 * Free text (the reason a notice to the people is not required, timeline notes) is sealed with
 * the data key by the use cases; the domain only sees it in memory.
 */

export const incidentCategories = [
  'personal-data-breach',
  'account-takeover',
  'fraud-wave',
  'availability',
  'exploited-vulnerability',
  'other',
] as const;
export type IncidentCategory = (typeof incidentCategories)[number];

export const incidentStatuses = ['open', 'contained', 'resolved'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const peopleNoticeDecisions = ['notify', 'not-required'] as const;
type PeopleNoticeDecision = (typeof peopleNoticeDecisions)[number];

/** Hours from awareness within which the regulator must be told of a breach of personal data. */
export const REGULATOR_NOTICE_HOURS = 72;

/** How far ahead of the server's clock a reported time may be (clocks of laptops drift). */
const CLOCK_SKEW_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;

/** The decision on telling the people affected, and when they were told. */
export interface PeopleNotice {
  decision: PeopleNoticeDecision;
  /** Why no notice is required (only with `not-required`). */
  reason?: string;
  decidedAt: string;
  peopleNotifiedAt?: string;
}

export interface Incident {
  id: string;
  category: IncidentCategory;
  severity: Severity;
  status: IncidentStatus;
  detectedAt: string;
  /** When the organisation became aware of it: the 72-hour clock starts here. */
  awareAt: string;
  containedAt?: string;
  resolvedAt?: string;
  affectedPeople: number;
  personalDataInvolved: boolean;
  findingIds: string[];
  complaintIds: string[];
  regulatorNotifiedAt?: string;
  peopleNotice?: PeopleNotice;
  recordedAt: string;
  recordedBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Optimistic concurrency: one more on every write. */
  version: number;
}

/** What security staff give when they record an incident. */
export interface IncidentReport {
  category: IncidentCategory;
  severity: Severity;
  detectedAt: string;
  awareAt?: string;
  containedAt?: string;
  resolvedAt?: string;
  affectedPeople: number;
  personalDataInvolved: boolean;
  findingIds?: string[];
  complaintIds?: string[];
  regulatorNotifiedAt?: string;
  peopleNotice?: PeopleNotice;
}

/** A change to an incident: the fields given replace the stored ones; `null` clears an optional one. */
export type IncidentChange = {
  [K in keyof IncidentReport]?: undefined extends IncidentReport[K] ? IncidentReport[K] | null : IncidentReport[K];
};

/** Input that contradicts itself or the clock; `field` names the offending field of the body. */
export class IncidentInputError extends Error {
  override name = 'IncidentInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const statusOf = (times: Pick<Incident, 'containedAt' | 'resolvedAt'>): IncidentStatus =>
  times.resolvedAt ? 'resolved' : times.containedAt ? 'contained' : 'open';

/** When the regulator must have been told: 72 hours after awareness; none without personal data. */
export const regulatorDeadlineOf = (incident: Pick<Incident, 'personalDataInvolved' | 'awareAt'>): string | undefined =>
  incident.personalDataInvolved ? new Date(Date.parse(incident.awareAt) + REGULATOR_NOTICE_HOURS * HOUR_MS).toISOString() : undefined;

/** Whether the incident waits for the regulator to be told (it sits in the sparse index the deadline job reads). */
export const awaitsRegulatorNotice = (incident: Pick<Incident, 'personalDataInvolved' | 'regulatorNotifiedAt'>): boolean =>
  incident.personalDataInvolved && !incident.regulatorNotifiedAt;

const mustNotPrecede = (field: string, time: string | undefined, earlier: { field: string; time: string | undefined }) => {
  if (time && earlier.time && Date.parse(time) < Date.parse(earlier.time)) {
    throw new IncidentInputError(field, `Must not be before ${earlier.field} (${earlier.time})`);
  }
};

const checkPeopleNotice = (notice: PeopleNotice, detectedAt: string): void => {
  if (notice.decision === 'not-required' && !notice.reason) {
    throw new IncidentInputError('peopleNotice.reason', 'A decision that no notice is required needs its reason');
  }
  if (notice.decision === 'notify' && notice.reason) {
    throw new IncidentInputError('peopleNotice.reason', 'Only a decision that no notice is required takes a reason');
  }
  if (notice.decision === 'not-required' && notice.peopleNotifiedAt) {
    throw new IncidentInputError('peopleNotice.peopleNotifiedAt', 'The people were not to be told: there is no time they were told');
  }
  mustNotPrecede('peopleNotice.decidedAt', notice.decidedAt, { field: 'detectedAt', time: detectedAt });
  mustNotPrecede('peopleNotice.peopleNotifiedAt', notice.peopleNotifiedAt, { field: 'peopleNotice.decidedAt', time: notice.decidedAt });
};

/**
 * The incident's times in order (aware, contained, notified and decided not before detected;
 * resolved not before contained, and only once contained), none in the future, and the duties of
 * a personal-data breach only where personal data was involved. Throws IncidentInputError.
 */
const checkIncident = (incident: Omit<Incident, 'status'>, now: Date): void => {
  const { detectedAt } = incident;
  const detected = { field: 'detectedAt', time: detectedAt };
  const times: [string, string | undefined][] = [
    ['detectedAt', detectedAt],
    ['awareAt', incident.awareAt],
    ['containedAt', incident.containedAt],
    ['resolvedAt', incident.resolvedAt],
    ['regulatorNotifiedAt', incident.regulatorNotifiedAt],
    ['peopleNotice.decidedAt', incident.peopleNotice?.decidedAt],
    ['peopleNotice.peopleNotifiedAt', incident.peopleNotice?.peopleNotifiedAt],
  ];
  for (const [field, time] of times) {
    if (time && Date.parse(time) > now.getTime() + CLOCK_SKEW_MS) throw new IncidentInputError(field, 'Must not be in the future');
  }
  mustNotPrecede('awareAt', incident.awareAt, detected);
  mustNotPrecede('containedAt', incident.containedAt, detected);
  if (incident.resolvedAt && !incident.containedAt) throw new IncidentInputError('resolvedAt', 'An incident is contained before it is resolved: give containedAt');
  mustNotPrecede('resolvedAt', incident.resolvedAt, { field: 'containedAt', time: incident.containedAt });
  mustNotPrecede('regulatorNotifiedAt', incident.regulatorNotifiedAt, detected);
  if (!incident.personalDataInvolved) {
    if (incident.regulatorNotifiedAt) throw new IncidentInputError('regulatorNotifiedAt', 'Only an incident involving personal data is notified to the regulator');
    if (incident.peopleNotice) throw new IncidentInputError('peopleNotice', 'Only an incident involving personal data has a decision on telling the people affected');
  }
  if (incident.peopleNotice) checkPeopleNotice(incident.peopleNotice, detectedAt);
};

const iso = <T extends string | undefined>(time: T): T => (time === undefined ? time : (new Date(time).toISOString() as T));

/** Every time in one form (`toISOString`), so that times compare and sort as strings. */
const normalised = <I extends Omit<Incident, 'status'>>(incident: I): I => ({
  ...incident,
  detectedAt: iso(incident.detectedAt),
  awareAt: iso(incident.awareAt),
  ...(incident.containedAt && { containedAt: iso(incident.containedAt) }),
  ...(incident.resolvedAt && { resolvedAt: iso(incident.resolvedAt) }),
  ...(incident.regulatorNotifiedAt && { regulatorNotifiedAt: iso(incident.regulatorNotifiedAt) }),
  ...(incident.peopleNotice && {
    peopleNotice: {
      ...incident.peopleNotice,
      decidedAt: iso(incident.peopleNotice.decidedAt),
      ...(incident.peopleNotice.peopleNotifiedAt && { peopleNotifiedAt: iso(incident.peopleNotice.peopleNotifiedAt) }),
    },
  }),
});

/** A new incident from what staff reported; awareness defaults to detection. */
export const recordIncident = (report: IncidentReport, meta: { id: string; by: string; now: Date }): Incident => {
  const at = meta.now.toISOString();
  const { findingIds, complaintIds, awareAt, ...rest } = report;
  const incident = normalised({
    ...rest,
    id: meta.id,
    awareAt: awareAt ?? report.detectedAt,
    findingIds: [...new Set(findingIds ?? [])],
    complaintIds: [...new Set(complaintIds ?? [])],
    recordedAt: at,
    recordedBy: meta.by,
    updatedAt: at,
    updatedBy: meta.by,
    version: 0,
  });
  checkIncident(incident, meta.now);
  return { ...incident, status: statusOf(incident) };
};

/** The incident after a change (the version is the caller's to bump); the result is checked as a whole. */
export const changeIncident = (incident: Incident, change: IncidentChange, meta: { by: string; now: Date }): Incident => {
  const next: Record<string, unknown> = { ...incident };
  for (const [field, value] of Object.entries(change)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  // Awareness cleared falls back to detection, as when the incident was recorded.
  next.awareAt ??= next.detectedAt;
  for (const list of ['findingIds', 'complaintIds'] as const) next[list] = [...new Set((next[list] as string[] | undefined) ?? [])];
  const changed = normalised({ ...(next as unknown as Incident), updatedAt: meta.now.toISOString(), updatedBy: meta.by });
  checkIncident(changed, meta.now);
  return { ...changed, status: statusOf(changed) };
};

const hoursBetween = (from: number, to: number) => Math.round(((to - from) / HOUR_MS) * 10) / 10;

/** The regulator's deadline as staff see it: hours left (negative once passed) while nobody told the regulator. */
export const regulatorNoticeOf = (incident: Pick<Incident, 'personalDataInvolved' | 'awareAt' | 'regulatorNotifiedAt'>, now: Date) => {
  const deadline = regulatorDeadlineOf(incident);
  if (!deadline) return undefined;
  const due = Date.parse(deadline);
  const notifiedAt = incident.regulatorNotifiedAt;
  return notifiedAt
    ? { deadline, notifiedAt, hoursLeft: null, overdue: false, late: Date.parse(notifiedAt) > due }
    : { deadline, hoursLeft: hoursBetween(now.getTime(), due), overdue: now.getTime() > due, late: false };
};
