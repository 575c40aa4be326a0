import type { AccessLogExport } from '#shared/access-log/http/data-export-schema.ts';
import { accessRecordEndOf, type AccessLogStore } from '#shared/access-log/store/access-log-store.ts';
import { openReasons, personView } from '#shared/access-log/use-cases/record-views.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { DataSubject, HeldItem, PersonalDataHolder } from '#shared/personal-data/holder.ts';

export interface AccessLogPersonalDataPorts {
  store: Pick<AccessLogStore, 'allOfSubject'>;
  cipher: Pick<PersonalDataCipher, 'open'>;
}

const ACCOUNTABILITY =
  'Records of staff reads of your data are the platform’s accountability record: they are append-only and kept 24 months after each read, then deleted.';

/** Each record of reads of the subject's data unexpired at `now`, held until its retention ends. */
const holdsOf = async (ports: AccessLogPersonalDataPorts, subject: DataSubject, now: Date): Promise<HeldItem[]> =>
  (await ports.store.allOfSubject(subject.id, now)).map((record) => ({
    category: 'access-log.access-record',
    itemId: record.id,
    reason: 'accountability-record',
    explanation: ACCOUNTABILITY,
    until: accessRecordEndOf(record.at).toISOString(),
  }));

/**
 * The access log's part in people's rights over their data. A copy holds the person's log as
 * `GET /v1/me/access-log` shows it (staff by role, reasons opened). Erasure removes nothing: the
 * records are append-only (no function role may update or delete them) and each is held until its
 * time to live, `retentionPolicy.accessRecords` after the read, when DynamoDB deletes it.
 * Records name the subject by the id the read opened: an account id, or an integration's pseudonym.
 */
export const createAccessLogPersonalDataHolder = (ports: AccessLogPersonalDataPorts): PersonalDataHolder => ({
  section: 'access-log',
  async exportOf(subject): Promise<AccessLogExport> {
    const records = await ports.store.allOfSubject(subject.id);
    const reasons = await openReasons(ports.cipher, records);
    return { accessLog: records.map((record) => personView(record, reasons.get(record.readId) ?? '')) };
  },
  holdsOf: (subject, now) => holdsOf(ports, subject, now),
  erase: async (subject, now) => ({ erased: 0, held: await holdsOf(ports, subject, now) }),
});
