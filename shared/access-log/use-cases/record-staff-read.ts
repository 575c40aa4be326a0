import { RECORDS_PER_APPEND, requireAccessReason, staffReadCounters, type StaffRead } from '#shared/access-log/domain/staff-read.ts';
import type { AccessLogAppender, StoredRecord } from '#shared/access-log/store/access-log-store.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { newId } from '#shared/ids.ts';

/** The entity the reasons are sealed under (part of the encryption context; never change it). */
export const SEALED_REASON = 'staff-access-reason';

export interface AccessLogPorts {
  store: Pick<AccessLogAppender, 'append'>;
  cipher: Pick<PersonalDataCipher, 'seal'>;
  clock: Clock;
}

/**
 * Records a staff read before its data is returned: the reason is required (a read without one is
 * refused), sealed once for the read, and one record is appended per piece of personal data opened,
 * with the counters of the quarter's staff reads in the same write.
 * If the records cannot be written the read fails: no read goes unrecorded.
 */
const recordStaffRead = async (ports: AccessLogPorts, read: StaffRead): Promise<void> => {
  const reason = requireAccessReason(read.reason);
  if (read.opened.length === 0) return;
  const now = ports.clock.now();
  const at = now.toISOString();
  const readId = newId('srd', now);
  const sealedReason = await ports.cipher.seal(SEALED_REASON, readId, { reason });
  const records: StoredRecord[] = read.opened.map((opened) => ({
    id: newId('acr', now),
    readId,
    at,
    staffId: read.staff.id,
    staffRoles: [...read.staff.roles],
    ...(opened.subjectId && { subjectId: opened.subjectId }),
    resource: opened.resource,
    fields: [...opened.fields],
    sealedReason,
  }));
  for (let i = 0; i < records.length; i += RECORDS_PER_APPEND) {
    const batch = records.slice(i, i + RECORDS_PER_APPEND);
    await ports.store.append(batch, staffReadCounters(batch));
  }
};

/** The access log as the other contexts use it: record a staff read. */
export interface AccessLog {
  record(read: StaffRead): Promise<void>;
}

export const createAccessLog = (ports: AccessLogPorts): AccessLog => ({ record: (read) => recordStaffRead(ports, read) });
