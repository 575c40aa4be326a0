import { randomUUID } from 'node:crypto';
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import { OUTBOX_SHARDS } from '#shared/events/outbox.ts';
import { createAccessLogHarness } from '../support/access-log-harness.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { invokeApi } from '../support/events.ts';

const MINUTE_MS = 60_000;

const body = {
  channel: 'web',
  category: 'billing',
  subject: 'Refund never arrived',
  description: 'I returned the parcel three weeks ago and the refund never arrived.',
};

const person = (name: string, role: 'user' | 'agent' | 'admin' | 'comms' = 'user') => ({ sub: `${name}-${randomUUID()}`, role });
/** Staff say why they read a person's complaint (recorded in the access log; a person's own reads need none). */
const staffReason = { 'x-access-reason': 'working the complaint' };
const social = { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] };

/** A harness on its own tables and clock, with helpers that read like the steps of a case. */
const setUp = async (start = '2026-11-02T09:00:00.000Z') => {
  const clock = fixedClock(start);
  const h = await createCustomerServiceHarness({ clock });
  const user = person('ada');
  const agent = person('agent', 'agent');
  const file = async (caller = user, overrides: Record<string, unknown> = {}) => {
    const filed = await h.invoke({ routeKey: 'POST /v1/complaints', caller, body: { ...body, ...overrides } });
    expect(filed.status).toBe(201);
    return filed.body!.id as string;
  };
  const on = (id: string) => ({ id });
  const say = (caller: { sub: string; role?: string }, id: string, message: Record<string, unknown>) =>
    h.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: caller as never, pathParameters: on(id), body: message });
  const setStatus = (caller: { sub: string; role?: string }, id: string, status: string) =>
    h.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller: caller as never, pathParameters: on(id), body: { status } });
  const read = (caller: { sub: string; role?: string }, id: string) =>
    h.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: caller as never, pathParameters: on(id), headers: staffReason });
  const history = async (caller: { sub: string; role?: string }, id: string) =>
    (await h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: caller as never, pathParameters: on(id), query: { limit: '100' }, headers: staffReason }))
      .body!.items as Array<{ action: string; actor: { kind: string; id?: string }; visibility: string; details: Record<string, unknown> }>;
  const figures = async (query: Record<string, string> = { granularity: 'day' }) =>
    (await h.invoke({ routeKey: 'GET /v1/figures/customer-service', caller: agent, query })).body!;
  return { h, clock, user, agent, file, say, setStatus, read, history, figures };
};

