import { hasRole, type Caller } from '#shared/auth/caller.ts';
import {
  basisOf,
  escalated,
  initialPriority,
  type Priority,
  type SlaPolicy,
  type SlaTarget,
} from '#shared/complaints/policy.ts';
import type { categories, channels, statuses } from '#shared/complaints/schemas.ts';
import {
  activeTime,
  deadlineOf,
  dueCheckpoints,
  newSla,
  nextCheckpointAt,
  pause,
  resume,
  startTarget,
  stopTargets,
  type SlaState,
} from '#shared/complaints/sla.ts';
import { firstResponseBucket } from '#shared/figures/histogram.ts';

/**
 * The complaint lifecycle as pure functions: each command takes the current state and returns
 * the whole change it makes (the new state, history entries, domain events, figure counters),
 * which the repository writes in one transaction. Nothing here reads a clock or a database.
 */

export type Channel = (typeof channels)[number];
export type Category = (typeof categories)[number];
export type ComplaintStatus = (typeof statuses)[number];

/** Statuses in which the complaint still needs work; SLA clocks only run in these. */
export const activeStatuses: readonly ComplaintStatus[] = ['received', 'open', 'waiting_on_user'];

/** The fields that identify or describe a person; they never leave the domain unencrypted. */
export interface ComplaintPersonalData {
  subject: string;
  description: string;
  contact?: { email?: string; phone?: string };
  relatedContentUrl?: string;
  /** Who filed through an integration: a social handle, an email address, a phone number. */
  externalRef?: string;
}

/** Everything about a complaint that is not personal data. */
export interface ComplaintState {
  id: string;
  /** The account's subject, or a keyed pseudonym of the external reference for integrations. */
  ownerId: string;
  origin: 'account' | 'integration';
  channel: Channel;
  category: Category;
  priority: Priority;
  status: ComplaintStatus;
  createdAt: string;
  updatedAt: string;
  /** Optimistic lock: every write expects the version it read. */
  version: number;
  assigneeId?: string;
  firstRespondedAt?: string;
  /** Active time (waiting on the user excluded) from filing to the first public staff reply. */
  firstResponseMs?: number;
  /** Whether the 24-hour promise was kept; decided once, by the reply or by the sweep. */
  commitment?: 'met' | 'missed';
  resolvedAt?: string;
  closedAt?: string;
  reopenedCount: number;
  sla: SlaState;
}

export type ActorKind = 'user' | 'staff' | 'integration' | 'system';
export interface Actor {
  kind: ActorKind;
  id: string;
}
export const systemActor: Actor = { kind: 'system', id: 'sla-sweep' };

export type Visibility = 'public' | 'staff';
export type DetailValue = string | number | boolean;

/** One line of the append-only audit trail: who did what, when; `public` lines are shown to the user. */
export interface HistoryEntry {
  at: string;
  actor: Actor;
  action: string;
  visibility: Visibility;
  details: Record<string, DetailValue>;
}

export interface Message {
  id: string;
  author: Actor;
  /** `public`: a reply the user sees; `internal`: a note for staff only. */
  visibility: 'public' | 'internal';
  createdAt: string;
  body: string;
}

export const complaintEventTypes = [
  'complaint.received',
  'complaint.responded',
  'complaint.sla-warning',
  'complaint.sla-breached',
  'complaint.escalated',
  'complaint.resolved',
  'complaint.reopened',
  'complaint.closed',
] as const;
export type ComplaintEventType = (typeof complaintEventTypes)[number];

/** A domain event: identifiers, classifications and times only, never personal data. */
export interface DomainEvent {
  type: ComplaintEventType;
  at: string;
  detail: Record<string, DetailValue | string[]>;
}

export interface Change {
  state: ComplaintState;
  history: HistoryEntry[];
  events: DomainEvent[];
  /** Counters to add to the figures of the period containing `state.updatedAt`. */
  counters: Record<string, number>;
  /** Changes to the current backlog by status. */
  backlog: Partial<Record<ComplaintStatus, number>>;
  message?: Message;
}

