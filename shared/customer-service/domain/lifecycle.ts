import {
  ComplaintConflictError,
  ComplaintForbiddenError,
  type Actor,
  type Category,
  type Change,
  type Channel,
  type ComplaintState,
  type ComplaintStatus,
} from '#shared/customer-service/domain/complaint.ts';
import { entry, event, iso, noChange, requireNotClosed, statusMove, touch } from '#shared/customer-service/domain/change.ts';
import { autoCloseAt, deadlines } from '#shared/customer-service/domain/deadlines.ts';
import { RESOLUTION_TIME_HISTOGRAM } from '#shared/customer-service/domain/figures.ts';
import { firstResponseBucket } from '#shared/figures/histogram.ts';
import { deadlineOf, newSla, pause, resume, startTarget, type SlaState } from '#shared/customer-service/domain/sla-clock.ts';
import { basisOf, initialPriority, type Priority, type SlaPolicy } from '#shared/customer-service/domain/sla-policy.ts';

/**
 * The complaint's lifecycle as pure functions: filing, claiming, assigning, priority and status
 * changes. Each takes the current state and returns the whole change it makes. Nothing here
 * reads a clock or a database.
 */

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
    events: [
      event('complaint.resolved', now, next, {
        withinResolutionTarget: !late,
        reopenedCount: state.reopenedCount,
        reopenUntil: iso(new Date(now.getTime() + policy.reopenWindowMs)),
      }),
    ],
    counters: {
      resolved: 1,
      ...(late && { resolvedLate: 1 }),
      [`${RESOLUTION_TIME_HISTOGRAM}${firstResponseBucket(now.getTime() - Date.parse(state.createdAt))}`]: 1,
    },
    backlog: statusMove(state.status, 'resolved'),
  };
};

export const reopen = (state: ComplaintState, actor: Actor, now: Date, policy: SlaPolicy): Change => {
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

export const close = (state: ComplaintState, actor: Actor, now: Date, reason: string): Change => {
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