describe('the complaint lifecycle through the complaints handler', () => {
  it('runs from filing to reopening, with a public history for the user and a full one for staff', async () => {
    // Prepare
    const { h, clock, user, agent, file, say, setStatus, read, history } = await setUp();
    const id = await file();

    // Act
    clock.advance(10 * MINUTE_MS);
    const claimed = await h.invoke({ routeKey: 'POST /v1/complaints/{id}/claim', caller: agent, pathParameters: { id } });
    const note = await say(agent, id, { visibility: 'internal', body: 'Refund stuck at the payment provider' });
    clock.advance(20 * MINUTE_MS);
    const asked = await say(agent, id, { body: 'Which card did you pay with?', awaitUser: true });
    clock.advance(5 * HOUR_MS);
    const answered = await say(user, id, { body: 'The Visa ending 4242' });
    clock.advance(HOUR_MS);
    await say(agent, id, { body: 'Refunded today; it reaches you within 3 days.' });
    const resolved = await setStatus(agent, id, 'resolved');
    clock.advance(24 * HOUR_MS);
    const reopened = await setStatus(user, id, 'open');

    // Assess
    expect(claimed.body).toMatchObject({ status: 'open', assigneeId: agent.sub });
    expect(note.status).toBe(201);
    expect(asked.body).toMatchObject({ visibility: 'public', author: { kind: 'staff', id: agent.sub } });
    expect(answered.status).toBe(201);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-02T15:30:00.000Z' });
    expect(reopened.body).toMatchObject({ status: 'open' });

    const staffView = (await read(agent, id)).body!;
    expect(staffView).toMatchObject({ commitment: 'met', firstResponseMinutes: 30, origin: 'account' });
    const userView = (await read(user, id)).body!;
    expect(userView.commitment).toBeUndefined();
    expect(userView.assigneeId).toBeUndefined();

    const forStaff = await history(agent, id);
    const forUser = await history(user, id);
    expect(forStaff.map((e) => e.action)).toEqual([
      'filed',
      'claimed',
      'status-changed',
      'note-added',
      'replied',
      'status-changed',
      'user-replied',
      'status-changed',
      'replied',
      'resolved',
      'reopened',
    ]);
    expect(forUser.map((e) => e.action)).toEqual(forStaff.filter((e) => e.visibility === 'public').map((e) => e.action));
    expect(forUser.every((e) => e.actor.kind === 'user' || e.actor.id === undefined)).toBe(true);

    const userMessages = await h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: user, pathParameters: { id } });
    const staffMessages = await h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: agent, headers: staffReason, pathParameters: { id } });
    expect(userMessages.body!.items.map((m: { body: string }) => m.body)).toEqual([
      'Which card did you pay with?',
      'The Visa ending 4242',
      'Refunded today; it reaches you within 3 days.',
    ]);
    expect(staffMessages.body!.items).toHaveLength(4);
  });

  it('publishes received, responded, resolved and reopened events with no personal data', async () => {
    // Prepare
    const { clock, user, agent, file, say, setStatus, h } = await setUp();
    const id = await file(user, { subject: 'Marker subject 7f3a', description: 'Marker description 7f3a' });

    // Act
    clock.advance(HOUR_MS);
    await say(agent, id, { body: 'Marker reply 7f3a' });
    await setStatus(agent, id, 'resolved');
    await setStatus(user, id, 'open');

    // Assess
    const events = h.eventsAbout(id);
    expect(events.map((e) => e['detail-type'])).toEqual([
      'complaint.received',
      'complaint.responded',
      'complaint.resolved',
      'complaint.reopened',
    ]);
    expect(events.every((e) => e.source === 'user-protection.customer-service')).toBe(true);
    expect(events[1]!.detail).toMatchObject({ complaintId: id, first: true, withinCommitment: true, firstResponseMs: HOUR_MS });
    const serialised = JSON.stringify(events);
    expect(serialised).not.toContain('7f3a');
    expect(serialised).not.toContain(user.sub);
  });

  it('refuses reopening after the 7-day window with 409, and the sweep then closes it', async () => {
    // Prepare
    const { clock, user, agent, file, say, setStatus, read, h } = await setUp();
    const id = await file();
    await say(agent, id, { body: 'Done.' });
    await setStatus(agent, id, 'resolved');

    // Act
    clock.advance(7 * 24 * HOUR_MS);
    const late = await setStatus(user, id, 'open');
    const report = await h.sweep();

    // Assess
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: 'urn:user-protection:problem:reopen-window-closed' });
    expect(report).toMatchObject({ due: 1, changed: 1, closed: 1 });
    expect((await read(user, id)).body).toMatchObject({ status: 'closed' });
  });
});