/** A command the complaint's state does not allow (answered 409, with the reason). */
export class ComplaintConflictError extends Error {
  override name = 'ComplaintConflictError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** A command the caller may not give on this complaint (answered 403). */
export class ComplaintForbiddenError extends Error {
  override name = 'ComplaintForbiddenError';
}

/* ----------------------------------------------------------------------------- authorisation */

/** Staff who work complaints. Other staff roles (moderators, security, comms) do not see them. */
export const complaintWorkerRoles = ['agent', 'admin'] as const;
/** Who may read the customer-service figures. */
export const figuresReaderRoles = ['agent', 'admin', 'comms'] as const;

export const isComplaintWorker = (caller: Caller): boolean =>
  caller.kind === 'person' && hasRole(caller, ...complaintWorkerRoles);

/** Object-level authorisation: the owner, or staff who work complaints. Everyone else sees nothing. */
export const canRead = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>): boolean =>
  caller.kind === 'person' && (complaint.ownerId === caller.sub || isComplaintWorker(caller));

/** A read of someone else's complaint by staff is recorded (who, what, why, when). */
export const isStaffRead = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>): boolean =>
  complaint.ownerId !== caller.sub && isComplaintWorker(caller);

/** The acting party: staff act as staff even on their own complaint only when they work it. */
export const actorFor = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>): Actor =>
  complaint.ownerId === caller.sub && !isComplaintWorker(caller)
    ? { kind: 'user', id: caller.sub }
    : { kind: 'staff', id: caller.sub };

/* ---------------------------------------------------------------------------------- helpers */

const iso = (at: Date) => at.toISOString();

const statusMove = (from: ComplaintStatus, to: ComplaintStatus): Change['backlog'] =>
  from === to ? {} : { [from]: -1, [to]: 1 };

const entry = (
  at: Date,
  actor: Actor,
  action: string,
  visibility: Visibility,
  details: Record<string, DetailValue> = {},
): HistoryEntry => ({ at: iso(at), actor, action, visibility, details });

const event = (type: ComplaintEventType, at: Date, state: ComplaintState, detail: DomainEvent['detail'] = {}): DomainEvent => ({
  type,
  at: iso(at),
  detail: { complaintId: state.id, channel: state.channel, category: state.category, priority: state.priority, ...detail },
});

const merge = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

const touch = (state: ComplaintState, now: Date, patch: Partial<ComplaintState>): ComplaintState => ({
  ...state,
  ...patch,
  updatedAt: iso(now),
  version: state.version + 1,
});

const noChange = (state: ComplaintState, now: Date): Change => ({
  state: touch(state, now, {}),
  history: [],
  events: [],
  counters: {},
  backlog: {},
});

const requireNotClosed = (state: ComplaintState) => {
  if (state.status === 'closed') {
    throw new ComplaintConflictError('complaint-closed', 'The complaint is closed; file a new complaint.');
  }
};

/** When the resolved complaint closes for good unless the user reopens it. */
export const autoCloseAt = (state: ComplaintState, policy: SlaPolicy): Date | undefined =>
  state.status === 'resolved' && state.resolvedAt ? new Date(Date.parse(state.resolvedAt) + policy.reopenWindowMs) : undefined;

/** When the sweep must next look at this complaint, if ever. */
export const nextCheckAt = (state: ComplaintState, policy: SlaPolicy): Date | undefined => {
  if (state.status === 'resolved') return autoCloseAt(state, policy);
  if (!activeStatuses.includes(state.status)) return undefined;
  return nextCheckpointAt(state.sla, policy.warnAtFraction, basisOf(policy));
};

/** Public deadlines, as shown to the user and to staff (while paused, as if resumed now). */
export const deadlines = (state: ComplaintState, now: Date, policy: SlaPolicy): Partial<Record<SlaTarget, string>> =>
  Object.fromEntries(
    Object.entries(state.sla.running).map(([name, target]) => [
      name,
      iso(deadlineOf(state.sla, target, basisOf(policy)(target), now)!),
    ]),
  );

