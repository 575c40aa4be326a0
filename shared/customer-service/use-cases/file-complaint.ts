import type { PersonCaller } from '#shared/http/api-handler.ts';
import type { StagedLimitUse } from '#shared/http/request-limits.ts';
import type { ComplaintPersonalData } from '#shared/customer-service/domain/complaint.ts';
import type { Filing } from '#shared/customer-service/domain/lifecycle.ts';
import type { Receipt } from '#shared/customer-service/domain/decisions.ts';
import type { CreateComplaintRequest } from '#shared/customer-service/http/schemas.ts';
import { changeIdOf, type CustomerServicePorts, type FilingExtras } from '#shared/customer-service/use-cases/ports.ts';
import { sealPersonal } from '#shared/customer-service/use-cases/views.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { newId } from '#shared/ids.ts';

type FilingPorts = Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'outbox' | 'clock' | 'decisions'>;

/** The personal fields of a filing, kept only encrypted. */
export const personalOf = (
  input: Pick<CreateComplaintRequest, 'subject' | 'description' | 'contact' | 'relatedContentUrl'>,
  externalRef?: string,
): ComplaintPersonalData => ({
  subject: input.subject,
  description: input.description,
  ...(input.contact && { contact: input.contact }),
  ...(input.relatedContentUrl && { relatedContentUrl: input.relatedContentUrl }),
  ...(externalRef && { externalRef }),
});

/**
 * Files a complaint: the domain decides its state, clocks, index keys and receipt in one visit;
 * its personal fields are sealed; the complaint, its history, its figures and its events are
 * written in one transaction. With `channelMessage`, only if that message was not filed before;
 * with `limitUse`, the caller's use of the route is counted in the same transaction.
 */
export const storeFiling = async (
  ports: FilingPorts,
  filing: Filing,
  personal: ComplaintPersonalData,
  also: FilingExtras = {},
): Promise<Receipt> => {
  const now = ports.clock.now();
  const decision = ports.decisions.file(filing, newId('cmp', now), now);
  const sealed = await sealPersonal(ports, decision.state.id, personal);
  await commitChange(ports.outbox, { events: decision.events, at: now, changeId: changeIdOf(decision) }, (outboxItems) =>
    ports.complaints.create(decision, sealed, outboxItems, also),
  );
  return decision.receipt;
};

/**
 * A person files a complaint on the website or the app, as its owner. The answer is the receipt:
 * the complaint's id, status and priority, and when the first response is due at the latest.
 */
export const fileComplaint = (
  ports: FilingPorts,
  caller: PersonCaller,
  input: CreateComplaintRequest,
  limitUse?: StagedLimitUse,
): Promise<Receipt> =>
  storeFiling(
    ports,
    { ownerId: caller.sub, origin: 'account', channel: input.channel, category: input.category, actor: { kind: 'user', id: caller.sub } },
    personalOf(input),
    { limitUse },
  );
