import { describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { HOUR_MS } from '#shared/clock.ts';
import { canRead, isStaffRead } from '#shared/customer-service/domain/access.ts';
import {
  ComplaintConflictError,
  ComplaintForbiddenError,
  type Actor,
  type Change,
  type ComplaintState,
} from '#shared/customer-service/domain/complaint.ts';
import { addMessage } from '#shared/customer-service/domain/conversation.ts';
import { deadlines, nextCheckAt } from '#shared/customer-service/domain/deadlines.ts';
import { assign, changeStatus, claim, fileComplaint, setPriority } from '#shared/customer-service/domain/lifecycle.ts';
import { resolutionHoursOf } from '#shared/customer-service/domain/figures.ts';
import { sweep } from '#shared/customer-service/domain/sla-sweep.ts';
import { slaPolicy as policy, type SlaPolicy } from '#shared/customer-service/domain/sla-policy.ts';

const MINUTE_MS = 60_000;
const T0 = Date.parse('2026-03-28T22:30:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

const user: Actor = { kind: 'user', id: 'user-owner' };
const agent: Actor = { kind: 'staff', id: 'agent-1' };
const otherAgent: Actor = { kind: 'staff', id: 'agent-2' };

const file = (category: 'billing' | 'fraud' = 'billing'): ComplaintState =>
  fileComplaint({ ownerId: user.id, origin: 'account', channel: 'web', category, actor: user }, 'cmp_1', at(0), policy).state;

const reply = (state: ComplaintState, ms: number, awaitUser = false) =>
  addMessage(state, agent, { id: `msg_${ms}`, visibility: 'public', body: 'Hello', awaitUser }, at(ms), policy);

const userSays = (state: ComplaintState, ms: number) =>
  addMessage(state, user, { id: `msg_u${ms}`, visibility: 'public', body: 'More detail' }, at(ms), policy);

const actions = (change: Change | undefined) => change?.history.map((h) => h.action) ?? [];
const eventTypes = (change: Change | undefined) => change?.events.map((e) => e.type) ?? [];

describe('filing', () => {
  it('starts the 24-hour commitment, the first-response and the resolution clocks', () => {
    // Act
    const change = fileComplaint({ ownerId: 'u', origin: 'account', channel: 'app', category: 'billing', actor: user }, 'cmp_1', at(0), policy);

    // Assess
    expect(change.state).toMatchObject({ status: 'received', priority: 'normal', version: 1 });
    expect(deadlines(change.state, at(0), policy)).toEqual({
      commitment: at(24 * HOUR_MS).toISOString(),
      firstResponse: at(24 * HOUR_MS).toISOString(),
      resolution: at(5 * 24 * HOUR_MS).toISOString(),
    });
    expect(change.counters).toEqual({ received: 1, 'received#channel#app': 1, 'received#category#billing': 1 });
    expect(change.backlog).toEqual({ received: 1 });
    expect(eventTypes(change)).toEqual(['complaint.received']);
  });

  it('starts fraud and security high, with a 4-hour first response, but the same 24-hour commitment', () => {
    // Act
    const state = file('fraud');

    // Assess
    expect(state.priority).toBe('high');
    expect(deadlines(state, at(0), policy)).toMatchObject({
      firstResponse: at(4 * HOUR_MS).toISOString(),
      commitment: at(24 * HOUR_MS).toISOString(),
    });
  });

  it('puts no personal data in its event', () => {
    // Act
    const change = fileComplaint({ ownerId: 'user-sub-secret', origin: 'account', channel: 'web', category: 'other', actor: user }, 'cmp_1', at(0), policy);

    // Assess
    expect(JSON.stringify(change.events)).not.toContain('user-sub-secret');
  });
});

describe('the 24-hour commitment', () => {
  it('is breached and escalated by a sweep within 5 minutes after the deadline, exactly once', () => {
    // Prepare
    const state = file();

    // Act
    const justBefore = sweep(state, at(24 * HOUR_MS - 1), policy);
    const warned = sweep(state, at(20 * HOUR_MS), policy)!.state;
    const breach = sweep(warned, at(24 * HOUR_MS + 4 * MINUTE_MS), policy);
    const again = sweep(breach!.state, at(24 * HOUR_MS + 5 * MINUTE_MS), policy);

    // Assess
    expect(actions(justBefore)).toEqual(['sla-warning']);
    expect(actions(breach)).toEqual(['sla-breached', 'sla-breached', 'escalated']);
    expect(breach!.state.priority).toBe('high');
    expect(breach!.state.commitment).toBe('missed');
    expect(breach!.counters).toEqual({
      breaches: 2,
      'breaches#commitment': 1,
      'breaches#firstResponse': 1,
      commitmentMissed: 1,
      escalations: 1,
    });
    expect(eventTypes(breach)).toEqual(['complaint.sla-breached', 'complaint.escalated']);
    expect(again).toBeUndefined();
  });

  it('is kept by an answer at 23 h 59 min: no breach follows, and the first response is counted as met', () => {
    // Prepare
    const state = file();

    // Act
    const answered = reply(state, 23 * HOUR_MS + 59 * MINUTE_MS);
    const later = sweep(answered.state, at(25 * HOUR_MS), policy);

    // Assess
    expect(answered.state.commitment).toBe('met');
    expect(answered.counters).toMatchObject({ firstResponses: 1, commitmentMet: 1 });
    expect(answered.state.firstResponseMs).toBe(23 * HOUR_MS + 59 * MINUTE_MS);
    expect(eventTypes(answered)).toEqual(['complaint.responded']);
    expect(later).toBeUndefined();
  });

  it('counts a late first answer as missed once: not again when the sweep had already marked it', () => {
    // Prepare
    const breached = sweep(file(), at(24 * HOUR_MS + MINUTE_MS), policy)!.state;

    // Act
    const answered = reply(breached, 26 * HOUR_MS);

    // Assess
    expect(answered.counters.commitmentMissed).toBeUndefined();
    expect(answered.counters.commitmentMet).toBeUndefined();
    expect(answered.counters.firstResponses).toBe(1);
  });

  it('warns at 80% of the first-response target, once', () => {
    // Prepare
    const state = file('fraud'); // 4-hour first response: warned at 3 h 12 min

    // Act
    const early = sweep(state, at(3 * HOUR_MS + 11 * MINUTE_MS), policy);
    const warned = sweep(state, at(3 * HOUR_MS + 12 * MINUTE_MS), policy);
    const twice = sweep(warned!.state, at(3 * HOUR_MS + 13 * MINUTE_MS), policy);

    // Assess
    expect(early).toBeUndefined();
    expect(warned!.history).toEqual([
      expect.objectContaining({ action: 'sla-warning', visibility: 'staff', details: { target: 'firstResponse', dueAt: at(192 * MINUTE_MS).toISOString() } }),
    ]);
    expect(eventTypes(warned)).toEqual(['complaint.sla-warning']);
    expect(twice).toBeUndefined();
  });

  it('tells the sweep when to look next: the warning, then the deadline, then nothing', () => {
    // Prepare
    const state = file();

    // Act
    const first = nextCheckAt(state, policy);
    const afterWarning = nextCheckAt(sweep(state, at(20 * HOUR_MS), policy)!.state, policy);
    const afterAnswer = nextCheckAt(reply(state, HOUR_MS).state, policy);

    // Assess
    expect(first).toEqual(at(0.8 * 24 * HOUR_MS));
    expect(afterWarning).toEqual(at(24 * HOUR_MS));
    expect(afterAnswer).toEqual(at(HOUR_MS + 0.8 * 5 * 24 * HOUR_MS - HOUR_MS)); // the resolution warning
  });
});

describe('waiting on the user', () => {
  it('does not count: every deadline moves by the time spent waiting', () => {
    // Prepare: answered after 1 h, asking the user; the user answers 30 h later.
    const asked = reply(file(), HOUR_MS, true).state;
    const answered = userSays(asked, 31 * HOUR_MS).state;

    // Act
    const due = deadlines(answered, at(31 * HOUR_MS), policy);

    // Assess
    expect(asked.status).toBe('waiting_on_user');
    expect(answered.status).toBe('open');
    expect(due.resolution).toBe(at(5 * 24 * HOUR_MS + 30 * HOUR_MS).toISOString());
    expect(due.nextResponse).toBe(at(31 * HOUR_MS + 24 * HOUR_MS).toISOString());
  });

  it('stops the clocks: nothing falls due while waiting, however long', () => {
    // Prepare
    const asked = reply(file(), HOUR_MS, true).state;

    // Act
    const longAfter = sweep(asked, at(30 * 24 * HOUR_MS), policy);

    // Assess
    expect(longAfter).toBeUndefined();
    expect(nextCheckAt(asked, policy)).toBeUndefined();
  });

  it('breaches the resolution target at its deadline moved by the pause, not before', () => {
    // Prepare: 10 h waiting on the user.
    const resumed = userSays(reply(file(), HOUR_MS, true).state, 11 * HOUR_MS).state;
    const answered = reply(resumed, 12 * HOUR_MS).state;
    const warned = sweep(answered, at(4.5 * 24 * HOUR_MS), policy)!.state;

    // Act
    const atOriginalDeadline = sweep(warned, at(5 * 24 * HOUR_MS + MINUTE_MS), policy);
    const atMovedDeadline = sweep(warned, at(5 * 24 * HOUR_MS + 10 * HOUR_MS + MINUTE_MS), policy);

    // Assess
    expect(atOriginalDeadline).toBeUndefined();
    expect(atMovedDeadline!.counters).toMatchObject({ 'breaches#resolution': 1 });
  });

  it('cannot be used before the first answer: the user must have been asked something', () => {
    // Act
    const attempt = () => changeStatus(file(), agent, 'waiting_on_user', at(HOUR_MS), policy);

    // Assess
    expect(attempt).toThrow(ComplaintConflictError);
  });
});

describe('resolution and reopening', () => {
  const resolved = () => changeStatus(reply(file(), HOUR_MS).state, agent, 'resolved', at(2 * HOUR_MS), policy).state;

  it('counts the time from filing to resolution in the resolution-time histogram', () => {
    // Act
    const change = changeStatus(reply(file(), HOUR_MS).state, agent, 'resolved', at(26 * HOUR_MS + 5 * MINUTE_MS), policy);

    // Assess: 26 h 5 min falls in the ten-minute bucket ending at 26 h 10 min (1570 minutes)
    expect(change.counters).toMatchObject({ resolved: 1, 'resolutionTime#01570': 1 });
    expect(resolutionHoursOf(change.counters)).toEqual({ median: 1570 / 60, p90: 1570 / 60 });
  });

  it('needs a reply to the user first', () => {
    // Act
    const attempt = () => changeStatus(file(), agent, 'resolved', at(HOUR_MS), policy);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ reason: 'reply-first' }));
  });

  it('lets the user reopen within 7 days, restarting the next-response and resolution clocks', () => {
    // Act
    const reopened = changeStatus(resolved(), user, 'open', at(2 * HOUR_MS + 7 * 24 * HOUR_MS - MINUTE_MS), policy);

    // Assess
    expect(reopened.state).toMatchObject({ status: 'open', reopenedCount: 1 });
    expect(Object.keys(reopened.state.sla.running).sort()).toEqual(['nextResponse', 'resolution']);
    expect(eventTypes(reopened)).toEqual(['complaint.reopened']);
    expect(reopened.backlog).toEqual({ resolved: -1, open: 1 });
  });

  it('refuses to reopen after the window', () => {
    // Act
    const attempt = () => changeStatus(resolved(), user, 'open', at(2 * HOUR_MS + 7 * 24 * HOUR_MS), policy);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ reason: 'reopen-window-closed' }));
  });

  it('is closed by the sweep once the window has passed, exactly once', () => {
    // Act
    const early = sweep(resolved(), at(7 * 24 * HOUR_MS), policy);
    const closed = sweep(resolved(), at(2 * HOUR_MS + 7 * 24 * HOUR_MS), policy);
    const again = sweep(closed!.state, at(8 * 24 * HOUR_MS), policy);

    // Assess
    expect(early).toBeUndefined();
    expect(closed!.state.status).toBe('closed');
    expect(closed!.counters).toEqual({ closed: 1, 'closed#reopen-window-passed': 1 });
    expect(again).toBeUndefined();
  });

  it('refuses any further change once closed', () => {
    // Prepare
    const closed = sweep(resolved(), at(8 * 24 * HOUR_MS), policy)!.state;

    // Act
    const attempts = [
      () => userSays(closed, 9 * 24 * HOUR_MS),
      () => claim(closed, agent, at(9 * 24 * HOUR_MS)),
      () => changeStatus(closed, user, 'open', at(9 * 24 * HOUR_MS), policy),
    ];

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(expect.objectContaining({ reason: 'complaint-closed' }));
  });
});