/* --------------------------------------------------------------------------------- commands */

export interface Filing {
  ownerId: string;
  origin: ComplaintState['origin'];
  channel: Channel;
  category: Category;
  actor: Actor;
}

export const fileComplaint = (filing: Filing, id: string, now: Date, policy: SlaPolicy): Change => {
  const priority = initialPriority(filing.category);
  const targets = policy.targets[priority];
  let sla = newSla(policy.version);
  sla = startTarget(sla, 'commitment', policy.commitmentMs, 'calendar', now);
  sla = startTarget(sla, 'firstResponse', targets.firstResponse, 'policy', now);
  sla = startTarget(sla, 'resolution', targets.resolution, 'policy', now);
  const state: ComplaintState = {
    id,
    ownerId: filing.ownerId,
    origin: filing.origin,
    channel: filing.channel,
    category: filing.category,
    priority,
    status: 'received',
    createdAt: iso(now),
    updatedAt: iso(now),
    version: 1,
    reopenedCount: 0,
    sla,
  };
  return {
    state,
    history: [entry(now, filing.actor, 'filed', 'public', { channel: filing.channel, category: filing.category, priority })],
    events: [event('complaint.received', now, state, { firstResponseDueAt: deadlines(state, now, policy).firstResponse ?? '' })],
    counters: { received: 1, [`received#channel#${filing.channel}`]: 1, [`received#category#${filing.category}`]: 1 },
    backlog: { received: 1 },
  };
};

/** An agent takes the complaint. Taking one someone else holds is refused: reassign instead. */
export const claim = (state: ComplaintState, agent: Actor, now: Date): Change => {
  requireNotClosed(state);
  if (state.assigneeId === agent.id) return noChange(state, now);
  if (state.assigneeId) {
    throw new ComplaintConflictError('already-claimed', 'Another agent has claimed this complaint; ask them or reassign it.');
  }
  return assign(state, agent, agent.id, now, 'claimed');
};

export const assign = (
  state: ComplaintState,
  staff: Actor,
  assigneeId: string | null,
  now: Date,
  action: 'claimed' | 'assigned' = 'assigned',
): Change => {
  requireNotClosed(state);
  if ((state.assigneeId ?? null) === assigneeId) return noChange(state, now);
  // Staff ids are not checked against the directory here; the complainant, though, is never one.
  if (assigneeId === state.ownerId) {
    throw new ComplaintConflictError('assignee-is-complainant', 'A complaint cannot be assigned to the person who filed it.');
  }
  const status = assigneeId && state.status === 'received' ? 'open' : state.status;
  const { assigneeId: _previous, ...unassigned } = state;
  const next = touch(assigneeId ? { ...state, assigneeId } : unassigned, now, { status });
  const history = [
    entry(now, staff, assigneeId ? action : 'unassigned', 'staff', {
      ...(state.assigneeId && { from: state.assigneeId }),
      ...(assigneeId && { to: assigneeId }),
    }),
  ];
  if (status !== state.status) history.push(entry(now, staff, 'status-changed', 'public', { from: state.status, to: status }));
  return { state: next, history, events: [], counters: {}, backlog: statusMove(state.status, status) };
};

export const setPriority = (state: ComplaintState, staff: Actor, priority: Priority, now: Date): Change => {
  requireNotClosed(state);
  if (state.priority === priority) return noChange(state, now);
  return {
    state: touch(state, now, { priority }),
    history: [entry(now, staff, 'priority-changed', 'staff', { from: state.priority, to: priority })],
    events: [],
    counters: {},
    backlog: {},
  };
};

