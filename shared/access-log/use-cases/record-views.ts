import type { StoredRecord } from '#shared/access-log/store/access-log-store.ts';
import { SEALED_REASON } from '#shared/access-log/use-cases/record-staff-read.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';

/** The reasons of a page of records, opened once per read (the records of one read share one sealed reason). */
export const openReasons = async (cipher: Pick<PersonalDataCipher, 'open'>, records: readonly StoredRecord[]): Promise<Map<string, string>> => {
  const byRead = new Map(records.map((record) => [record.readId, record.sealedReason]));
  const opened = await Promise.all(
    [...byRead].map(async ([readId, sealed]) => [readId, (await cipher.open<{ reason: string }>(SEALED_REASON, readId, sealed)).reason] as const),
  );
  return new Map(opened);
};

/** A record as security staff see it: who, whose, what, when, why. */
export const securityView = (record: StoredRecord, reason: string) => ({
  id: record.id,
  at: record.at,
  staff: { id: record.staffId, roles: record.staffRoles },
  ...(record.subjectId && { subjectId: record.subjectId }),
  resource: record.resource,
  fields: record.fields,
  reason,
});

/** A record as the person it is about sees it: staff named by role only. */
export const personView = (record: StoredRecord, reason: string) => ({
  at: record.at,
  staffRoles: record.staffRoles,
  resource: record.resource,
  fields: record.fields,
  reason,
});