describe('the work queue', () => {
  it('lets one agent claim; a second claim by another agent is refused, the same agent again is a no-op', () => {
    // Prepare
    const claimed = claim(file(), agent, at(MINUTE_MS));

    // Act
    const second = () => claim(claimed.state, otherAgent, at(2 * MINUTE_MS));
    const repeat = claim(claimed.state, agent, at(2 * MINUTE_MS));

    // Assess
    expect(claimed.state).toMatchObject({ assigneeId: 'agent-1', status: 'open' });
    expect(claimed.backlog).toEqual({ received: -1, open: 1 });
    expect(second).toThrow(expect.objectContaining({ reason: 'already-claimed' }));
    expect(repeat.history).toEqual([]);
  });

  it('lets staff reassign or unassign, recording who it was before', () => {
    // Prepare
    const claimed = claim(file(), agent, at(MINUTE_MS)).state;

    // Act
    const reassigned = assign(claimed, otherAgent, 'agent-3', at(2 * MINUTE_MS));
    const unassigned = assign(reassigned.state, otherAgent, null, at(3 * MINUTE_MS));

    // Assess
    expect(reassigned.history[0]).toMatchObject({ action: 'assigned', details: { from: 'agent-1', to: 'agent-3' } });
    expect(unassigned.state.assigneeId).toBeUndefined();
    expect(unassigned.history[0]).toMatchObject({ action: 'unassigned', details: { from: 'agent-3' } });
  });

  it('refuses to assign a complaint to the person who filed it', () => {
    // Act
    const attempt = () => assign(file(), agent, user.id, at(MINUTE_MS));

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ reason: 'assignee-is-complainant' }));
  });

  it('records a priority change for staff only', () => {
    // Act
    const change = setPriority(file(), agent, 'urgent', at(MINUTE_MS));

    // Assess
    expect(change.state.priority).toBe('urgent');
    expect(change.history).toEqual([expect.objectContaining({ action: 'priority-changed', visibility: 'staff' })]);
  });
});

