import { ConditionFailedError, type Table, type TransactItem } from '#shared/aws/table.ts';
import type { Category, Channel } from '#shared/notifications/domain/catalogue.ts';
import { deliveryKey, emailRecordKey } from '#shared/notifications/store/keys.ts';

/** Delivery markers expire after this long: far beyond any redelivery of an event (the queue keeps messages 4 days). */
const MARKER_DAYS = 30;
/** Email records (message id, category, status, time; never the text) are kept for the figures' disputes. */
const EMAIL_RECORD_DAYS = 400;

const expiresAt = (at: string, days: number) => Math.floor(new Date(at).getTime() / 1000) + days * 86_400;

/** Which of one event's deliveries is which: `<message type>#<recipient key>#<channel>`. */
interface DeliveryRef {
  eventId: string;
  deliveryId: string;
  /** Whom it is for (`PERSON#<sub>` or `ADDRESS#<pseudonym>`): the `recipient` index finds a person's markers by it. */
  recipientKey?: string;
}

/** A marker's attributes beyond its key: its status and time, its expiry, and its place in the `recipient` index. */
const markerOf = (ref: DeliveryRef, status: string, at: string) => ({
  ...deliveryKey(ref.eventId, ref.deliveryId),
  status,
  at,
  expiresAt: expiresAt(at, MARKER_DAYS),
  ...(ref.recipientKey && { recipientPk: ref.recipientKey, recipientSk: `${at}#${ref.eventId}` }),
});

type EmailClaim = 'claimed' | 'sent' | 'uncertain';

/** What is recorded of a sent email: the message id, category, status and time, not its text or address. */
export interface EmailRecord {
  messageId: string;
  category: Category;
  channel: Channel;
  status: 'sent' | 'delivered' | 'bounced' | 'complained' | 'rejected';
  sentAt: string;
  /** When the event that caused it happened, for the time-to-send figure. */
  eventAt: string;
}

const STATUS = { '#status': 'status' };

/** True when the write was refused because the item at `index` of the transaction failed its condition. */
const refusedAt = (error: unknown, index: number) => {
  if (error instanceof ConditionFailedError && error.failedItems.includes(index)) return true;
  throw error;
};

/** Runs `items` with the delivery's marker; false when the marker existed (the delivery was made before). */
const deliverOnce = async (table: Table, ref: DeliveryRef, at: string, items: readonly TransactItem[]): Promise<boolean> => {
  const marker: TransactItem = {
    Put: {
      TableName: table.name,
      Item: markerOf(ref, 'sent', at),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  return table.transact([marker, ...items]).then(
    () => true,
    (error: unknown) => !refusedAt(error, 0),
  );
};

/** Claims an email's delivery: `claimed` (send it), `sent` (it went before), `uncertain` (a claim a crash left: not sent again). */
const claimEmail = async (table: Table, ref: DeliveryRef, at: string): Promise<EmailClaim> => {
  const key = deliveryKey(ref.eventId, ref.deliveryId);
  try {
    await table.put(
      markerOf(ref, 'sending', at),
      { ConditionExpression: 'attribute_not_exists(pk) OR #status = :failed', ExpressionAttributeNames: STATUS, ExpressionAttributeValues: { ':failed': 'failed' } },
    );
    return 'claimed';
  } catch (error) {
    refusedAt(error, 0);
    const marker = await table.get<{ status: string }>(key, { consistent: true, projection: ['status'] });
    return marker?.status === 'sent' ? 'sent' : 'uncertain';
  }
};

/** The email went out: the marker says so, the record for its delivery feedback is written, and `counters` (figures) are added, once. */
const emailSent = (table: Table, ref: DeliveryRef, record: EmailRecord, counters: readonly TransactItem[]) =>
  table.transact([
    ...counters,
    {
      Update: {
        TableName: table.name,
        Key: deliveryKey(ref.eventId, ref.deliveryId),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId',
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': record.messageId },
      },
    },
    { Put: { TableName: table.name, Item: { ...emailRecordKey(record.messageId), ...record, expiresAt: expiresAt(record.sentAt, EMAIL_RECORD_DAYS) } } },
  ]);

/**
 * Moves a record to a feedback status, once, with `counters` (figures) in the same transaction;
 * false when there is no such record or it has that status already (a redelivered notification).
 */
const recordFeedback = async (table: Table, messageId: string, status: EmailRecord['status'], counters: readonly TransactItem[]) => {
  const update: TransactItem = {
    Update: {
      TableName: table.name,
      Key: emailRecordKey(messageId),
      UpdateExpression: 'SET #status = :status',
      ConditionExpression: 'attribute_exists(pk) AND #status <> :status',
      ExpressionAttributeNames: STATUS,
      ExpressionAttributeValues: { ':status': status },
    },
  };
  return table.transact([update, ...counters]).then(
    () => true,
    (error: unknown) => !refusedAt(error, 0),
  );
};

/**
 * At most one delivery per (event, message, recipient, channel). An inbox item is written in one
 * transaction with its marker, so it exists exactly once. An email is claimed first (marker
 * `sending`), sent, then marked `sent` with the email service's message id; a send that failed
 * releases the claim (`failed`) for the retry. A marker left `sending` by a crash between sending
 * and marking is `uncertain`: it is not sent again, so nobody gets the same email twice.
 */
export const createDeliveryStore = (table: Table) => ({
  deliverOnce: (ref: DeliveryRef, at: string, items: readonly TransactItem[]) => deliverOnce(table, ref, at, items),
  claimEmail: (ref: DeliveryRef, at: string) => claimEmail(table, ref, at),
  emailSent: (ref: DeliveryRef, record: EmailRecord, counters: readonly TransactItem[] = []) => emailSent(table, ref, record, counters),
  /** The send failed: the claim is released, so the event's retry may send it. */
  emailFailed: (ref: DeliveryRef) =>
    table.update({
      Key: deliveryKey(ref.eventId, ref.deliveryId),
      UpdateExpression: 'SET #status = :failed',
      ExpressionAttributeNames: STATUS,
      ExpressionAttributeValues: { ':failed': 'failed' },
    }),
  emailRecord: (messageId: string) => table.get<EmailRecord>(emailRecordKey(messageId), { consistent: true }),
  recordFeedback: (messageId: string, status: EmailRecord['status'], counters: readonly TransactItem[]) => recordFeedback(table, messageId, status, counters),
  /** The keys of the delivery markers that name a recipient (through the sparse `recipient` index). */
  markerKeysOf: async (recipientKey: string): Promise<Array<{ pk: string; sk: string }>> =>
    table.queryAll<{ pk: string; sk: string }>({
      IndexName: 'recipient',
      KeyConditionExpression: 'recipientPk = :recipient',
      ExpressionAttributeValues: { ':recipient': recipientKey },
      ProjectionExpression: 'pk, sk',
    }),
});

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
