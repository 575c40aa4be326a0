import type { ContactCorrection, DataSubject, PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import type { Actor, ComplaintPersonalData, HistoryEntry } from '#shared/customer-service/domain/complaint.ts';
import type { CustomerServiceExport, ExportedComplaint } from '#shared/customer-service/http/data-export-schema.ts';
import type { CustomerServicePorts, PartitionPage, StoredComplaint } from '#shared/customer-service/use-cases/ports.ts';
import { openBody, openPersonal, sealPersonal } from '#shared/customer-service/use-cases/views.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import type { ConversationPageKey } from '#shared/customer-service/store/page-keys.ts';

/**
 * Customer service's part of a person's rights over their data: a copy of their complaints, the
 * correction of their contact details on open ones, their erasure, and the retention that erases
 * a complaint's personal fields 24 months after it was resolved or closed. A person's complaints
 * are found through the owner index (`ownerId` is the account's subject, or for integration
 * filings the pseudonym of the channel reference: the subject's id either way). No hold applies:
 * nothing of a complaint's text must outlive the person's request.
 */

export type PersonalDataPorts = Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'decisions'>;

const PAGE_SIZE = 100;

const isVersionConflict = (error: unknown) => error instanceof VersionConflictError;

/** The subject's complaints, newest first, read page by page from the owner index. */
async function* complaintsOf({ complaints }: PersonalDataPorts, subject: DataSubject): AsyncGenerator<StoredComplaint> {
  let after: Awaited<ReturnType<typeof complaints.listByOwner>>['lastKey'];
  do {
    const page = await complaints.listByOwner(subject.id, { limit: PAGE_SIZE, ...(after && { after }) });
    for (const stored of page.items) if (stored.state.origin === subject.kind) yield stored;
    after = page.lastKey;
  } while (after);
}

/** Every public item of one kind of a complaint's partition, oldest first. */
const allPublic = async <T>(list: (page: PartitionPage) => Promise<{ items: T[]; lastKey?: ConversationPageKey }>): Promise<T[]> => {
  const all: T[] = [];
  let after: ConversationPageKey | undefined;
  do {
    const page = await list({ limit: PAGE_SIZE, publicOnly: true, ...(after && { after }) });
    all.push(...page.items);
    after = page.lastKey;
  } while (after);
  return all;
};

/** The person is named where they acted; staff and the platform are not. */
const partyOf = (actor: Actor) => (actor.kind === 'user' ? { kind: actor.kind, id: actor.id } : { kind: actor.kind });

const historyLineOf = (entry: HistoryEntry) => ({ at: entry.at, actor: partyOf(entry.actor), action: entry.action, details: entry.details });

const exportedComplaintOf = async (ports: PersonalDataPorts, stored: StoredComplaint): Promise<ExportedComplaint> => {
  const { state } = stored;
  const [personal, messages, history] = await Promise.all([
    stored.personalData ? openPersonal(ports, stored) : undefined,
    allPublic((page) => ports.complaints.listMessages(state.id, page)),
    allPublic((page) => ports.complaints.listHistory(state.id, page)),
  ]);
  const conversation = await Promise.all(
    messages.map(async (message) => {
      const body = await openBody(ports, message);
      return { id: message.id, author: partyOf(message.author), createdAt: message.createdAt, ...(body !== undefined && { body }) };
    }),
  );
  return {
    id: state.id,
    channel: state.channel,
    category: state.category,
    priority: state.priority,
    status: state.status,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    ...(state.resolvedAt && { resolvedAt: state.resolvedAt }),
    ...(state.closedAt && { closedAt: state.closedAt }),
    ...(state.erasedAt && { erasedAt: state.erasedAt }),
    ...personal,
    conversation,
    history: history.map(historyLineOf),
  };
};

/**
 * Erases one complaint's personal data: every message body of its conversation (staff replies and
 * notes quote the person, so all of them), then its sealed personal fields, in the change that
 * marks it erased (and closes it if it was open, see domain/personal-data.ts). The bodies go first:
 * a run cut short in between leaves the complaint unmarked, and the next run finishes it. False
 * when there is no such complaint or it was erased before.
 */
const eraseComplaintData = (ports: PersonalDataPorts, id: string, now: Date): Promise<boolean> =>
  retryOnConflict(isVersionConflict, async () => {
    const stored = await ports.complaints.get(id);
    if (!stored || stored.state.erasedAt) return false;
    await ports.complaints.eraseConversation(id, now);
    const decision = ports.decisions.erase(stored.state, now);
    // Written over the version read, with no personal blob: a change that landed meanwhile (a new
    // message) fails the condition, and the retry erases again.
    const { personalData: _erased, ...withoutPersonalData } = stored;
    await ports.complaints.update(decision, withoutPersonalData, []);
    return true;
  });

/** Replaces the contact details of one complaint, if it is still open and they differ; true when changed. */
const correctOne = (ports: PersonalDataPorts, id: string, person: Actor, correction: ContactCorrection, now: Date): Promise<boolean> =>
  retryOnConflict(isVersionConflict, async () => {
    const stored = await ports.complaints.get(id);
    if (!stored?.personalData || stored.state.status === 'closed') return false;
    const personal: ComplaintPersonalData = await openPersonal(ports, stored);
    const contact = {
      ...personal.contact,
      ...(correction.email !== undefined && { email: correction.email }),
      ...(correction.phone !== undefined && { phone: correction.phone }),
    };
    if (contact.email === personal.contact?.email && contact.phone === personal.contact?.phone) return false;
    const sealed = await sealPersonal(ports, id, { ...personal, contact });
    // The update writes the blob of the complaint it is given: here, the corrected one.
    await ports.complaints.update(ports.decisions.correctContact(stored.state, person, now), { ...stored, personalData: sealed }, []);
    return true;
  });

export const createCustomerServicePersonalDataHolder = (ports: PersonalDataPorts): PersonalDataHolder => ({
  section: customerServiceManifest.name,

  async exportOf(subject): Promise<CustomerServiceExport> {
    const complaints: ExportedComplaint[] = [];
    for await (const stored of complaintsOf(ports, subject)) complaints.push(await exportedComplaintOf(ports, stored));
    return { complaints };
  },

  holdsOf: async () => [],

  async erase(subject, now) {
    let erased = 0;
    for await (const stored of complaintsOf(ports, subject)) {
      if (!stored.state.erasedAt && (await eraseComplaintData(ports, stored.state.id, now))) erased += 1;
    }
    return { erased, held: [] };
  },

  async correctContact(subject, correction, now) {
    const person: Actor = { kind: 'user', id: subject.id };
    let corrected = 0;
    for await (const stored of complaintsOf(ports, subject)) {
      if (stored.state.status === 'closed' || stored.state.erasedAt) continue;
      if (await correctOne(ports, stored.state.id, person, correction, now)) corrected += 1;
    }
    return corrected;
  },

  async expireDue(day, now) {
    let expired = 0;
    for (const id of await ports.complaints.retentionDue(day)) if (await eraseComplaintData(ports, id, now)) expired += 1;
    return expired;
  },
});