describe('the conversation', () => {
  it('keeps internal notes out of the SLA and out of public history', () => {
    // Act
    const note = addMessage(file(), agent, { id: 'msg_n', visibility: 'internal', body: 'Check the ledger' }, at(HOUR_MS), policy);

    // Assess
    expect(note.state.firstRespondedAt).toBeUndefined();
    expect(note.history).toEqual([expect.objectContaining({ action: 'note-added', visibility: 'staff' })]);
    expect(note.events).toEqual([]);
  });

  it('refuses a user message on a resolved complaint, pointing to reopen', () => {
    // Prepare
    const resolved = changeStatus(reply(file(), HOUR_MS).state, agent, 'resolved', at(2 * HOUR_MS), policy).state;

    // Act
    const attempt = () => userSays(resolved, 3 * HOUR_MS);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ reason: 'complaint-resolved' }));
  });

  it('lets a user only reopen or withdraw, nothing else', () => {
    // Act
    const attempt = () => changeStatus(file(), user, 'resolved', at(HOUR_MS), policy);

    // Assess
    expect(attempt).toThrow(ComplaintForbiddenError);
  });
});

describe('canRead and isStaffRead', () => {
  const complaint = { ownerId: 'user-owner' };
  const person = (sub: string, ...roles: Caller['roles']): Caller => ({ kind: 'person', sub, roles, scopes: [] });

  it.each([
    { name: 'the owner', caller: person('user-owner', 'user'), read: true, staffRead: false },
    { name: 'another user', caller: person('user-other', 'user'), read: false, staffRead: false },
    { name: 'an agent', caller: person('agent-1', 'agent'), read: true, staffRead: true },
    { name: 'an admin', caller: person('admin-1', 'admin'), read: true, staffRead: true },
    { name: 'a moderator', caller: person('mod-1', 'moderator'), read: false, staffRead: false },
    { name: 'comms', caller: person('comms-1', 'comms'), read: false, staffRead: false },
    { name: 'security', caller: person('sec-1', 'security'), read: false, staffRead: false },
    {
      name: 'a machine client',
      caller: { kind: 'machine', sub: 'user-owner', roles: [], scopes: ['x'] } as Caller,
      read: false,
      staffRead: false,
    },
  ])('$name: read $read, recorded as a staff read $staffRead', ({ caller, read, staffRead }) => {
    // Act
    const allowed = canRead(caller, complaint);
    const recorded = isStaffRead(caller, complaint);

    // Assess
    expect(allowed).toBe(read);
    expect(recorded).toBe(staffRead);
  });
});