describe('the SLA sweep on the due-time index', () => {
  it('breaches and escalates an unanswered complaint within 5 minutes after 24 hours, exactly once', async () => {
    // Prepare
    const { h, clock, agent, file, history, figures } = await setUp('2026-11-03T08:00:00.000Z');
    const id = await file();

    // Act
    clock.advance(24 * HOUR_MS - MINUTE_MS);
    const before = await h.sweep();
    clock.advance(5 * MINUTE_MS);
    const at = await h.sweep();
    const again = await h.sweep();
    clock.advance(MINUTE_MS);
    const later = await h.sweep();

    // Assess
    expect(before).toMatchObject({ warnings: 1, breaches: 0 });
    expect(at).toMatchObject({ due: 1, breaches: 2, escalations: 1 });
    expect(again).toMatchObject({ due: 0, changed: 0 });
    expect(later).toMatchObject({ due: 0, changed: 0 });
    const staffHistory = await history(agent, id);
    expect(staffHistory.filter((e) => e.action === 'sla-breached').map((e) => e.details.target).sort()).toEqual([
      'commitment',
      'firstResponse',
    ]);
    expect(staffHistory.filter((e) => e.action === 'escalated')).toEqual([
      expect.objectContaining({ details: { from: 'normal', to: 'high', reason: 'sla-breach' } }),
    ]);
    expect(h.eventsAbout(id).map((e) => e['detail-type'])).toEqual([
      'complaint.received',
      'complaint.sla-warning',
      'complaint.sla-breached',
      'complaint.escalated',
    ]);
    const day = (await figures({ granularity: 'day', from: '2026-11-04' })).periods[0];
    expect(day).toMatchObject({ breaches: { total: 2, commitment: 1, firstResponse: 1 }, escalations: 1, answeredWithin24Hours: { met: 0, missed: 1 } });
  });

  it('keeps a complaint answered at 23 h 59 min within the commitment', async () => {
    // Prepare
    const { h, clock, agent, file, say, read, figures } = await setUp('2026-11-05T08:00:00.000Z');
    const id = await file();

    // Act
    clock.advance(23 * HOUR_MS + 59 * MINUTE_MS);
    await say(agent, id, { body: 'Looking into it now.' });
    clock.advance(10 * MINUTE_MS);
    const report = await h.sweep();

    // Assess
    expect(report.breaches).toBe(0);
    expect((await read(agent, id)).body).toMatchObject({ commitment: 'met', firstResponseMinutes: 1439, priority: 'normal' });
    const month = (await figures({ granularity: 'month', from: '2026-11' })).periods[0];
    expect(month).toMatchObject({ firstResponses: 1, answeredWithin24Hours: { met: 1, missed: 0, share: 1 }, breaches: { total: 0 } });
    expect(month.firstResponseMinutes.median).toBe(1440);
  });

  it('does not count time spent waiting on the user', async () => {
    // Prepare: answered after an hour asking for details; the user answers three days later.
    const { h, clock, user, agent, file, say, read } = await setUp('2026-11-06T08:00:00.000Z');
    const id = await file();
    clock.advance(HOUR_MS);
    await say(agent, id, { body: 'Please send the order number.', awaitUser: true });
    clock.advance(3 * 24 * HOUR_MS);
    const whileWaiting = await h.sweep();
    await say(user, id, { body: 'Order 991' });

    // Act
    clock.advance(24 * HOUR_MS - MINUTE_MS);
    const justBeforeNextResponse = await h.sweep();
    clock.advance(2 * MINUTE_MS);
    const afterNextResponse = await h.sweep();

    // Assess
    expect(whileWaiting.due).toBe(0);
    expect(justBeforeNextResponse.breaches).toBe(0);
    expect(afterNextResponse.breaches).toBe(1);
    const view = (await read(agent, id)).body!;
    expect(view.deadlines.resolution).toBe(new Date(Date.parse('2026-11-06T08:00:00.000Z') + 8 * 24 * HOUR_MS).toISOString());
  });
});

describe('concurrency', () => {
  it('lets exactly one of two agents claiming at once win; the other gets 409', async () => {
    // Prepare
    const { h, file } = await setUp();
    const id = await file();
    const agents = [person('agent-a', 'agent'), person('agent-b', 'agent'), person('agent-c', 'admin')];

    // Act
    const answers = await Promise.all(
      agents.map((caller) => h.invoke({ routeKey: 'POST /v1/complaints/{id}/claim', caller, pathParameters: { id } })),
    );

    // Assess
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const winner = agents[answers.findIndex((a) => a.status === 200)]!;
    const losers = answers.filter((a) => a.status === 409);
    for (const loser of losers) expect(loser.body).toMatchObject({ type: 'urn:user-protection:problem:already-claimed' });
    const read = await h.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: winner, headers: staffReason, pathParameters: { id } });
    expect(read.body!.assigneeId).toBe(winner.sub);
  });

  it('stores every one of many simultaneous replies, and counts one first response', async () => {
    // Prepare
    const { h, user, agent, file, figures } = await setUp('2026-11-07T08:00:00.000Z');
    const id = await file();

    // Act
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? h.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: `Reply ${i}` } })
          : h.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: user, pathParameters: { id }, body: { body: `User ${i}` } }),
      ),
    );

    // Assess
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const messages = await h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: agent, headers: staffReason, pathParameters: { id } });
    expect(messages.body!.items.map((m: { body: string }) => m.body).sort()).toEqual(
      ['Reply 0', 'Reply 2', 'Reply 4', 'User 1', 'User 3', 'User 5'],
    );
    const day = (await figures({ granularity: 'day', from: '2026-11-07' })).periods[0];
    expect(day.firstResponses).toBe(1);
  });

  it('applies a breach once when two sweeps run at the same time', async () => {
    // Prepare
    const { h, clock, agent, file, history } = await setUp('2026-11-08T08:00:00.000Z');
    const ids = [await file(), await file(), await file()];
    clock.advance(25 * HOUR_MS);

    // Act
    const [first, second] = await Promise.all([h.sweep(), h.sweep()]);

    // Assess
    expect(first!.escalations + second!.escalations).toBe(3);
    for (const id of ids) {
      const entries = await history(agent, id);
      expect(entries.filter((e) => e.action === 'escalated')).toHaveLength(1);
      expect(entries.filter((e) => e.action === 'sla-breached')).toHaveLength(2);
    }
  });
});

