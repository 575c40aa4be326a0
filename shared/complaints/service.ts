import { hasRole, hasScope, type Caller } from '#shared/auth/caller.ts';
import { fullScope } from '#shared/manifest/platform.ts';
import type { Clock } from '#shared/clock.ts';
import {
  actorFor,
  addChannelAnswer,
  addMessage,
  assign,
  autoCloseAt,
  canRead,
  changeStatus,
  claim,
  ComplaintConflictError,
  ComplaintForbiddenError,
  deadlines,
  fileComplaint as newComplaint,
  figuresReaderRoles,
  isComplaintWorker,
  isStaffRead,
  setPriority,
  type Actor,
  type Change,
  type ComplaintPersonalData,
  type ComplaintState,
  type ComplaintStatus,
  type Filing,
  type HistoryEntry,
  type Message,
} from '#shared/complaints/domain.ts';
import { figuresView } from '#shared/complaints/figures.ts';
import type { FiguresQuery } from '#shared/figures/query.ts';
import type { Priority, SlaPolicy, SlaTarget } from '#shared/complaints/policy.ts';
import { waitingSince } from '#shared/complaints/sla.ts';
import {
  conversationPageKeySchema,
  DuplicateChannelMessageError,
  ownerPageKeySchema,
  queuePageKeySchema,
  VersionConflictError,
  changeIdOf,
  type ChannelMessageRef,
  type ComplaintRepository,
  type PartitionPage,
  type StaffAccess,
  type StoredComplaint,
  type StoredMessage,
} from '#shared/complaints/repository.ts';
import {
  type ChannelComplaintRequest,
  type ChannelMessageRequest,
  type ComplaintReceipt,
  type ComplaintSummary,
  type ComplaintView,
  type CreateComplaintRequest,
  type HistoryEntryView,
  type IntegrationChannel,
  type MessageRequest,
  type MessageView,
  type WorkQueueQuery,
} from '#shared/complaints/schemas.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { NotFoundError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import { newId } from '#shared/ids.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';

const COMPLAINT_ENTITY = 'complaint';
const MESSAGE_ENTITY = 'complaint-message';
const isVersionConflict = (error: unknown) => error instanceof VersionConflictError;

/** Only an integration holding the channel's scope files for that channel; checked before the body is read. */
export const requireChannelScope = (caller: Caller, channel: IntegrationChannel): void => {
  if (caller.kind !== 'machine' || !hasScope(caller, fullScope(`complaints.intake.${channel}`))) {
    throw new ComplaintForbiddenError(`This client may not file or follow complaints for the ${channel} channel.`);
  }
};