/** The first public staff reply decides the 24-hour promise and stops the first-response clocks. */
const firstResponse = (state: ComplaintState, now: Date, policy: SlaPolicy) => {
  // The promise is measured on its own calendar clock, which runs until this first reply.
  const clock = state.sla.running.commitment;
  const elapsed = clock ? activeTime(state.sla, clock, basisOf(policy)(clock), now) : now.getTime() - Date.parse(state.createdAt);
  const decided = state.commitment === undefined;
  const met = elapsed <= policy.commitmentMs;
  const counters: Record<string, number> = {
    firstResponses: 1,
    [`firstResponseTime#${firstResponseBucket(elapsed)}`]: 1,
    ...(decided && { [met ? 'commitmentMet' : 'commitmentMissed']: 1 }),
  };
  const patch: Partial<ComplaintState> = {
    firstRespondedAt: iso(now),
    firstResponseMs: elapsed,
    ...(decided && { commitment: met ? 'met' : 'missed' }),
  };
  return { elapsed, counters, patch, withinCommitment: met };
};

export interface NewMessage {
  id: string;
  visibility: 'public' | 'internal';
  body: string;
  /** A staff reply that asks the user for something: the complaint then waits on the user. */
  awaitUser?: boolean;
}

export const addMessage = (
  state: ComplaintState,
  author: Actor,
  input: NewMessage,
  now: Date,
  policy: SlaPolicy,
): Change => {
  requireNotClosed(state);
  const message: Message = { id: input.id, author, visibility: input.visibility, createdAt: iso(now), body: input.body };
  if (author.kind === 'user') return userMessage(state, author, message, now, policy);
  if (input.visibility === 'internal') {
    if (input.awaitUser) throw new ComplaintConflictError('invalid-request', 'An internal note cannot wait on the user.');
    return {
      state: touch(state, now, {}),
      history: [entry(now, author, 'note-added', 'staff', { messageId: message.id })],
      events: [],
      counters: {},
      backlog: {},
      message,
    };
  }
  return staffReply(state, author, message, now, policy, input.awaitUser === true);
};

/**
 * The person's answer received on their channel (email, social, phone). They have no other way
 * to reopen a resolved complaint, so within the reopen window their answer reopens it, in the
 * same change; after it, the answer is refused like any reopening (`reopen-window-closed`).
 */
export const addChannelAnswer = (state: ComplaintState, person: Actor, input: NewMessage, now: Date, policy: SlaPolicy): Change => {
  if (state.status !== 'resolved') return addMessage(state, person, input, now, policy);
  const reopened = reopen(state, person, now, policy);
  const answered = addMessage({ ...reopened.state, version: state.version }, person, input, now, policy);
  return {
    ...answered,
    history: [...reopened.history, ...answered.history],
    events: [...reopened.events, ...answered.events],
    counters: merge(reopened.counters, answered.counters),
    backlog: merge(reopened.backlog, answered.backlog),
  };
};

const staffReply = (
  state: ComplaintState,
  staff: Actor,
  message: Message,
  now: Date,
  policy: SlaPolicy,
  awaitUser: boolean,
): Change => {
  const isFirst = state.firstRespondedAt === undefined;
  const first = isFirst ? firstResponse(state, now, policy) : undefined;
  let sla = stopTargets(state.sla, 'commitment', 'firstResponse', 'nextResponse');
  let status: ComplaintStatus = state.status === 'received' ? 'open' : state.status;
  if (awaitUser && activeStatuses.includes(status)) {
    status = 'waiting_on_user';
    sla = pause(sla, now);
  }
  const next = touch(state, now, { ...first?.patch, sla, status });
  const history = [entry(now, staff, 'replied', 'public', { messageId: message.id, first: isFirst })];
  if (status !== state.status) history.push(entry(now, staff, 'status-changed', 'public', { from: state.status, to: status }));
  return {
    state: next,
    history,
    events: [
      event('complaint.responded', now, next, {
        first: isFirst,
        ...(first && { firstResponseMs: first.elapsed, withinCommitment: first.withinCommitment }),
      }),
    ],
    counters: first?.counters ?? { replies: 1 },
    backlog: statusMove(state.status, status),
    message,
  };
};