describe('separation of duties', () => {
  it('refuses an agent working a complaint they filed (403 conflict-of-interest): they are its complainant there', async () => {
    // Prepare
    const { h, file, say, history } = await setUp();
    const filer = person('agent-filer', 'agent');
    const colleague = person('agent-colleague', 'agent');
    const id = await file(filer);
    const on = { pathParameters: { id } };

    // Act
    const claimed = await h.invoke({ routeKey: 'POST /v1/complaints/{id}/claim', caller: filer, ...on });
    const prioritised = await h.invoke({ routeKey: 'PATCH /v1/complaints/{id}', caller: filer, ...on, body: { priority: 'urgent' } });
    const assigned = await h.invoke({ routeKey: 'PUT /v1/complaints/{id}/assignee', caller: filer, ...on, body: { assigneeId: colleague.sub } });
    const noted = await say(filer, id, { visibility: 'internal', body: 'Looks fine to me' });
    const written = await say(filer, id, { body: 'Any news?' });
    const claimedByColleague = await h.invoke({ routeKey: 'POST /v1/complaints/{id}/claim', caller: colleague, ...on });

    // Assess
    for (const refused of [claimed, prioritised, assigned, noted]) {
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ type: 'urn:user-protection:problem:conflict-of-interest' });
    }
    expect(written.status).toBe(201);
    expect(claimedByColleague.status).toBe(200);
    const trail = await history(filer, id);
    expect(trail.find((e) => e.action === 'user-replied')?.actor).toEqual({ kind: 'user', id: filer.sub });
  });
});

describe('staff reads', () => {
  it('records every staff read of a complaint, its messages, its history and its place in the work queue in the access log', async () => {
    // Prepare
    const { h, clock, user, agent, file, say } = await setUp();
    const id = await file();
    await say(user, id, { body: 'More detail' });
    const accessLog = createAccessLogHarness({ clock });
    const accesses = async () =>
      ((await accessLog({ routeKey: 'GET /v1/me/access-log', caller: user, query: { limit: '100' } })).body!.items as Array<Record<string, any>>).map(
        (record) => [record.resource.kind, record.staffRoles, record.reason],
      );
    const reason = { 'x-access-reason': 'answering the user' };

    // Act
    await h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: user, pathParameters: { id } });
    await h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: user, pathParameters: { id } });
    const ownerReads = await accesses();
    await h.invoke({ routeKey: 'GET /v1/work-queue', caller: agent, headers: { 'x-access-reason': 'triage' } });
    await h.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id }, headers: reason });
    await h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, headers: reason });
    await h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: agent, pathParameters: { id }, headers: reason });

    // Assess
    expect(ownerReads).toEqual([]);
    expect((await accesses()).sort()).toEqual(
      [
        ['complaint', ['agent'], 'answering the user'],
        ['complaint-history', ['agent'], 'answering the user'],
        ['complaint-messages', ['agent'], 'answering the user'],
        ['work-queue-entry', ['agent'], 'triage'],
      ].sort(),
    );
  });
});