describe('a policy in business hours', () => {
  // Paris office hours, Monday to Friday 09:00-17:00; the 24-hour promise stays in calendar time.
  const office: SlaPolicy = {
    ...policy,
    version: 'office-hours',
    timeBasis: {
      kind: 'business',
      hours: {
        zone: 'Europe/Paris',
        week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open: '09:00', close: '17:00' }])),
      },
    },
    targets: { ...policy.targets, normal: { firstResponse: 4 * HOUR_MS, nextResponse: 8 * HOUR_MS, resolution: 16 * HOUR_MS } },
  };
  const fridayAt4pm = new Date('2026-12-04T15:00:00Z');
  const fileOnFriday = () =>
    fileComplaint({ ownerId: user.id, origin: 'account', channel: 'web', category: 'billing', actor: user }, 'cmp_2', fridayAt4pm, office).state;

  it('counts the policy targets in office hours and the promise in calendar hours', () => {
    // Act
    const due = deadlines(fileOnFriday(), fridayAt4pm, office);

    // Assess
    expect(due).toEqual({
      commitment: '2026-12-05T15:00:00.000Z', // Saturday 16:00: 24 calendar hours
      firstResponse: '2026-12-07T11:00:00.000Z', // Monday 12:00: 1 h on Friday + 3 h on Monday
      resolution: '2026-12-08T15:00:00.000Z', // Tuesday 16:00: 1 + 8 + 7 office hours
    });
  });

  it('moves the deadlines by the office hours spent waiting on the user', () => {
    // Prepare: answered Monday 10:00 asking for details; the user answers Tuesday 10:00 (8 office hours later).
    const asked = addMessage(fileOnFriday(), agent, { id: 'm1', visibility: 'public', body: 'Which order?', awaitUser: true }, new Date('2026-12-07T09:00:00Z'), office).state;
    const tuesdayAt10 = new Date('2026-12-08T09:00:00Z');
    const answered = addMessage(asked, user, { id: 'm2', visibility: 'public', body: 'Order 991' }, tuesdayAt10, office).state;

    // Act
    const due = deadlines(answered, tuesdayAt10, office);

    // Assess
    expect(due).toEqual({
      resolution: '2026-12-09T15:00:00.000Z', // Wednesday 16:00: the Tuesday deadline plus 8 office hours
      nextResponse: '2026-12-09T09:00:00.000Z', // Wednesday 10:00: 7 h on Tuesday + 1 h on Wednesday
    });
  });

  it('breaches the promise over the weekend without breaching the office-hours first response', () => {
    // Act
    const saturday = sweep(fileOnFriday(), new Date('2026-12-05T15:01:00Z'), office);

    // Assess
    expect(saturday!.history.filter((h) => h.action === 'sla-breached').map((h) => h.details.target)).toEqual(['commitment']);
  });
});
