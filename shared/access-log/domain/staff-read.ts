import { AccessReasonRequiredError } from '#shared/errors.ts';
import { countersByKey } from '#shared/figures/histogram.ts';
import type { Counters } from '#shared/figures/store.ts';
import { roles, type Role } from '#shared/manifest/platform.ts';

/**
 * A staff read of personal data, as the access log records it: who read (the staff member and the
 * roles they read under), whose data (the subject person), what (the kind and id of the resource
 * and the fields opened), when, and why (the reason staff gave in `X-Access-Reason`).
 * Records hold ids only; the reason is free text staff write and may name people, so it is sealed.
 */

/** The kinds of resource whose personal data staff open. */
export const resourceKinds = [
  'complaint',
  'complaint-messages',
  'complaint-history',
  'work-queue-entry',
  'notice',
  'moderation-case',
  'appeal',
  'blocklist-entry',
  'survey-comments',
  'privacy-request',
] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** One piece of personal data opened by a read: whose it is and where it sits. */
export interface OpenedData {
  /** The person the data is about (an account id, or a pseudonymous key); absent when nobody is known (anonymous answers, blocklist values). */
  subjectId?: string;
  resource: { kind: ResourceKind; id: string };
  /** The fields opened, by name (e.g. `subject`, `explanation`). */
  fields: readonly string[];
}

/** What a use case reports of a staff read, before anything it opened is returned. */
export interface StaffRead {
  staff: { id: string; roles: readonly Role[] };
  reason: string | undefined;
  opened: readonly OpenedData[];
}

/** One record of the log: one piece of opened data of one read. */
export interface AccessRecord {
  id: string;
  /** The read it belongs to: the records of one read share it and its sealed reason. */
  readId: string;
  at: string;
  staffId: string;
  staffRoles: Role[];
  subjectId?: string;
  resource: { kind: ResourceKind; id: string };
  fields: string[];
}

/** A staff read of personal data needs a reason: without one the read is refused, never left unrecorded. */
export const requireAccessReason = (reason: string | undefined): string => {
  if (reason === undefined || reason.trim() === '') throw new AccessReasonRequiredError();
  return reason;
};

/** The roles of `roles` that the read was made under (those among `admitted`, the roles that may make it). */
export const readingRoles = (roles: readonly Role[], admitted: readonly Role[]): Role[] => {
  const acting = roles.filter((role) => admitted.includes(role));
  return acting.length > 0 ? acting : [...roles];
};

/** The roles staff read personal data under: every role but the people's own and trusted flaggers'. */
const staffRoles = roles.filter((role) => role !== 'user' && role !== 'trusted_flagger');

/** The most records written at once with their counters (a transaction holds 100 items, one of them the counters). */
export const RECORDS_PER_APPEND = 99;

/**
 * What the records of one read add to the figures: one per piece of data opened (`reads`), under
 * each role it was read under and under the kind of data opened. Never the reason (sealed free
 * text), the staff member or the subject.
 */
export const staffReadCounters = (records: ReadonlyArray<Pick<AccessRecord, 'staffRoles' | 'resource'>>): Counters => {
  const counters: Counters = {};
  const add = (name: string) => {
    counters[name] = (counters[name] ?? 0) + 1;
  };
  for (const record of records) {
    add('reads');
    for (const role of record.staffRoles) add(`reads#role#${role}`);
    add(`reads#kind#${record.resource.kind}`);
  }
  return counters;
};

/** Staff reads of a period from its counters: the total, by role and by kind of data (every one listed, zero or not). */
export const staffAccessFiguresOf = (counters: Counters) => ({
  total: counters.reads ?? 0,
  byRole: countersByKey(counters, 'reads#role#', staffRoles),
  byResourceKind: countersByKey(counters, 'reads#kind#', resourceKinds),
});