describe('the staff work queue', () => {
  it('lists a status soonest deadline first, filters, and pages', async () => {
    // Prepare: a fraud complaint (high: 4-hour first response) filed after two billing ones.
    const { h, clock, agent, file } = await setUp();
    const billing1 = await file();
    clock.advance(MINUTE_MS);
    const billing2 = await file();
    clock.advance(MINUTE_MS);
    const fraud = await file(undefined, { category: 'fraud', channel: 'app' });
    await h.invoke({ routeKey: 'POST /v1/complaints/{id}/claim', caller: agent, pathParameters: { id: billing2 } });
    const list = async (query: Record<string, string>) =>
      (await h.invoke({ routeKey: 'GET /v1/work-queue', caller: agent, headers: staffReason, query })).body!;

    // Act
    const received = await list({});
    const open = await list({ status: 'open', assignee: 'me' });
    const highOnly = await list({ priority: 'high' });
    const appOnly = await list({ channel: 'app' });
    const page1 = await list({ limit: '1' });
    const page2 = await list({ limit: '1', cursor: page1.nextCursor });

    // Assess
    expect(received.items.map((c: { id: string }) => c.id)).toEqual([fraud, billing1]);
    expect(open.items.map((c: { id: string }) => c.id)).toEqual([billing2]);
    expect(highOnly.items.map((c: { id: string }) => c.id)).toEqual([fraud]);
    expect(appOnly.items.map((c: { id: string }) => c.id)).toEqual([fraud]);
    expect(page1.items.map((c: { id: string }) => c.id)).toEqual([fraud]);
    expect(page2.items.map((c: { id: string }) => c.id)).toEqual([billing1]);
    expect(received.items[0]).toMatchObject({ subject: body.subject, priority: 'high', breached: [] });
  });

  it('refuses a cursor from another queue', async () => {
    // Prepare
    const { h, agent, file } = await setUp();
    await file();
    await file();
    const page1 = (await h.invoke({ routeKey: 'GET /v1/work-queue', caller: agent, headers: staffReason, query: { limit: '1' } })).body!;

    // Act
    const other = await h.invoke({ routeKey: 'GET /v1/work-queue', caller: agent, headers: staffReason, query: { status: 'open', cursor: page1.nextCursor } });

    // Assess
    expect(other.status).toBe(400);
    expect(other.body!.errors).toEqual([expect.objectContaining({ in: 'query', path: 'cursor' })]);
  });
});

