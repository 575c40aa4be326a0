import {
  ComplaintConflictError,
  ComplaintForbiddenError,
  activeStatuses,
  type Actor,
  type Change,
  type ComplaintState,
  type ComplaintStatus,
  type Message,
} from '#shared/customer-service/domain/complaint.ts';
import { entry, event, iso, merge, requireNotClosed, statusMove, touch } from '#shared/customer-service/domain/change.ts';
import { reopen } from '#shared/customer-service/domain/lifecycle.ts';
import { activeTime, pause, resume, startTarget, stopTargets } from '#shared/customer-service/domain/sla-clock.ts';
import { basisOf, type SlaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import { firstResponseBucket } from '#shared/figures/histogram.ts';

/**
 * The conversation on a complaint: staff replies and internal notes, the person's messages, and
 * what each does to the status and the SLA clocks (the first reply decides the 24-hour promise).
 */


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
        awaitingUser: status === 'waiting_on_user',
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
