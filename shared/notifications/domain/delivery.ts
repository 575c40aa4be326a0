import { isRequired, messageCategories, type Category, type Channel, type MessageType } from '#shared/notifications/domain/catalogue.ts';
import { latencyCounter } from '#shared/notifications/domain/latency.ts';
import { allows, type Preferences } from '#shared/notifications/domain/preferences.ts';

/**
 * Who one message goes to, once resolved: a registered person (by subject; the inbox, and email
 * when the directory holds a verified address) or a bare address (email only). `key` identifies
 * the recipient in delivery markers, preferences and unsubscribe tokens: the subject, or a
 * pseudonym of the address; never the address itself.
 */
export type Target =
  | { kind: 'person'; key: string; sub: string; email?: string; locale?: string }
  | { kind: 'address'; key: string; email: string; locale?: string };

export const personKey = (sub: string) => `PERSON#${sub}`;
export const addressKey = (pseudonym: string) => `ADDRESS#${pseudonym}`;

/** The pseudonym purpose of notification addresses (suppression list, preferences). */
export const ADDRESS_PSEUDONYM = 'notification-address';

/** Why a channel was not used for a message. */
export type SkipReason = 'preference-off' | 'suppressed';

export type ChannelPlan = { channel: Channel; action: 'send' } | { channel: Channel; action: 'skip'; reason: SkipReason };

/** The channels a message goes out on to a target, given their preferences and whether their address is suppressed. */
export const planChannels = (target: Target, category: Category, preferences: Preferences, suppressed: boolean): ChannelPlan[] => {
  const plans: ChannelPlan[] = [];
  const plan = (channel: Channel, blocked?: SkipReason): ChannelPlan =>
    blocked ? { channel, action: 'skip', reason: blocked } : { channel, action: 'send' };
  if (target.kind === 'person') plans.push(plan('inbox', allows(preferences, category, 'inbox') ? undefined : 'preference-off'));
  if (target.email !== undefined) {
    const off = !allows(preferences, category, 'email');
    // A required notice still goes to a suppressed address's inbox, never to the address: SES would refuse it anyway.
    plans.push(plan('email', off ? 'preference-off' : suppressed ? 'suppressed' : undefined));
  }
  return plans;
};

/** One delivery of one event: `<message type>#<recipient key>#<channel>`, unique within the event. */
export const deliveryIdOf = (type: MessageType, target: Target, channel: Channel) => `${type}#${target.key}#${channel}`;

/** Whether the message offers one-click unsubscribe: on email, for a category that may be turned off. */
export const offersUnsubscribe = (type: MessageType, channel: Channel) => channel === 'email' && !isRequired(messageCategories[type]);

/** The figures of a sent message: per category and channel, and the time from its event. */
export const sentCounters = (category: Category, channel: Channel, latencyMs: number): Record<string, number> => ({
  [`sent#${category}#${channel}`]: 1,
  [latencyCounter(latencyMs)]: 1,
});

export const skippedCounters = (category: Category, channel: Channel, reason: SkipReason): Record<string, number> => ({
  [`${reason === 'suppressed' ? 'suppressed' : 'skipped'}#${category}#${channel}`]: 1,
});