describe('filing through integrations', () => {
  const channelBody = {
    messageId: `dm-${randomUUID()}`,
    externalRef: '@ada_marker_91c',
    category: 'billing',
    subject: 'Charged twice',
    description: 'I was charged twice last night.',
  };

  it('files for a person known by a pseudonym of their handle, once per channel message', async () => {
    // Prepare
    const { h, agent } = await setUp();
    const messageId = `dm-${randomUUID()}`;

    // Act
    const first = await h.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: social,
      pathParameters: { channel: 'social' },
      body: { ...channelBody, messageId },
    });
    const repeat = await h.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: social,
      pathParameters: { channel: 'social' },
      body: { ...channelBody, messageId },
    });
    const staffView = await h.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, headers: staffReason, pathParameters: { id: first.body!.id } });

    // Assess
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/v1/channels/social/complaints/${first.body!.id}`);
    expect(repeat.status).toBe(200);
    expect(repeat.body!.id).toBe(first.body!.id);
    expect(staffView.body).toMatchObject({ channel: 'social', origin: 'integration', externalRef: '@ada_marker_91c' });
    const { Items = [] } = await h.document.send(new ScanCommand({ TableName: h.tableNames.complaints }));
    expect(JSON.stringify(Items)).not.toContain('ada_marker_91c');
    const owner = Items.find((i) => i.sk === 'COMPLAINT')!.ownerId as string;
    expect(owner).toMatch(/^ext:social:[A-Za-z0-9_-]{27}$/);
  });

  it('creates exactly one complaint when the same message arrives many times at once', async () => {
    // Prepare
    const { h } = await setUp();
    const messageId = `dm-${randomUUID()}`;

    // Act
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.invoke({
          routeKey: 'POST /v1/channels/{channel}/complaints',
          machine: social,
          pathParameters: { channel: 'social' },
          body: { ...channelBody, messageId },
        }),
      ),
    );

    // Assess
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body!.id)).size).toBe(1);
    expect(answers.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    const { Items = [] } = await h.document.send(
      new QueryCommand({
        TableName: h.tableNames.complaints,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :q',
        ExpressionAttributeValues: { ':q': 'QUEUE#received' },
      }),
    );
    expect(Items).toHaveLength(1);
  });

  it('refuses a client filing for another channel than its scope allows', async () => {
    // Prepare
    const { h } = await setUp();

    // Act
    const answer = await h.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: social,
      pathParameters: { channel: 'email' },
      body: channelBody,
    });

    // Assess
    expect(answer.status).toBe(403);
  });
});

describe('the conversation through integrations', () => {
  const email = { clientId: 'email-integration', scopes: ['user-protection/complaints.intake.email'] };

  /** A complaint the email integration filed, and helpers that speak as that integration. */
  const setUpEmailComplaint = async () => {
    const setup = await setUp();
    const { h } = setup;
    const filed = await h.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: email,
      pathParameters: { channel: 'email' },
      body: {
        messageId: `<${randomUUID()}@mail.example>`,
        externalRef: 'grace_marker_5d2@example.org',
        category: 'billing',
        subject: 'Charged twice',
        description: 'Two charges for one order.',
      },
    });
    expect(filed.status).toBe(201);
    const id = filed.body!.id as string;
    const path = { channel: 'email', id };
    const messages = async (machine = email, pathParameters = path) =>
      h.invoke({ routeKey: 'GET /v1/channels/{channel}/complaints/{id}/messages', machine, pathParameters, query: { limit: '100' } });
    const answer = (messageId: string, text: string, machine = email, pathParameters = path) =>
      h.invoke({ routeKey: 'POST /v1/channels/{channel}/complaints/{id}/messages', machine, pathParameters, body: { messageId, body: text } });
    return { ...setup, id, path, messages, answer };
  };

  it('passes the public replies on, with the reference to answer, and takes the answers in as the person\'s', async () => {
    // Prepare
    const { h, clock, agent, id, path, say, messages, answer, read } = await setUpEmailComplaint();
    await say(agent, id, { body: 'Which card was charged?', awaitUser: true });
    await say(agent, id, { body: 'internal: check the payment provider', visibility: 'internal' });
    clock.advance(2 * HOUR_MS);

    // Act
    const complaint = await h.invoke({ routeKey: 'GET /v1/channels/{channel}/complaints/{id}', machine: email, pathParameters: path });
    const before = await messages();
    const answered = await answer(`<${randomUUID()}@mail.example>`, 'The one ending in 4242.');
    const after = await messages();
    const staffView = await read(agent, id);

    // Assess
    expect(complaint.status).toBe(200);
    expect(complaint.body).toMatchObject({ id, status: 'waiting_on_user', channel: 'email', externalRef: 'grace_marker_5d2@example.org' });
    expect(complaint.body).not.toHaveProperty('assigneeId');
    expect(before.status).toBe(200);
    expect(before.body!.items).toEqual([
      expect.objectContaining({ body: 'Which card was charged?', visibility: 'public', author: { kind: 'staff' } }),
    ]);
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ body: 'The one ending in 4242.', visibility: 'public', author: { kind: 'user' } });
    expect((after.body!.items as unknown[]).length).toBe(2);
    expect(staffView.body).toMatchObject({ status: 'open' });
    const { Items = [] } = await h.document.send(new ScanCommand({ TableName: h.tableNames.complaints }));
    expect(JSON.stringify(Items)).not.toContain('4242');
    expect(JSON.stringify(Items)).not.toContain('grace_marker_5d2');
  });

  it('adds an answer once however often its channel message arrives, also all at once', async () => {
    // Prepare
    const { h, id, answer, messages } = await setUpEmailComplaint();
    const messageId = `<${randomUUID()}@mail.example>`;

    // Act
    const first = await answer(messageId, 'Still charged twice.');
    const repeat = await answer(messageId, 'Still charged twice.');
    const concurrentId = `<${randomUUID()}@mail.example>`;
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => answer(concurrentId, 'And a third time.')));

    // Assess
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(concurrent.filter((a) => a.status === 201)).toHaveLength(1);
    expect(concurrent.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    expect(new Set(concurrent.map((a) => a.body!.id)).size).toBe(1);
    expect(((await messages()).body!.items as unknown[]).length).toBe(2);
    const history = await h.invoke({
      routeKey: 'GET /v1/complaints/{id}/history',
      caller: { sub: 'agent-x', role: 'agent' } as never,
      pathParameters: { id },
      query: { limit: '100' },
      headers: staffReason,
    });
    expect((history.body!.items as Array<{ action: string }>).filter((e) => e.action === 'user-replied')).toHaveLength(2);
  });

  it('refuses a channel message id taken in before as a filing or on another complaint', async () => {
    // Prepare
    const { h, answer } = await setUpEmailComplaint();
    const filingId = `<${randomUUID()}@mail.example>`;
    const otherComplaint = await h.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: email,
      pathParameters: { channel: 'email' },
      body: { messageId: filingId, externalRef: 'x@example.org', category: 'other', subject: 'S', description: 'D' },
    });
    const usedElsewhere = `<${randomUUID()}@mail.example>`;
    const onOther = await answer(usedElsewhere, 'On the other complaint.', email, { channel: 'email', id: otherComplaint.body!.id as string });
    expect(onOther.status).toBe(201);

    // Act
    const asFiling = await answer(filingId, 'Reusing a filing id.');
    const asOtherAnswer = await answer(usedElsewhere, 'Reusing an answer id.');

    // Assess
    expect(asFiling.status).toBe(409);
    expect(asFiling.body!.type).toContain('channel-message-taken');
    expect(asOtherAnswer.status).toBe(409);
    expect(asOtherAnswer.body!.type).toContain('channel-message-taken');
  });

  it('shows an integration only the complaints filed on its own channel', async () => {
    // Prepare
    const { h, id, path, file, user, messages, answer } = await setUpEmailComplaint();
    const ownComplaint = await file(user);

    // Act
    const viaSocial = await messages(social as never, { channel: 'social', id });
    const socialOnEmailPath = await messages(social as never, path);
    const accountComplaint = await messages(email, { channel: 'email', id: ownComplaint });
    const answerOnAccountComplaint = await answer(`<${randomUUID()}@mail.example>`, 'Not mine to add.', email, { channel: 'email', id: ownComplaint });
    const personOnChannelRoute = await h.invoke({
      routeKey: 'GET /v1/channels/{channel}/complaints/{id}',
      caller: user,
      pathParameters: path,
    });

    // Assess
    expect(viaSocial.status).toBe(404);
    expect(socialOnEmailPath.status).toBe(403);
    expect(accountComplaint.status).toBe(404);
    expect(answerOnAccountComplaint.status).toBe(404);
    expect(personOnChannelRoute.status).toBe(403);
  });

  it("reopens a resolved complaint with the person's answer within the reopen window, in one change", async () => {
    // Prepare
    const { h, clock, agent, id, say, setStatus, answer, messages, read } = await setUpEmailComplaint();
    await say(agent, id, { body: 'Refunded.' });
    expect((await setStatus(agent, id, 'resolved')).status).toBe(200);
    clock.advance(2 * 24 * HOUR_MS);

    // Act
    const late = await answer(`<${randomUUID()}@mail.example>`, 'The refund has not arrived.');

    // Assess
    expect(late.status).toBe(201);
    expect((await read(agent, id)).body).toMatchObject({ status: 'open' });
    expect(((await messages()).body!.items as unknown[]).length).toBe(2);
    const history = await h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: agent, headers: staffReason, pathParameters: { id }, query: { limit: '100' } });
    const actions = (history.body!.items as Array<{ action: string }>).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['reopened', 'user-replied']);
    expect(h.eventsAbout(id).map((e) => e['detail-type'])).toContain('complaint.reopened');
  });

  it('refuses an answer after the reopen window, storing nothing', async () => {
    // Prepare
    const { h, clock, agent, id, say, setStatus, answer, messages } = await setUpEmailComplaint();
    await say(agent, id, { body: 'Refunded.' });
    expect((await setStatus(agent, id, 'resolved')).status).toBe(200);
    clock.advance(8 * 24 * HOUR_MS);

    // Act
    const tooLate = await answer(`<${randomUUID()}@mail.example>`, 'Thanks!');

    // Assess
    expect(tooLate.status).toBe(409);
    expect(tooLate.body!.type).toContain('reopen-window-closed');
    expect(((await messages()).body!.items as unknown[]).length).toBe(1);
    const { Items = [] } = await h.document.send(new ScanCommand({ TableName: h.tableNames.complaints }));
    expect(Items.filter((i) => String(i.pk).startsWith('CHANNEL#email#') && i.messageId)).toHaveLength(0);
  });
});

describe('the figures', () => {
  it('agree with what happened: received by channel, responses, breaches and the backlog', async () => {
    // Prepare
    const { h, clock, agent, file, say, setStatus, figures } = await setUp('2026-11-10T08:00:00.000Z');
    const a = await file();
    const b = await file(undefined, { channel: 'app' });
    await file(undefined, { channel: 'app', category: 'security' });
    clock.advance(2 * HOUR_MS);
    await say(agent, a, { body: 'Answer A' });
    await setStatus(agent, a, 'resolved');
    clock.advance(3 * HOUR_MS);
    await say(agent, b, { body: 'Answer B', awaitUser: true });
    clock.advance(20 * HOUR_MS);
    await h.sweep();

    // Act
    const month = await figures({ granularity: 'month', from: '2026-11' });

    // Assess
    expect(month.periods[0]).toMatchObject({
      received: 3,
      receivedByChannel: { web: 1, app: 2 },
      firstResponses: 2,
      firstResponseMinutes: { median: 120, p90: 300 },
      answeredWithin24Hours: { met: 2, missed: 1, share: 2 / 3 },
      breaches: { total: 2, firstResponse: 1, commitment: 1 },
      escalations: 1,
      resolved: 1,
      backlogAtLastSweep: { received: 1, waiting_on_user: 1, resolved: 1 },
    });
    expect(month.backlog).toMatchObject({ received: 1, open: 0, waiting_on_user: 1, resolved: 1 });
  });
});

describe('the event outbox', () => {
  /** The complaint's changes still in the outbox (its items are named `<written at>#<complaint>:<version>`). */
  const outboxItemsOf = async (harness: { document: DynamoDBDocumentClient; tableNames: { complaints: string } }, id: string) => {
    const items = [];
    for (let shard = 0; shard < OUTBOX_SHARDS; shard += 1) {
      const { Items = [] } = await harness.document.send(
        new QueryCommand({
          TableName: harness.tableNames.complaints,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `OUTBOX#${shard}` },
        }),
      );
      items.push(...Items.filter((item) => String(item.sk).includes(`#${id}:`)));
    }
    return items;
  };

  it('keeps the events the stream relay could not publish, and the sweep publishes them once after the grace period, with a stable id', async () => {
    // Prepare: a complaints table whose stream relay publishes on a bus that does not exist, and the sweep with the right one.
    const clock = fixedClock('2026-11-12T08:00:00.000Z');
    const broken = await createCustomerServiceHarness({ clock, env: { EVENT_BUS_NAME: 'no-such-bus' } });
    const sweeper = await createCustomerServiceHarness({ clock, tablesOf: broken });
    const outbox = (id: string) => outboxItemsOf(broken, id);

    // Act
    const filed = await broken.invoke({ routeKey: 'POST /v1/complaints', caller: person('ada'), body });
    const id = filed.body!.id as string;
    const leftBehind = await outbox(id);
    const beforeGrace = await sweeper.sweep(new Date(clock.now().getTime() + 30_000));
    clock.advance(2 * MINUTE_MS);
    const relayed = await sweeper.sweep();
    const again = await sweeper.sweep();

    // Assess: the change stands; the stream relay answered its record as a batch item failure and left the item.
    expect(filed.status).toBe(201);
    expect(broken.outboxStream.refused.map((record) => record.eventIds)).toEqual([[`${id}:1:0`]]);
    expect(leftBehind).toHaveLength(1);
    expect(leftBehind[0]!.sk).toBe(broken.outboxStream.refused[0]!.sk);
    // Assess: the scheduled relay (in the sweep) publishes it once the grace period has passed, once.
    expect(beforeGrace.eventsRelayed).toBe(0);
    expect(relayed).toMatchObject({ eventsRelayed: 1, changed: 0 });
    expect(again).toMatchObject({ due: 0, eventsRelayed: 0 });
    expect(await outbox(id)).toEqual([]);
    const events = sweeper.eventsAbout(id);
    expect(events.map((e) => [e['detail-type'], e.detail.eventId])).toEqual([['complaint.received', `${id}:1:0`]]);
  });

  it('keeps a change\'s events in the outbox when its request answers, and leaves nothing there once the stream relay published them', async () => {
    // Prepare: the complaints function alone, with no stream relay run after it.
    const { h, file, agent } = await setUp();
    const id = await file();
    const request = invokeApi(h.handler);

    // Act
    const said = await request({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: 'Hello' } });
    const committed = await outboxItemsOf(h, id);
    const publishedBefore = h.eventsAbout(id).map((e) => e.detail.eventId);
    const drained = await h.outboxStream.drain();
    const left = await outboxItemsOf(h, id);

    // Assess: the request only committed; the stream relay published the events and deleted the item.
    expect(said.status).toBe(201);
    expect(committed.map((item) => (item.events as Array<{ eventId: string }>).map((e) => e.eventId))).toEqual([[`${id}:2:0`]]);
    expect(publishedBefore).toEqual([`${id}:1:0`]);
    expect(drained).toEqual({ handed: 1, batchItemFailures: [] });
    expect(left).toEqual([]);
    expect(h.eventsAbout(id).map((e) => e.detail.eventId)).toEqual([`${id}:1:0`, `${id}:2:0`]);
  });
});