const userMessage = (state: ComplaintState, user: Actor, message: Message, now: Date, policy: SlaPolicy): Change => {
  if (state.status === 'resolved') {
    throw new ComplaintConflictError('complaint-resolved', 'The complaint is resolved; reopen it to add to it.');
  }
  if (message.visibility !== 'public') throw new ComplaintForbiddenError('Only staff can add internal notes.');
  let sla = resume(state.sla, now);
  const status: ComplaintStatus = state.status === 'waiting_on_user' ? 'open' : state.status;
  // After the first response, each user message starts the next-response clock (if not running).
  if (state.firstRespondedAt && !sla.running.nextResponse) {
    sla = startTarget(sla, 'nextResponse', policy.targets[state.priority].nextResponse, 'policy', now);
  }
  const history = [entry(now, user, 'user-replied', 'public', { messageId: message.id })];
  if (status !== state.status) history.push(entry(now, user, 'status-changed', 'public', { from: state.status, to: status }));
  return {
    state: touch(state, now, { sla, status }),
    history,
    events: [],
    counters: { userMessages: 1 },
    backlog: statusMove(state.status, status),
    message,
  };
};

/** Which status changes each party may ask for. */
export const changeStatus = (
  state: ComplaintState,
  actor: Actor,
  to: ComplaintStatus,
  now: Date,
  policy: SlaPolicy,
): Change => {
  requireNotClosed(state);
  if (state.status === to) return noChange(state, now);
  if (actor.kind === 'user') {
    if (to === 'open' && state.status === 'resolved') return reopen(state, actor, now, policy);
    if (to === 'closed') return close(state, actor, now, 'withdrawn');
    throw new ComplaintForbiddenError(`A user may reopen a resolved complaint or close their own, not set it to ${to}.`);
  }
  switch (to) {
    case 'waiting_on_user':
      if (!state.firstRespondedAt) {
        throw new ComplaintConflictError('reply-first', 'Reply to the user first, saying what you need from them.');
      }
      return statusOnly(state, actor, to, now, pause(state.sla, now));
    case 'open':
      if (state.status === 'resolved') return reopen(state, actor, now, policy);
      return statusOnly(state, actor, to, now, resume(state.sla, now));
    case 'resolved':
      return resolve(state, actor, now, policy);
    case 'closed':
      if (state.status !== 'resolved') {
        throw new ComplaintConflictError('resolve-first', 'Resolve the complaint before closing it.');
      }
      return close(state, actor, now, 'closed-by-staff');
    case 'received':
      throw new ComplaintConflictError('invalid-transition', 'A complaint cannot go back to received.');
  }
};

const statusOnly = (state: ComplaintState, actor: Actor, to: ComplaintStatus, now: Date, sla: SlaState): Change => ({
  state: touch(state, now, { status: to, sla }),
  history: [entry(now, actor, 'status-changed', 'public', { from: state.status, to })],
  events: [],
  counters: {},
  backlog: statusMove(state.status, to),
});

const resolve = (state: ComplaintState, staff: Actor, now: Date, policy: SlaPolicy): Change => {
  if (!state.firstRespondedAt) {
    throw new ComplaintConflictError('reply-first', 'Reply to the user before resolving: they must learn the outcome.');
  }
  const sla = resume(state.sla, now);
  const resolution = sla.running.resolution;
  const late =
    resolution !== undefined &&
    (resolution.breachedAt !== undefined || now > deadlineOf(sla, resolution, basisOf(policy)(resolution))!);
  const next = touch(state, now, { status: 'resolved', resolvedAt: iso(now), sla: { ...sla, running: {} } });
  return {
    state: next,
    history: [entry(now, staff, 'resolved', 'public', { from: state.status, withinResolutionTarget: !late })],
    events: [event('complaint.resolved', now, next, { withinResolutionTarget: !late, reopenedCount: state.reopenedCount })],
    counters: { resolved: 1, ...(late && { resolvedLate: 1 }) },
    backlog: statusMove(state.status, 'resolved'),
  };
};

