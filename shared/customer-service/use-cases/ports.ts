import type { AccessLog } from '#shared/access-log/index.ts';
import type { Clock } from '#shared/clock.ts';
import type { CursorSeal } from '#shared/crypto/cursor-seal.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import type { Change, ComplaintState, HistoryEntry, Message } from '#shared/customer-service/domain/complaint.ts';
import type { ComplaintDecisions, Decision } from '#shared/customer-service/domain/decisions.ts';
import type { SlaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import type { FiguresStore, TransactItem } from '#shared/figures/store.ts';
import type { ConversationPageKey, OwnerPageKey, QueuePageKey } from '#shared/customer-service/store/page-keys.ts';
import type { StagedLimitUse } from '#shared/http/request-limits.ts';

/**
 * What the customer-service use cases work with: the complaint store, the cipher of personal
 * data, the pseudonyms of people filed for by integrations, the outbox of domain events, the
 * figures, the clock, and the complaint's decisions under the SLA policy.
 */

/** A complaint as stored: its state, its personal fields as one encrypted blob (none once erased). */
export interface StoredComplaint {
  state: ComplaintState;
  personalData?: Uint8Array;
}

/** A message as stored: its body encrypted (none once erased). */
export interface StoredMessage extends Omit<Message, 'body'> {
  sealedBody?: Uint8Array;
}

/** A message on an integration's channel: the post, email or call it came as. */
export interface ChannelMessageRef {
  channel: string;
  messageId: string;
}

/** What a channel message became: the complaint it filed (at its creation) or the answer it added. */
export interface TakenChannelMessage {
  complaintId: string;
  at: string;
  messageId?: string;
}

/** The channel message was taken in before (a filing or an answer). */
export class DuplicateChannelMessageError extends Error {
  override name = 'DuplicateChannelMessageError';
}

export interface PartitionPage {
  limit: number;
  after?: ConversationPageKey;
  /** Only items whose `visibility` is `public` (what the complaint's owner may see). */
  publicOnly: boolean;
}

interface Page<T, K> {
  items: T[];
  lastKey?: K;
}

export interface QueueFilters {
  priority?: string;
  channel?: string;
  category?: string;
  /** `null`: only complaints nobody holds. */
  assigneeId?: string | null;
}

/** What a filing may write besides the complaint, in its transaction. */
export interface FilingExtras {
  channelMessage?: ChannelMessageRef;
  limitUse?: StagedLimitUse;
}

export interface ComplaintStore {
  /**
   * Stores a filed complaint; with `channelMessage`, only if that message was not taken in before;
   * with `limitUse`, counting the caller's use of the route in the same transaction (its 429 when
   * the caller's window is full).
   */
  create(decision: Decision, personalData: Uint8Array, outboxItems: TransactItem[], also?: FilingExtras): Promise<void>;
  /** Writes a change of the complaint `read`, conditional on its version; VersionConflictError if it moved. */
  update(
    decision: Decision,
    read: StoredComplaint,
    outboxItems: TransactItem[],
    message?: StoredMessage,
    channelMessage?: ChannelMessageRef,
  ): Promise<void>;
  get(id: string): Promise<StoredComplaint | undefined>;
  channelMessage(channel: string, messageId: string): Promise<TakenChannelMessage | undefined>;
  getMessage(complaintId: string, at: string, messageId: string): Promise<StoredMessage | undefined>;
  listByOwner(ownerId: string, page: { limit: number; after?: OwnerPageKey }): Promise<Page<StoredComplaint, OwnerPageKey>>;
  listQueue(status: string, filters: QueueFilters, page: { limit: number; after?: QueuePageKey }): Promise<Page<StoredComplaint, QueuePageKey>>;
  listMessages(id: string, page: PartitionPage): Promise<Page<StoredMessage, ConversationPageKey>>;
  listHistory(id: string, page: PartitionPage): Promise<Page<HistoryEntry, ConversationPageKey>>;
  /** Ids of the complaints whose next SLA checkpoint is at or before `now`. */
  dueBy(now: Date): AsyncGenerator<string>;
  /** Removes the body of every message of the complaint, notes included, marking each erased at `at`; the number it removed. */
  eraseConversation(complaintId: string, at: Date): Promise<number>;
  /** Ids of the complaints whose personal fields are due to go on `day` (YYYY-MM-DD), from the sparse retention index. */
  retentionDue(day: string): Promise<string[]>;
}

export interface CustomerServicePorts {
  complaints: ComplaintStore;
  cipher: PersonalDataCipher;
  pseudonyms: Pseudonymizer;
  /** Seals the cursors of the lists for their caller and list. */
  cursors: CursorSeal;
  /** Staff reads of people's complaints are recorded there before anything is returned. */
  accessLog: AccessLog;
  /** Domain events are written in their change's transaction and published after the commit. */
  outbox: Pick<Outbox, 'stage'>;
  figures: Pick<FiguresStore, 'range' | 'current'>;
  clock: Clock;
  decisions: ComplaintDecisions;
  /** For the views: the deadlines and the reopen window shown with a complaint. */
  policy: SlaPolicy;
}

/** The id of a change in the outbox, so that its events' ids (`<complaint>:<version>:<n>`) say what they are about. */
export const changeIdOf = (change: Change): string => `${change.state.id}:${change.state.version}`;
