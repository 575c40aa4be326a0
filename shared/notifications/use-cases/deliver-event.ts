import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '#shared/clock.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import { ulid } from 'ulid';
import { messageCategories, type CommonParams, type Locale, type MessageParams, type MessageType, type RenderedMessage } from '#shared/notifications/domain/catalogue.ts';
import {
  ADDRESS_PSEUDONYM,
  addressKey,
  deliveryIdOf,
  offersUnsubscribe,
  personKey,
  planChannels,
  sentCounters,
  skippedCounters,
  type ChannelPlan,
  type Target,
} from '#shared/notifications/domain/delivery.ts';
import type { DeliveryStore } from '#shared/notifications/store/delivery-store.ts';
import type { InboxStore } from '#shared/notifications/store/inbox-store.ts';
import type { PreferenceStore } from '#shared/notifications/store/preference-store.ts';
import type { Audience, DomainEventEnvelope, EmailSender, FanOutQueue, Outgoing, Recipient, UserDirectory } from '#shared/notifications/use-cases/ports.ts';

export interface DeliveryPorts {
  audiences: readonly Audience[];
  directory: UserDirectory;
  pseudonyms: Pseudonymizer;
  inbox: InboxStore;
  deliveries: DeliveryStore;
  preferences: PreferenceStore;
  figures: Pick<FiguresStore, 'periodUpdates'>;
  email: EmailSender;
  /** Where the next page of a message to every person goes (the notifications queue). */
  fanOut: FanOutQueue;
  render: <T extends MessageType>(type: T, locale: Locale, params: MessageParams[T] & CommonParams) => RenderedMessage;
  localeOf: (profileLocale: string | undefined) => Locale;
  unsubscribeUrl: (recipientKey: string, type: MessageType) => Promise<string>;
  inboxUrl: string;
  clock: Clock;
  logger: Pick<Logger, 'info'>;
}

type Outcome = 'sent' | 'duplicate' | 'uncertain' | 'preference-off' | 'suppressed';

/**
 * Turns one domain event into messages: its audience says who is to be told what; each recipient
 * gets it on the channels their preferences allow (a required notice on every channel), in their
 * locale, at most once per (event, message, recipient, channel) however often the event arrives.
 * A message to every person is delivered one directory page per queue message: the page's people,
 * then the next page handed back to the queue (a continuation carries the event's own id, so a page
 * delivered twice sends nothing twice). A failed send throws after the deliveries already made are
 * recorded, so the retry sends only what is missing. Logs carry the event id, message types,
 * channels and outcomes only.
 */
export const deliverEvent = async (ports: DeliveryPorts, event: DomainEventEnvelope): Promise<Record<Outcome, number>> => {
  const outcomes: Record<Outcome, number> = { sent: 0, duplicate: 0, uncertain: 0, 'preference-off': 0, suppressed: 0 };
  const audience = ports.audiences.find((a) => a.source === event.source);
  const messages = audience ? await audience.messagesFor(event) : [];
  for (const message of messages) {
    // A continuation goes on with its own message only: the others were delivered by the first pass.
    if (event.fanOut && (message.recipient.kind !== 'people' || message.type !== event.fanOut.type)) continue;
    const { targets, next } = await targetsOf(ports, message.recipient, event.fanOut?.page);
    for (const target of targets) {
      for (const [channel, outcome] of await deliverToTarget(ports, event, message, target)) {
        outcomes[outcome] += 1;
        ports.logger.info('notification delivery', { eventId: event.id, type: message.type, channel, outcome });
      }
    }
    if (next !== undefined) await continueWithPage(ports, event, { type: message.type, page: next });
  }
  return outcomes;
};

const continueWithPage = async (ports: DeliveryPorts, event: DomainEventEnvelope, fanOut: { type: Outgoing['type']; page: string }) => {
  const { id, source, time, detail } = event;
  await ports.fanOut.continueLater({ id, source, 'detail-type': event['detail-type'], time, detail, fanOut });
  ports.logger.info('notification fan-out continues', { eventId: id, type: fanOut.type });
};

/**
 * The people and addresses a recipient stands for, with what the directory knows of each person;
 * for every person, one page of them from `page` and the token of the next.
 */
