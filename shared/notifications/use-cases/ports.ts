import type { Locale, MessageParams, MessageType } from '#shared/notifications/domain/catalogue.ts';

/**
 * The ports of the notifications context: what it asks of the identity provider, of the contexts
 * whose events it turns into messages, and of the email service. Adapters live beside the wiring;
 * tests substitute their own.
 */

/** A domain event as EventBridge delivers it (through the notifications queue, as the message body). */
export interface DomainEventEnvelope {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: Record<string, unknown>;
  /**
   * Set on a continuation of a message to every person (`people`): the message type and the
   * directory page to go on from. The envelope is otherwise the event's own (same id), so the
   * deliveries of every page are keyed by the one event.
   */
  fanOut?: FanOutPage;
}

/** Where a message to every person goes on: its type and the directory's page token. */
interface FanOutPage {
  type: MessageType;
  page: string;
}

/**
 * Who a message is for:
 * - `person`: a registered person (or staff member) by subject: the in-app inbox, and email at the
 *   address the identity provider holds, in the locale of their profile;
 * - `address`: somebody without an account (a notifier who gave a contact email): email only;
 * - `staff-group`: every member of a staff group (e.g. the supervisors), each as a `person`;
 * - `people`: every person of the people's pool (announcements): one directory page per queue
 *   message, the next page handed back to the queue (`FanOutQueue`), each person as a `person`.
 * People on an integration channel are reached through their integration: no recipient here.
 */
export type Recipient =
  | { kind: 'person'; sub: string }
  | { kind: 'address'; address: string; locale?: Locale }
  | { kind: 'staff-group'; group: string }
  | { kind: 'people' };

/** One message an event calls for. */
export type Outgoing = {
  [T in MessageType]: { type: T; params: MessageParams[T]; recipient: Recipient };
}[MessageType];

/**
 * What one source context's events mean to people: the messages an event calls for (none when it
 * concerns nobody who can be reached here). Each source context has one (`shared/notifications/audiences/`).
 */
export interface Audience {
  /** The event source it reads, `user-protection.<context>`. */
  source: string;
  /** The detail types it turns into messages (the rule subscribes to exactly these). */
  detailTypes: readonly string[];
  messagesFor(event: DomainEventEnvelope): Promise<Outgoing[]>;
}

/** What the identity provider holds of a person that a message needs. */
export interface PersonProfile {
  email?: string;
  /** As the profile has it (e.g. `zh-CN`, `zh_CN`, `en-GB`); normalised by the notifications domain. */
  locale?: string;
}

/**
 * The identity provider as a directory: Cognito (AdminGetUser by subject; ListUsersInGroup) in
 * AWS, a file the token CLI fills in the local stack.
 */
export interface UserDirectory {
  /** The person's profile, or undefined when no such person exists (any longer). */
  profileOf(sub: string): Promise<PersonProfile | undefined>;
  /** The subjects of a staff group's members. */
  membersOf(group: string): Promise<string[]>;
  /**
   * One page of the people's pool (not the staff), from `page` (undefined: the first), with what
   * a message needs of each and the token of the next page (undefined after the last).
   */
  peoplePage(page: string | undefined): Promise<PeoplePage>;
}

interface PeoplePage {
  people: Array<PersonProfile & { sub: string }>;
  next?: string;
}

/** Hands a continuation of a message to every person back to the notifications queue. */
export interface FanOutQueue {
  continueLater(envelope: DomainEventEnvelope & { fanOut: FanOutPage }): Promise<void>;
}

interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: ReadonlyArray<{ name: string; value: string }>;
  /** Tags the email service returns with its delivery feedback (category, delivery id): never personal data. */
  tags: Readonly<Record<string, string>>;
}

export interface EmailSender {
  /** Sends one email; the email service's message id. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
