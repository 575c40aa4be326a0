import type { DataSubject, ErasureOutcome, PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { personKey } from '#shared/notifications/domain/delivery.ts';
import type { NotificationsExport } from '#shared/notifications/http/data-export-schema.ts';
import type { DeliveryStore } from '#shared/notifications/store/delivery-store.ts';
import type { InboxStore } from '#shared/notifications/store/inbox-store.ts';
import type { PersonRecords } from '#shared/notifications/store/person-records.ts';
import type { PreferenceStore } from '#shared/notifications/store/preference-store.ts';

export interface NotificationsPersonalDataPorts {
  inbox: Pick<InboxStore, 'allOf'>;
  preferences: Pick<PreferenceStore, 'savedPreferencesOf' | 'suppressionOf'>;
  deliveries: Pick<DeliveryStore, 'markerKeysOf'>;
  records: PersonRecords;
  /**
   * The pseudonym of the email address the account has now (the suppression list's key), or
   * undefined when no address is known: the only link between a person and the suppression list.
   */
  addressPseudonymOf?: (sub: string) => Promise<string | undefined>;
}

/** What an integration subject, or anybody without an inbox, has here. */
const nothing: NotificationsExport = { inbox: [], preferences: null };

const exportOf = async (ports: NotificationsPersonalDataPorts, subject: DataSubject): Promise<NotificationsExport> => {
  // People on an integration channel are reached through their integration: no inbox, no preferences.
  if (subject.kind !== 'account') return nothing;
  const [inbox, saved, pseudonym] = await Promise.all([
    ports.inbox.allOf(subject.id),
    ports.preferences.savedPreferencesOf(personKey(subject.id)),
    ports.addressPseudonymOf?.(subject.id),
  ]);
  const suppression = pseudonym === undefined ? undefined : await ports.preferences.suppressionOf(pseudonym);
  return {
    inbox: inbox.map((item) => ({ ...item, readAt: item.readAt ?? null })),
    preferences: saved ? { turnedOff: saved.off, updatedAt: saved.updatedAt } : null,
    ...(pseudonym !== undefined && { emailSuppression: suppression ? { suppressed: true, ...suppression } : { suppressed: false } }),
  };
};

/**
 * Deletes everything under the person (inbox items, the unread counter, preferences) and the
 * delivery markers that name them. Email records (message id, category, status; no address) stay
 * for the figures, unlinked once the markers are gone. The suppression list stays: it is keyed by
 * a pseudonym of the address, and it keeps mail from going to an address that bounced or whose
 * owner complained.
 */
const erase = async (ports: NotificationsPersonalDataPorts, subject: DataSubject): Promise<ErasureOutcome> => {
  if (subject.kind !== 'account') return { erased: 0, held: [] };
  const [own, markers] = await Promise.all([ports.records.keysOf(subject.id), ports.deliveries.markerKeysOf(personKey(subject.id))]);
  await ports.records.deleteAll([...own, ...markers]);
  return { erased: own.length + markers.length, held: [] };
};

/**
 * The notifications context's part in people's rights over their data. Inbox items expire whole
 * on their own (time to live, `retentionPolicy.inboxItems`), so there is no `expireDue`; nothing
 * here is ever held back from erasure.
 */
export const createNotificationsPersonalDataHolder = (ports: NotificationsPersonalDataPorts): PersonalDataHolder => ({
  section: 'notifications',
  exportOf: (subject) => exportOf(ports, subject),
  holdsOf: async () => [],
  erase: (subject) => erase(ports, subject),
});
