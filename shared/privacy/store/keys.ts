import type { DataSubject } from '#shared/personal-data/holder.ts';

/**
 * The keys of the privacy table, single-table design:
 *   REQUEST#<id> / REQUEST          a request, with its index keys (subject, due, awaiting answer, quarter)
 *   SUBJECT#<kind>#<id> / OPEN#<kind>  the subject's open request of a kind: a repeated request finds it
 *   EXPORT#<request id> / PART#<n>   the sealed parts of an export's archive, with a time to live
 *   HOLD#<id> / HOLD                a legal hold, with its index keys (subject, active)
 *   RETENTION / LAST_DAY            the last day the retention job completed
 */
export const subjectPartition = (subject: DataSubject) => `SUBJECT#${subject.kind}#${subject.id}`;

export const privacyKeys = {
  request: (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' }),
  openMarker: (subject: DataSubject, kind: string) => ({ pk: subjectPartition(subject), sk: `OPEN#${kind}` }),
  archivePart: (requestId: string, part: number) => ({ pk: `EXPORT#${requestId}`, sk: `PART#${String(part).padStart(4, '0')}` }),
  archivePartition: (requestId: string) => `EXPORT#${requestId}`,
  hold: (id: string) => ({ pk: `HOLD#${id}`, sk: 'HOLD' }),
  retentionCursor: { pk: 'RETENTION', sk: 'LAST_DAY' },
} as const;

/** The single partitions of the sparse indexes: few items each (open work only), read by the job and staff. */
export const DUE_PARTITION = 'DUE';
export const AWAITING_PARTITION = 'AWAITING';
export const ACTIVE_HOLDS_PARTITION = 'ACTIVE_HOLDS';