/** The customer-service use cases: the handler parses and maps, the domain decides, the adapters store. */
export const createComplaintService = (deps: {
  repository: ComplaintRepository;
  cipher: PersonalDataCipher;
  pseudonyms: Pseudonymizer;
  /** Domain events are written in their change's transaction and published after the commit. */
  outbox: Pick<Outbox, 'stage' | 'afterCommit'>;
  figures: FiguresStore;
  clock: Clock;
  policy: SlaPolicy;
}) => {
  const { repository, cipher, pseudonyms, outbox, figures, clock, policy } = deps;

  const openPersonal = (stored: StoredComplaint) =>
    cipher.open<ComplaintPersonalData & Record<string, unknown>>(COMPLAINT_ENTITY, stored.state.id, stored.personalData);

  /** The change's events, as its outbox item; their ids are `<complaint>:<version>:<n>`. */
  const stage = (change: Change, now: Date) => outbox.stage(change.events, now, changeIdOf(change));

  const receipt = (state: ComplaintState): ComplaintReceipt => {
    const due = deadlines(state, new Date(state.createdAt), policy);
    return {
      id: state.id,
      status: state.status,
      priority: state.priority,
      createdAt: state.createdAt,
      firstResponseDueAt: due.firstResponse!,
      commitmentDueAt: due.commitment!,
    };
  };

  const breachedTargets = (state: ComplaintState) =>
    (Object.entries(state.sla.running) as [SlaTarget, { breachedAt?: string }][])
      .filter(([, target]) => target.breachedAt)
      .map(([name]) => name);

  const summary = (state: ComplaintState, personal: ComplaintPersonalData, staff: boolean): ComplaintSummary => ({
    id: state.id,
    status: state.status,
    priority: state.priority,
    channel: state.channel,
    category: state.category,
    subject: personal.subject,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    deadlines: deadlines(state, clock.now(), policy),
    ...(staff && state.assigneeId && { assigneeId: state.assigneeId }),
    ...(staff && { breached: breachedTargets(state) }),
  });

  const view = (state: ComplaintState, personal: ComplaintPersonalData, staff: boolean): ComplaintView => {
    const { subject: _subject, externalRef, ...details } = personal;
    const reopenableUntil = autoCloseAt(state, policy);
    return {
      ...summary(state, personal, staff),
      ...details,
      ...(state.firstRespondedAt && { firstRespondedAt: state.firstRespondedAt }),
      ...(waitingSince(state.sla) && { waitingOnUserSince: waitingSince(state.sla) }),
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

  /** Reads a complaint the caller may see; anyone else learns nothing, not even that it exists. */
  const readable = async (caller: Caller, id: string): Promise<StoredComplaint> => {
    const stored = await repository.get(id);
    if (!stored || !canRead(caller, stored.state)) throw new NotFoundError(`No complaint ${id}`);
    return stored;
  };

  const requireWorker = (caller: Caller) => {
    if (!isComplaintWorker(caller)) throw new ComplaintForbiddenError('Only customer-service staff (agent, admin) may do this.');
  };

  /**
   * Read, decide, write; if another writer got there first, read again and decide again, so two
   * simultaneous replies both land and two simultaneous claims have exactly one winner.
   */
  const mutate = (
    caller: Caller,
    id: string,
    decide: (state: ComplaintState, actor: Actor, now: Date) => Change,
  ) => mutateStored(() => readable(caller, id), (state, now) => decide(state, actorFor(caller, state), now));

  /** `mutate` for a complaint read by `read`; with `channelMessage`, the message it adds is that one, taken in once. */
  const mutateStored = async (
    read: () => Promise<StoredComplaint>,
    decide: (state: ComplaintState, now: Date) => Change,
    channelMessage?: ChannelMessageRef,
  ): Promise<{ change: Change; stored: StoredComplaint }> =>
    retryOnConflict(isVersionConflict, async () => {
      const stored = await read();
      const now = clock.now();
      const change = decide(stored.state, now);
      if (change.state.version !== stored.state.version + 1) throw new Error('A change must advance the version by one');
      const unchanged = change.history.length === 0 && !change.message;
      if (unchanged) return { change: { ...change, state: stored.state }, stored };
      const message = change.message ? await sealMessage(change.message) : undefined;
      const events = stage(change, now);
      await repository.commit(change, stored, events.items, message, channelMessage);
      await outbox.afterCommit(events);
      return { change, stored: { ...stored, state: change.state } };
    });

  const sealMessage = async (message: Message): Promise<StoredMessage> => ({
    id: message.id,
    author: message.author,
    visibility: message.visibility,
    createdAt: message.createdAt,
    sealedBody: await cipher.seal(MESSAGE_ENTITY, message.id, { body: message.body }),
  });

  const openMessage = async (message: StoredMessage, staff: boolean): Promise<MessageView> =>
    messageView(message, (await cipher.open<{ body: string }>(MESSAGE_ENTITY, message.id, message.sealedBody)).body, staff);

  const messageView = (message: Omit<Message, 'body'>, body: string, staff: boolean): MessageView => ({
    id: message.id,
    author: staff || message.author.kind === 'user' ? message.author : { kind: message.author.kind },
    visibility: message.visibility,
    createdAt: message.createdAt,
    body,
  });

  const historyView = (entry: HistoryEntry, staff: boolean): HistoryEntryView => ({
    ...entry,
    actor: staff || entry.actor.kind === 'user' ? entry.actor : { kind: entry.actor.kind },
  });

  const store = async (filing: Filing, personal: ComplaintPersonalData, channelMessage?: { channel: string; messageId: string }) => {
    const now = clock.now();
    const change = newComplaint(filing, newId('cmp', now), now, policy);
    const sealed = await cipher.seal(COMPLAINT_ENTITY, change.state.id, { ...personal });
    const events = stage(change, now);
    await repository.create(change, sealed, events.items, channelMessage);
    await outbox.afterCommit(events);
    return receipt(change.state);
  };

  const personalOf = (input: CreateComplaintRequest | ChannelComplaintRequest, externalRef?: string): ComplaintPersonalData => ({
    subject: input.subject,
    description: input.description,
    ...(input.contact && { contact: input.contact }),
    ...(input.relatedContentUrl && { relatedContentUrl: input.relatedContentUrl }),
    ...(externalRef && { externalRef }),
  });

  /** Where a page of a complaint's messages or history resumes: the cursor must be of that list. */
  const conversationAfter = (cursor: string | undefined, complaintId: string, prefix: 'MESSAGE#' | 'HISTORY#') =>
    resumeAfter(cursor, conversationPageKeySchema, (key) => key.pk === repository.complaintPartition(complaintId) && key.sk.startsWith(prefix));

  /** The page of a complaint's messages or history the caller may see; the cursor must be of that list. */
  const conversationPage = async (
    caller: Caller,
    id: string,
    prefix: 'MESSAGE#' | 'HISTORY#',
    query: { limit?: number; cursor?: string },
    accessReason: string | undefined,
  ): Promise<{ page: PartitionPage; staff: boolean }> => {
    const stored = await readable(caller, id);
    const staff = isComplaintWorker(caller);
    const after = conversationAfter(query.cursor, stored.state.id, prefix);
    if (isStaffRead(caller, stored.state)) {
      await repository.recordStaffAccess(
        staffAccess(caller, id, accessReason, prefix === 'MESSAGE#' ? 'messages' : 'history'),
      );
    }
    return { page: { limit: query.limit ?? LIST_LIMIT_DEFAULT, publicOnly: !staff, ...(after && { after }) }, staff };
  };

  const channelMessageTaken = () =>
    new ComplaintConflictError('channel-message-taken', 'This channel message id was already taken in as something else.');

  /**
   * A complaint an integration filed on this channel, which it may follow for the person it filed
   * for. Any other complaint does not exist for it (404), not even that it exists.
   */
  const channelComplaint = async (caller: Caller, channel: IntegrationChannel, id: string): Promise<StoredComplaint> => {
    requireChannelScope(caller, channel);
    const stored = await repository.get(id);
    if (!stored || stored.state.origin !== 'integration' || stored.state.channel !== channel) throw new NotFoundError(`No complaint ${id}`);
    return stored;
  };

  /** A staff read of someone's complaint, recorded before anything is decrypted. */
  const staffAccess = (caller: Caller, complaintId: string, reason: string | undefined, what: StaffAccess['what']): StaffAccess => ({
    complaintId,
    actorId: caller.sub,
    actorRoles: caller.roles,
    reason,
    at: clock.now().toISOString(),
    what,
  });

  return {
    async fileComplaint(caller: Caller, input: CreateComplaintRequest): Promise<ComplaintReceipt> {
      if (caller.kind !== 'person') throw new ComplaintForbiddenError('Integrations file through /v1/channels/{channel}/complaints.');
      return store(
        { ownerId: caller.sub, origin: 'account', channel: input.channel, category: input.category, actor: { kind: 'user', id: caller.sub } },
        personalOf(input),
      );
    },

    /**
     * An integration files for someone identified on its channel. The person's reference is
     * turned into a keyed pseudonym (the owner id) and otherwise kept only encrypted; the
     * channel's message id makes a repeat return the first complaint instead of a second one.
     */
    async fileFromChannel(
      caller: Caller,
      channel: IntegrationChannel,
      input: ChannelComplaintRequest,
    ): Promise<{ receipt: ComplaintReceipt; duplicate: boolean }> {
      requireChannelScope(caller, channel);
      const duplicateOf = async () => {
        const taken = await repository.channelMessage(channel, input.messageId);
        if (taken?.messageId) throw channelMessageTaken();
        const stored = taken ? await repository.get(taken.complaintId) : undefined;
        return stored ? { receipt: receipt(stored.state), duplicate: true } : undefined;
      };
      const earlier = await duplicateOf();
      if (earlier) return earlier;
      const ownerId = `ext:${channel}:${await pseudonyms.pseudonym(`complaint-owner:${channel}`, input.externalRef)}`;
      try {
        const filed = await store(
          { ownerId, origin: 'integration', channel, category: input.category, actor: { kind: 'integration', id: caller.sub } },
          personalOf(input, input.externalRef),
          { channel, messageId: input.messageId },
        );
        return { receipt: filed, duplicate: false };
      } catch (error) {
        if (!(error instanceof DuplicateChannelMessageError)) throw error;
        // A concurrent filing of the same message won; give its receipt once it is visible.
        for (let attempt = 0; attempt < 10; attempt += 1) {
          const winner = await duplicateOf();
          if (winner) return winner;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new VersionConflictError('The same channel message is being filed; retry');
      }
    },

    /**
     * The complaint as its person sees it, plus the reference the integration filed it under, so
     * that the integration can answer the right person on its channel.
     */
    async getChannelComplaint(caller: Caller, channel: IntegrationChannel, id: string): Promise<ComplaintView> {
      const stored = await channelComplaint(caller, channel, id);
      const personal = await openPersonal(stored);
      return { ...view(stored.state, personal, false), ...(personal.externalRef && { externalRef: personal.externalRef }) };
    },

    /** The public conversation, as the person sees it (staff unnamed): what the integration passes on. */
    async listChannelMessages(caller: Caller, channel: IntegrationChannel, id: string, query: { limit?: number; cursor?: string }) {
      const stored = await channelComplaint(caller, channel, id);
      const after = conversationAfter(query.cursor, stored.state.id, 'MESSAGE#');
      const { items, lastKey } = await repository.listMessages(id, { limit: query.limit ?? LIST_LIMIT_DEFAULT, publicOnly: true, ...(after && { after }) });
      return { items: await Promise.all(items.map((m) => openMessage(m, false))), nextCursor: encodeCursor(lastKey) };
    },

    /**
     * The person's answer, received on the channel: it counts as the person's own message (the
     * complaint stops waiting on them; a resolved one reopens within the reopen window). The
     * channel's message id makes a repeat return the first.
     */
    async addChannelMessage(
      caller: Caller,
      channel: IntegrationChannel,
      id: string,
      input: ChannelMessageRequest,
    ): Promise<{ message: MessageView; duplicate: boolean }> {
      const earlier = async () => {
        const taken = await repository.channelMessage(channel, input.messageId);
        if (!taken) return undefined;
        if (taken.complaintId !== id || !taken.messageId) throw channelMessageTaken();
        const stored = await repository.getMessage(id, taken.at, taken.messageId);
        if (!stored) throw new Error(`Channel message ${channel}/${input.messageId} points at a missing message`);
        return { message: await openMessage(stored, false), duplicate: true };
      };
      // Read once up front (404 before anything else); the first attempt uses it, a retry reads again.
      let firstRead: StoredComplaint | undefined = await channelComplaint(caller, channel, id);
      const repeat = await earlier();
      if (repeat) return repeat;
      const messageId = newId('msg', clock.now());
      const read = async () => {
        const stored = firstRead ?? (await channelComplaint(caller, channel, id));
        firstRead = undefined;
        return stored;
      };
      try {
        const { change } = await mutateStored(
          read,
          (state, now) =>
            addChannelAnswer(state, { kind: 'user', id: state.ownerId }, { id: messageId, visibility: 'public', body: input.body }, now, policy),
          { channel, messageId: input.messageId },
        );
        return { message: messageView(change.message!, change.message!.body, false), duplicate: false };
      } catch (error) {
        if (!(error instanceof DuplicateChannelMessageError)) throw error;
        const first = await earlier();
        if (!first) throw error;
        return first;
      }
    },

    async getComplaint(caller: Caller, id: string, accessReason?: string): Promise<ComplaintView> {
      const stored = await readable(caller, id);
      if (isStaffRead(caller, stored.state)) {
        // Recorded before the personal data is decrypted, so that no staff read goes unrecorded.
        await repository.recordStaffAccess(staffAccess(caller, id, accessReason, 'complaint'));
      }
      return view(stored.state, await openPersonal(stored), isComplaintWorker(caller));
    },

    async listOwnComplaints(caller: Caller, query: { limit?: number; cursor?: string }) {
      if (caller.kind !== 'person') throw new ComplaintForbiddenError('Integrations have no complaints of their own.');
      const after = resumeAfter(query.cursor, ownerPageKeySchema, (key) => key.gsi1pk === repository.ownerPartition(caller.sub));
      const { items, lastKey } = await repository.listByOwner(caller.sub, {
        limit: query.limit ?? LIST_LIMIT_DEFAULT,
        ...(after && { after }),
      });
      const summaries = await Promise.all(items.map(async (stored) => summary(stored.state, await openPersonal(stored), false)));
      return { items: summaries, nextCursor: encodeCursor(lastKey) };
    },

    async workQueue(caller: Caller, query: WorkQueueQuery) {
      requireWorker(caller);
      const after = resumeAfter(query.cursor, queuePageKeySchema, (key) => key.queuePk === `QUEUE#${query.status}`);
      const assigneeId =
        query.assignee === undefined ? undefined : query.assignee === 'none' ? null : query.assignee === 'me' ? caller.sub : query.assignee;
      const { items, lastKey } = await repository.listQueue(
        query.status,
        {
          ...(query.priority && { priority: query.priority }),
          ...(query.channel && { channel: query.channel }),
          ...(query.category && { category: query.category }),
          ...(assigneeId !== undefined && { assigneeId }),
        },
        { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) },
      );
      // The queue shows each complaint's subject: every one shown is a recorded staff read.
      await repository.recordStaffAccesses(
        items.filter((stored) => isStaffRead(caller, stored.state)).map((stored) => staffAccess(caller, stored.state.id, undefined, 'work-queue')),
      );
      const summaries = await Promise.all(items.map(async (stored) => summary(stored.state, await openPersonal(stored), true)));
      return { items: summaries, nextCursor: encodeCursor(lastKey) };
    },

    async claim(caller: Caller, id: string): Promise<ComplaintSummary> {
      requireWorker(caller);
      const { stored } = await mutate(caller, id, (state, actor, now) => claim(state, actor, now));
      return summary(stored.state, await openPersonal(stored), true);
    },

    async assign(caller: Caller, id: string, assigneeId: string | null): Promise<ComplaintSummary> {
      requireWorker(caller);
      const { stored } = await mutate(caller, id, (state, actor, now) => assign(state, actor, assigneeId, now));
      return summary(stored.state, await openPersonal(stored), true);
    },

    async setPriority(caller: Caller, id: string, priority: Priority): Promise<ComplaintSummary> {
      requireWorker(caller);
      const { stored } = await mutate(caller, id, (state, actor, now) => setPriority(state, actor, priority, now));
      return summary(stored.state, await openPersonal(stored), true);
    },

    async changeStatus(caller: Caller, id: string, status: Exclude<ComplaintStatus, 'received'>): Promise<ComplaintView> {
      const { stored } = await mutate(caller, id, (state, actor, now) => changeStatus(state, actor, status, now, policy));
      return view(stored.state, await openPersonal(stored), isComplaintWorker(caller));
    },

    async addMessage(caller: Caller, id: string, input: MessageRequest): Promise<MessageView> {
      const staff = isComplaintWorker(caller);
      if (!staff && (input.visibility === 'internal' || input.awaitUser)) {
        // Checked before the read so that an owner learns nothing new from the answer.
        await readable(caller, id);
        throw new ComplaintForbiddenError('Only staff can add internal notes or wait on the user.');
      }
      const messageId = newId('msg', clock.now());
      const { change } = await mutate(
        caller,
        id,
        (state, actor, now) =>
          addMessage(state, actor, { id: messageId, visibility: input.visibility, body: input.body, ...(input.awaitUser && { awaitUser: true }) }, now, policy),
      );
      const message = change.message!;
      return messageView(message, message.body, staff);
    },

    async listMessages(caller: Caller, id: string, query: { limit?: number; cursor?: string }, accessReason?: string) {
      const { page, staff } = await conversationPage(caller, id, 'MESSAGE#', query, accessReason);
      const { items, lastKey } = await repository.listMessages(id, page);
      const views = await Promise.all(items.map((m) => openMessage(m, staff)));
      return { items: views, nextCursor: encodeCursor(lastKey) };
    },

    async listHistory(caller: Caller, id: string, query: { limit?: number; cursor?: string }, accessReason?: string) {
      const { page, staff } = await conversationPage(caller, id, 'HISTORY#', query, accessReason);
      const { items, lastKey } = await repository.listHistory(id, page);
      return { items: items.map((entry) => historyView(entry, staff)), nextCursor: encodeCursor(lastKey) };
    },

    async figures(caller: Caller, query: FiguresQuery) {
      if (caller.kind !== 'person' || !hasRole(caller, ...figuresReaderRoles)) {
        throw new ComplaintForbiddenError('The figures are for staff (agent, admin, comms).');
      }
      const [periods, backlog] = await Promise.all([
        figures.range(query.granularity, query.from, query.to),
        figures.current('backlog'),
      ]);
      return figuresView(query, periods, backlog);
    },

  };
};

export type ComplaintService = ReturnType<typeof createComplaintService>;