const reopen = (state: ComplaintState, actor: Actor, now: Date, policy: SlaPolicy): Change => {
  const closesAt = autoCloseAt(state, policy);
  if (!closesAt || now >= closesAt) {
    throw new ComplaintConflictError(
      'reopen-window-closed',
      `A resolved complaint can be reopened within ${policy.reopenWindowMs / 3_600_000} hours; file a new complaint.`,
    );
  }
  const targets = policy.targets[state.priority];
  let sla: SlaState = { ...state.sla, running: {} };
  sla = startTarget(sla, 'nextResponse', targets.nextResponse, 'policy', now);
  sla = startTarget(sla, 'resolution', targets.resolution, 'policy', now);
  const { resolvedAt: _resolvedAt, ...rest } = state;
  const next = touch(rest, now, { status: 'open', sla, reopenedCount: state.reopenedCount + 1 });
  return {
    state: next,
    history: [entry(now, actor, 'reopened', 'public', { from: 'resolved', to: 'open' })],
    events: [event('complaint.reopened', now, next)],
    counters: { reopened: 1 },
    backlog: statusMove(state.status, 'open'),
  };
};

const close = (state: ComplaintState, actor: Actor, now: Date, reason: string): Change => {
  const sla = resume(state.sla, now);
  const next = touch(state, now, { status: 'closed', closedAt: iso(now), sla: { ...sla, running: {} } });
  return {
    state: next,
    history: [entry(now, actor, 'closed', 'public', { from: state.status, reason })],
    events: [event('complaint.closed', now, next, { reason })],
    counters: { closed: 1, [`closed#${reason}`]: 1 },
    backlog: statusMove(state.status, 'closed'),
  };
};

/**
 * What the scheduled sweep does to one complaint at `now`: close it after the reopen window,
 * or raise the warnings and breaches that fell due. A breach escalates the priority once per
 * sweep, whatever the number of targets it breached. Returns undefined when nothing is due, so
 * that a second run at the same time changes nothing.
 */
export const sweep = (state: ComplaintState, now: Date, policy: SlaPolicy): Change | undefined => {
  const closesAt = autoCloseAt(state, policy);
  if (closesAt) return now >= closesAt ? close(state, systemActor, now, 'reopen-window-passed') : undefined;
  if (!activeStatuses.includes(state.status)) return undefined;

  const due = dueCheckpoints(state.sla, now, policy.warnAtFraction, basisOf(policy));
  if (due.length === 0) return undefined;

  const running = { ...state.sla.running };
  const history: HistoryEntry[] = [];
  const events: DomainEvent[] = [];
  let counters: Record<string, number> = {};
  const breached: SlaTarget[] = [];
  let commitment = state.commitment;
  for (const checkpoint of due) {
    const target = running[checkpoint.target]!;
    const details = { target: checkpoint.target, dueAt: iso(checkpoint.dueAt) };
    if (checkpoint.kind === 'warning') {
      running[checkpoint.target] = { ...target, warned: true };
      history.push(entry(now, systemActor, 'sla-warning', 'staff', details));
      events.push(event('complaint.sla-warning', now, state, details));
      counters = merge(counters, { [`warnings#${checkpoint.target}`]: 1 });
    } else {
      running[checkpoint.target] = { ...target, warned: true, breachedAt: iso(now) };
      breached.push(checkpoint.target);
      history.push(entry(now, systemActor, 'sla-breached', 'staff', details));
      counters = merge(counters, { breaches: 1, [`breaches#${checkpoint.target}`]: 1 });
      if (checkpoint.target === 'commitment' && commitment === undefined) {
        commitment = 'missed';
        counters = merge(counters, { commitmentMissed: 1 });
      }
    }
  }
  let priority = state.priority;
  if (breached.length > 0) {
    events.push(event('complaint.sla-breached', now, state, { targets: breached }));
    priority = escalated(state.priority);
    history.push(entry(now, systemActor, 'escalated', 'staff', { from: state.priority, to: priority, reason: 'sla-breach' }));
    counters = merge(counters, { escalations: 1 });
  }
  const next = touch(state, now, { sla: { ...state.sla, running }, priority, ...(commitment && { commitment }) });
  if (breached.length > 0) {
    events.push(event('complaint.escalated', now, next, { from: state.priority, to: priority, targets: breached }));
  }
  return { state: next, history, events, counters, backlog: {} };
};
