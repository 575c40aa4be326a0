/** The keys of the notifications table (see the manifest's access patterns). */

/** Inbox items sort by id: ULIDs, so newest last and `ITEM#~` after them all. */
export const inboxItemKey = (sub: string, itemId: string) => ({ pk: `PERSON#${sub}`, sk: `ITEM#${itemId}` });
export const inboxPartition = (sub: string) => `PERSON#${sub}`;
export const unreadCounterKey = (sub: string) => ({ pk: `PERSON#${sub}`, sk: 'UNREAD' });
export const deliveryKey = (eventId: string, deliveryId: string) => ({ pk: `DELIVERY#${eventId}`, sk: deliveryId });
export const emailRecordKey = (messageId: string) => ({ pk: `EMAIL#${messageId}`, sk: 'EMAIL' });
/** Preferences of a recipient, by recipient key (`PERSON#<sub>` or `ADDRESS#<pseudonym>`). */
export const preferencesKey = (recipientKey: string) => ({ pk: recipientKey, sk: 'PREFERENCES' });
export const suppressionKey = (addressPseudonym: string) => ({ pk: `SUPPRESSED#${addressPseudonym}`, sk: 'SUPPRESSED' });
