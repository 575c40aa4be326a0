import type { ComplaintPersonalData, ComplaintState, HistoryEntry, Message } from '#shared/customer-service/domain/complaint.ts';
import { autoCloseAt, deadlines } from '#shared/customer-service/domain/deadlines.ts';
import { ERASED_TEXT } from '#shared/customer-service/domain/personal-data.ts';
import { waitingSince } from '#shared/customer-service/domain/sla-clock.ts';
import type { SlaTarget } from '#shared/customer-service/domain/sla-policy.ts';
import type { ComplaintSummary, ComplaintView, HistoryEntryView, MessageView } from '#shared/customer-service/http/response-schemas.ts';
import type { CustomerServicePorts, StoredComplaint, StoredMessage } from '#shared/customer-service/use-cases/ports.ts';

/**
 * What a reader is shown of a complaint, its messages and its history. Staff who work complaints
 * see who did what; the complaint's owner sees staff unnamed.
 */

const COMPLAINT_ENTITY = 'complaint';
const MESSAGE_ENTITY = 'complaint-message';

type ViewPorts = Pick<CustomerServicePorts, 'clock' | 'policy'>;

/** The complaint's personal fields, decrypted; an erased complaint shows `[erased]` for its subject and description. */
export const openPersonal = async ({ cipher }: Pick<CustomerServicePorts, 'cipher'>, stored: StoredComplaint): Promise<ComplaintPersonalData> =>
  stored.personalData
    ? cipher.open<ComplaintPersonalData & Record<string, unknown>>(COMPLAINT_ENTITY, stored.state.id, stored.personalData)
    : { subject: ERASED_TEXT, description: ERASED_TEXT };

export const sealPersonal = ({ cipher }: Pick<CustomerServicePorts, 'cipher'>, id: string, personal: ComplaintPersonalData) =>
  cipher.seal(COMPLAINT_ENTITY, id, { ...personal });

export const sealMessage = async ({ cipher }: Pick<CustomerServicePorts, 'cipher'>, message: Message): Promise<StoredMessage> => ({
  id: message.id,
  author: message.author,
  visibility: message.visibility,
  createdAt: message.createdAt,
  sealedBody: await cipher.seal(MESSAGE_ENTITY, message.id, { body: message.body }),
});

const breachedTargets = (state: ComplaintState) =>
  (Object.entries(state.sla.running) as [SlaTarget, { breachedAt?: string }][])
    .filter(([, target]) => target.breachedAt)
    .map(([name]) => name);

const summaryOf = (ports: ViewPorts, state: ComplaintState, personal: ComplaintPersonalData, staff: boolean): ComplaintSummary => ({
  id: state.id,
  status: state.status,
  priority: state.priority,
  channel: state.channel,
  category: state.category,
  subject: personal.subject,
  createdAt: state.createdAt,
  updatedAt: state.updatedAt,
  deadlines: deadlines(state, ports.clock.now(), ports.policy),
  ...(staff && state.assigneeId && { assigneeId: state.assigneeId }),
  ...(staff && { breached: breachedTargets(state) }),
});

export const viewOf = (ports: ViewPorts, state: ComplaintState, personal: ComplaintPersonalData, staff: boolean): ComplaintView => {
  const { subject: _subject, externalRef, ...details } = personal;
  const reopenableUntil = autoCloseAt(state, ports.policy);
  const waitingOnUserSince = waitingSince(state.sla);
  return {
    ...summaryOf(ports, state, personal, staff),
    ...details,
    ...(state.firstRespondedAt && { firstRespondedAt: state.firstRespondedAt }),
    ...(waitingOnUserSince && { waitingOnUserSince }),
    ...(state.resolvedAt && { resolvedAt: state.resolvedAt }),
    ...(reopenableUntil && { reopenableUntil: reopenableUntil.toISOString() }),
    ...(state.closedAt && { closedAt: state.closedAt }),
    ...(staff && {
      origin: state.origin,
      ...(externalRef && { externalRef }),
      ...(state.commitment && { commitment: state.commitment }),
      ...(state.firstResponseMs !== undefined && { firstResponseMinutes: Math.round(state.firstResponseMs / 60_000) }),
    }),
  };
};

/** The summary of a stored complaint, its personal data opened. */
export const openSummary = async (ports: ViewPorts & Pick<CustomerServicePorts, 'cipher'>, stored: StoredComplaint, staff: boolean) =>
  summaryOf(ports, stored.state, await openPersonal(ports, stored), staff);

/** The full view of a stored complaint, its personal data opened. */
export const openView = async (ports: ViewPorts & Pick<CustomerServicePorts, 'cipher'>, stored: StoredComplaint, staff: boolean) =>
  viewOf(ports, stored.state, await openPersonal(ports, stored), staff);

export const messageView = (message: Omit<Message, 'body'>, body: string, staff: boolean): MessageView => ({
  id: message.id,
  author: staff || message.author.kind === 'user' ? message.author : { kind: message.author.kind },
  visibility: message.visibility,
  createdAt: message.createdAt,
  body,
});

/** A message's body, decrypted; undefined once erased. */
export const openBody = async ({ cipher }: Pick<CustomerServicePorts, 'cipher'>, message: StoredMessage): Promise<string | undefined> =>
  message.sealedBody && (await cipher.open<{ body: string }>(MESSAGE_ENTITY, message.id, message.sealedBody)).body;

/** A message, its body decrypted; an erased one shows `[erased]`. */
export const openMessage = async (ports: Pick<CustomerServicePorts, 'cipher'>, message: StoredMessage, staff: boolean) =>
  messageView(message, (await openBody(ports, message)) ?? ERASED_TEXT, staff);

export const historyView = (entry: HistoryEntry, staff: boolean): HistoryEntryView => ({
  ...entry,
  actor: staff || entry.actor.kind === 'user' ? entry.actor : { kind: entry.actor.kind },
});
