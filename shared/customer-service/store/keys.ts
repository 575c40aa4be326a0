/**
 * The keys of the complaints table, single-table design. One complaint is a partition:
 *   COMPLAINT            the state (no personal data) and one encrypted blob of its personal fields
 *   HISTORY#<at>#<ulid>  the append-only audit trail
 *   MESSAGE#<at>#<id>    replies, user messages and internal notes, each body encrypted
 * plus CHANNEL#<channel>#<message id> items that make integration filings and answers idempotent,
 * and the outbox of domain events (shared/events/outbox.ts: OUTBOX#<shard> partitions). The index
 * keys (owner, queue, due check) come from the domain: domain/index-keys.ts.
 */

export const complaintPartition = (id: string) => `COMPLAINT#${id}`;

export const complaintKey = (id: string) => ({ pk: complaintPartition(id), sk: 'COMPLAINT' });

export const messageKey = (complaintId: string, at: string, messageId: string) => ({
  pk: complaintPartition(complaintId),
  sk: `MESSAGE#${at}#${messageId}`,
});

/** Ordered by time, then by the change's version and the entry's place in it: a stable, unique order. */
export const historyKey = (complaintId: string, at: string, version: number, place: number) => ({
  pk: complaintPartition(complaintId),
  sk: `HISTORY#${at}#${String(version).padStart(6, '0')}#${String(place).padStart(2, '0')}`,
});

export const channelMessageKey = (channel: string, messageId: string) => ({
  pk: `CHANNEL#${channel}#${messageId}`,
  sk: 'CHANNEL-MESSAGE',
});