const targetsOf = async (ports: DeliveryPorts, recipient: Recipient, page: string | undefined): Promise<{ targets: Target[]; next?: string }> => {
  const person = async (sub: string): Promise<Target> => personTarget(sub, await ports.directory.profileOf(sub));
  switch (recipient.kind) {
    case 'person':
      return { targets: [await person(recipient.sub)] };
    case 'staff-group':
      return { targets: await Promise.all((await ports.directory.membersOf(recipient.group)).map(person)) };
    case 'people': {
      const { people, next } = await ports.directory.peoplePage(page);
      return { targets: people.map(({ sub, ...profile }) => personTarget(sub, profile)), ...(next !== undefined && { next }) };
    }
    case 'address': {
      const pseudonym = await ports.pseudonyms.pseudonym(ADDRESS_PSEUDONYM, recipient.address);
      return { targets: [{ kind: 'address', key: addressKey(pseudonym), email: recipient.address, ...(recipient.locale && { locale: recipient.locale }) }] };
    }
  }
};

const personTarget = (sub: string, profile: { email?: string; locale?: string } | undefined): Target => ({
  kind: 'person',
  key: personKey(sub),
  sub,
  ...(profile?.email && { email: profile.email }),
  ...(profile?.locale && { locale: profile.locale }),
});

const deliverToTarget = async (ports: DeliveryPorts, event: DomainEventEnvelope, message: Outgoing, target: Target) => {
  const category = messageCategories[message.type];
  const preferences = await ports.preferences.preferencesOf(target.key);
  const suppressed = target.email !== undefined && (await ports.preferences.isSuppressed(await addressPseudonymOf(ports, target)));
  const results: Array<[ChannelPlan['channel'], Outcome]> = [];
  for (const plan of planChannels(target, category, preferences, suppressed)) {
    results.push([plan.channel, await deliverOnChannel(ports, event, message, target, plan)]);
  }
  return results;
};

const addressPseudonymOf = async (ports: DeliveryPorts, target: Target) =>
  target.kind === 'address' ? target.key.slice('ADDRESS#'.length) : ports.pseudonyms.pseudonym(ADDRESS_PSEUDONYM, target.email!);

const deliverOnChannel = async (ports: DeliveryPorts, event: DomainEventEnvelope, message: Outgoing, target: Target, plan: ChannelPlan): Promise<Outcome> => {
  const now = ports.clock.now();
  const at = now.toISOString();
  const category = messageCategories[message.type];
  const ref = { eventId: event.id, deliveryId: deliveryIdOf(message.type, target, plan.channel), recipientKey: target.key };
  if (plan.action === 'skip') {
    const counted = await ports.deliveries.deliverOnce(ref, at, ports.figures.periodUpdates(now, skippedCounters(category, plan.channel, plan.reason)));
    return counted ? plan.reason : 'duplicate';
  }
  const counters = ports.figures.periodUpdates(now, sentCounters(category, plan.channel, now.getTime() - new Date(event.time).getTime()));
  const unsubscribeUrl = offersUnsubscribe(message.type, plan.channel) ? await ports.unsubscribeUrl(target.key, message.type) : undefined;
  const rendered = ports.render(message.type, ports.localeOf(target.locale), {
    ...message.params,
    inboxUrl: ports.inboxUrl,
    ...(unsubscribeUrl && { unsubscribeUrl }),
  } as never);

  if (target.kind === 'person' && plan.channel === 'inbox') {
    const item = { id: ulid(now.getTime()), type: message.type, category, createdAt: at, subject: rendered.subject, text: rendered.inboxText };
    const written = await ports.deliveries.deliverOnce(ref, at, [...(await ports.inbox.additionOf(target.sub, item)), ...counters]);
    return written ? 'sent' : 'duplicate';
  }

  const claim = await ports.deliveries.claimEmail(ref, at);
  if (claim !== 'claimed') return claim === 'sent' ? 'duplicate' : 'uncertain';
  let messageId: string;
  try {
    ({ messageId } = await ports.email.send({
      to: target.email!,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // RFC 8058 one-click unsubscribe, where the category may be turned off.
      headers: unsubscribeUrl
        ? [
            { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
            { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
          ]
        : [],
      tags: { category, type: message.type },
    }));
  } catch (error) {
    await ports.deliveries.emailFailed(ref);
    throw error;
  }
  await ports.deliveries.emailSent(ref, { messageId, category, channel: 'email', status: 'sent', sentAt: at, eventAt: event.time }, counters);
  return 'sent';
};
