import { randomUUID } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, inject, it, vi } from 'vitest';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { fixedClock } from '#shared/clock.ts';
import type { Audience, EmailSender, Outgoing } from '#shared/notifications/use-cases/ports.ts';
import { sampleParams } from '#shared/notifications/templates/samples.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { createModerationHarness, scamNotice } from '../support/moderation-harness.ts';
import { createNotificationsHarness, emailsTo } from '../support/notifications-harness.ts';

/**
 * The notifications context on DynamoDB Local and the local SES emulator: a complaint's events
 * become inbox items and emails once each, in the person's language, as their preferences allow;
 * unsubscribe links work without a login and refuse a forged token; nothing personal is kept in
 * clear or logged.
 */

const complaint = { channel: 'web', category: 'billing', subject: 'Refund never arrived', description: 'I returned the parcel and the refund never came.' };
const agent = { sub: 'agent-notifications', role: 'agent' as const };

const setUp = async (options: { email?: EmailSender } = {}) => {
  const clock = fixedClock('2026-12-01T09:00:00.000Z');
  const cs = await createCustomerServiceHarness({ clock });
  const n = await createNotificationsHarness({ clock, env: { COMPLAINTS_TABLE_NAME: cs.tableNames.complaints }, ...(options.email && { email: options.email }) });
  const person = (locale = 'en') => {
    const sub = `user-${randomUUID()}`;
    const email = `${sub}@example.com`;
    n.people.set(sub, { email, locale });
    return { sub, email, role: 'user' as const };
  };
  const file = async (caller: { sub: string; role: 'user' }) => {
    const filed = await cs.invoke({ routeKey: 'POST /v1/complaints', caller, body: complaint });
    expect(filed.status).toBe(201);
    return filed.body!.id as string;
  };
  const inbox = (caller: { sub: string; role: 'user' }, query: Record<string, string> = {}) =>
    n.invoke({ routeKey: 'GET /v1/me/notifications', caller, query });
  return { clock, cs, n, person, file, inbox };
};

describe('notifications of a complaint', () => {
  it('filing puts a receipt in the inbox and an email in SES, with the reference and the deadline', async () => {
    // Prepare
    const { cs, n, person, file, inbox } = await setUp();
    const ada = person();
    const id = await file(ada);

    // Act
    const failures = await n.deliver(cs.eventsAbout(id));

    // Assert
    expect(failures).toEqual([]);
    const page = await inbox(ada);
    expect(page.status).toBe(200);
    expect(page.body!.unreadCount).toBe(1);
    expect(page.body!.items).toEqual([expect.objectContaining({ type: 'complaint-received', category: 'complaint-updates', readAt: null })]);
    expect(page.body!.items[0].text).toContain(id);
    const emails = await emailsTo(ada.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.body.text).toContain(id);
    expect(emails[0]!.subject).not.toContain(id);
    expect(emails[0]!.headers).toEqual(expect.arrayContaining([{ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' }]));
  });

  it('a redelivered event sends nothing twice, on either channel', async () => {
    // Prepare
    const { cs, n, person, file, inbox } = await setUp();
    const ada = person();
    const id = await file(ada);
    const events = cs.eventsAbout(id);

    // Act
    await n.deliver(events);
    await n.deliver(events);
    await n.deliver([...events, ...events]);

    // Assert
    expect((await inbox(ada)).body!.items).toHaveLength(1);
    expect(await emailsTo(ada.email)).toHaveLength(1);
  });

  it('a public staff reply and a request to the person each arrive once', async () => {
    // Prepare
    const { cs, n, person, file, inbox } = await setUp();
    const ada = person();
    const id = await file(ada);
    const reply = (awaitUser: boolean) =>
      cs.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: 'We are on it.', visibility: 'public', awaitUser } });
    expect((await reply(false)).status).toBe(201);
    expect((await reply(true)).status).toBe(201);

    // Act
    await n.deliver(cs.eventsAbout(id));
    await n.deliver(cs.eventsAbout(id));

    // Assert
    const types = (await inbox(ada)).body!.items.map((item: { type: string }) => item.type);
    expect(types.sort()).toEqual(['complaint-awaiting-you', 'complaint-received', 'complaint-replied']);
  });

  it('a zh-CN person gets Chinese text', async () => {
    // Prepare
    const { cs, n, person, file, inbox } = await setUp();
    const mei = person('zh-CN');
    const id = await file(mei);

    // Act
    await n.deliver(cs.eventsAbout(id));

    // Assert
    expect((await inbox(mei)).body!.items[0].subject).toMatch(/\p{Script=Han}/u);
    expect((await emailsTo(mei.email))[0]!.body.text).toMatch(/\p{Script=Han}/u);
  });

  it('a complaint filed by a channel integration is answered through its channel, not here', async () => {
    // Prepare
    const { cs, n } = await setUp();
    const filed = await cs.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] },
      pathParameters: { channel: 'social' },
      body: { messageId: `dm-${randomUUID()}`, externalRef: '@ada_marker_7f1', category: 'billing', subject: complaint.subject, description: complaint.description },
    });
    expect(filed.status).toBe(201);
    const events = cs.eventsAbout(filed.body!.id);
    expect(events.map((e) => e['detail-type'])).toContain('complaint.received');

    // Act
    const failures = await n.deliver(events);

    // Assert: no delivery was made or recorded for any of its events
    expect(failures).toEqual([]);
    for (const event of events) {
      const markers = await n.document.send(
        new QueryCommand({ TableName: n.tableNames.notifications, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DELIVERY#${event.id}` } }),
      );
      expect(markers.Items).toEqual([]);
    }
  });
});

const testEvent = (detail: Record<string, unknown>, time = '2026-12-01T08:59:58.000Z'): EventEnvelope => ({
  version: '0',
  id: randomUUID(),
  source: 'test.audience',
  'detail-type': 'test.event',
  account: '000000000000',
  time,
  region: 'eu-central-1',
  resources: [],
  detail,
});
const invitation = (sub: string): Outgoing => ({
  type: 'survey-invitation',
  params: { reference: 'inv_01JEXAMPLE', closesAt: '2026-12-31T23:59:59.000Z' },
  recipient: { kind: 'person', sub },
});
const statement = (sub: string): Outgoing => ({
  type: 'statement-of-reasons',
  params: { ...sampleParams['statement-of-reasons'], facts: '<script>alert(1)</script> & more' },
  recipient: { kind: 'person', sub },
});

const setUpScripted = async (options: { email?: EmailSender; logger?: Logger } = {}) => {
  const clock = fixedClock('2026-12-01T09:00:00.000Z');
  // An audience that calls for whatever the test scripted for each event of source `test.audience`.
  const byEvent = new Map<string, Outgoing[]>();
  const scripted: Audience = { source: 'test.audience', detailTypes: ['test.event'], messagesFor: async (event) => byEvent.get(event.id) ?? [] };
  const n = await createNotificationsHarness({
    clock,
    audiences: [scripted],
    ...(options.email && { email: options.email }),
    ...(options.logger && { logger: options.logger }),
  });
  const person = (locale = 'en') => {
    const sub = `user-${randomUUID()}`;
    const email = `${sub}@example.com`;
    n.people.set(sub, { email, locale });
    return { sub, email, role: 'user' as const };
  };
  /** An event that calls for `messages`. */
  const eventFor = (...messages: Outgoing[]) => {
    const event = testEvent({ n: messages.length });
    byEvent.set(event.id, messages);
    return event;
  };
  return { clock, n, person, eventFor };
};

describe('preferences and unsubscribe', () => {
  it('a person who turned off survey invitations gets none, and cannot turn off statements of reasons', async () => {
    // Prepare
    const { n, person, eventFor } = await setUpScripted();
    const ada = person();
    const off = await n.invoke({
      routeKey: 'PUT /v1/me/notification-preferences',
      caller: ada,
      body: { categories: { 'survey-invitations': { inbox: false, email: false } } },
    });
    expect(off.status).toBe(200);

    // Act
    const refused = await n.invoke({ routeKey: 'PUT /v1/me/notification-preferences', caller: ada, body: { categories: { 'trust-and-safety': { email: false } } } });
    await n.deliver([eventFor(invitation(ada.sub)), eventFor(statement(ada.sub))]);

    // Assert
    expect(refused.status).toBe(409);
    expect(refused.body!.type).toMatch(/required-category$/);
    const items = (await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: ada })).body!.items;
    expect(items.map((item: { type: string }) => item.type)).toEqual(['statement-of-reasons']);
    const emails = await emailsTo(ada.email);
    expect(emails.map((email) => email.subject)).toHaveLength(1);
    expect(emails[0]!.body.html).toContain('&lt;script&gt;');
    expect(emails[0]!.body.html).not.toContain('<script>');
    // A legal notice offers no unsubscribe.
    expect(emails[0]!.headers ?? []).not.toEqual(expect.arrayContaining([expect.objectContaining({ name: 'List-Unsubscribe' })]));
    const preferences = (await n.invoke({ routeKey: 'GET /v1/me/notification-preferences', caller: ada })).body!.categories;
    expect(preferences).toEqual(
      expect.arrayContaining([
        { category: 'survey-invitations', required: false, channels: { inbox: false, email: false } },
        { category: 'trust-and-safety', required: true, channels: { inbox: true, email: true } },
      ]),
    );
  });

  it('the unsubscribe link works without a login, and refuses a forged or altered token', async () => {
    // Prepare
    const { n, person, eventFor } = await setUpScripted();
    const ada = person();
    await n.deliver([eventFor(invitation(ada.sub))]);
    const [email] = await emailsTo(ada.email);
    const link = email!.headers!.find((h) => h.name === 'List-Unsubscribe')!.value.slice(1, -1);
    const token = new URL(link).searchParams.get('token')!;
    expect(email!.body.text).toContain(link);

    // Act
    const page = await n.invoke({ routeKey: 'GET /v1/unsubscribe', query: { token } });
    const altered = await n.invoke({ routeKey: 'POST /v1/unsubscribe', query: { token: `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}` } });
    const forged = await n.invoke({ routeKey: 'POST /v1/unsubscribe', query: { token: Buffer.from(JSON.stringify({ r: `PERSON#${ada.sub}`, c: 'survey-invitations' })).toString('base64url') } });
    const done = await n.invoke({ routeKey: 'POST /v1/unsubscribe', query: { token }, body: 'List-Unsubscribe=One-Click' as never });
    await n.deliver([eventFor(invitation(ada.sub))]);

    // Assert
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('method="post"');
    expect(altered.status).toBe(400);
    expect(forged.status).toBe(400);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ category: 'survey-invitations', channel: 'email', unsubscribed: true });
    expect(await emailsTo(ada.email)).toHaveLength(1);
    // The inbox still gets it: only email was turned off.
    expect((await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: ada })).body!.items).toHaveLength(2);
  });
});

describe('delivery', () => {
  it('a failed send is retried with the event, and what was delivered before is not repeated', async () => {
    // Prepare
    let failNext = true;
    const sent: string[] = [];
    const flaky: EmailSender = {
      send: async (email) => {
        if (failNext) {
          failNext = false;
          throw new Error('SES throttled');
        }
        sent.push(email.to);
        return { messageId: `msg-${randomUUID()}` };
      },
    };
    const { n, person, eventFor } = await setUpScripted({ email: flaky });
    const ada = person();
    const event = eventFor(statement(ada.sub));

    // Act
    const first = await n.deliver([event]);
    const second = await n.deliver([event]);

    // Assert
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    expect(sent).toEqual([ada.email]);
    expect((await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: ada })).body!.items).toHaveLength(1);
  });

  it('escalations reach every supervisor', async () => {
    // Prepare
    const { n, person, eventFor } = await setUpScripted();
    const [s1, s2] = [person(), person()];
    n.groups.set('supervisors', [s1.sub, s2.sub]);

    // Act
    await n.deliver([eventFor({ type: 'complaint-escalated', params: { reference: 'cmp_X', priority: 'high', targets: 'firstResponse' }, recipient: { kind: 'staff-group', group: 'supervisors' } })]);

    // Assert
    for (const s of [s1, s2]) {
      expect((await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: s })).body!.items).toEqual([expect.objectContaining({ type: 'complaint-escalated' })]);
    }
  });

  it('a notifier without an account is written to at their address, and a bounce suppresses it', async () => {
    // Prepare
    const { n, eventFor } = await setUpScripted();
    const address = `notifier-${randomUUID()}@example.org`;
    const received = (): Outgoing => ({ type: 'notice-received', params: { reference: 'ntc_01J' }, recipient: { kind: 'address', address } });
    await n.deliver([eventFor(received())]);
    const [first] = await emailsTo(address);

    // Act
    await n.feedback([{ eventType: 'Bounce', mail: { messageId: first!.messageId }, bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: address }] } }]);
    await n.feedback([{ eventType: 'Bounce', mail: { messageId: first!.messageId }, bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: address }] } }]);
    await n.deliver([eventFor(received())]);

    // Assert
    expect(await emailsTo(address)).toHaveLength(1);
    const figures = await n.invoke({ routeKey: 'GET /v1/figures/notifications', caller: { sub: 'comms-1', role: 'comms' } });
    expect(figures.status).toBe(200);
    const [month] = figures.body!.periods;
    expect(month.sent['trust-and-safety'].email).toBe(1);
    expect(month.bounced['trust-and-safety'].email).toBe(1);
    expect(month.suppressed['trust-and-safety'].email).toBe(1);
    expect(month.timeToSendMs.p50).toBe(2000);
  });

  it('logs ids, types, channels and outcomes only: never an address, a subject or a message', async () => {
    // Prepare
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = new Logger({ serviceName: 'notifications-log-test', logLevel: 'DEBUG' });
      const { n, person, eventFor } = await setUpScripted({ logger });
      const ada = person();
      const address = `notifier-${randomUUID()}@example.org`;

      // Act
      await n.deliver([
        eventFor(statement(ada.sub), { type: 'notice-received', params: { reference: 'ntc_01J' }, recipient: { kind: 'address', address } }),
      ]);
      const [email] = await emailsTo(address);
      await n.feedback([{ eventType: 'Complaint', mail: { messageId: email!.messageId }, complaint: { complainedRecipients: [{ emailAddress: address }] } }]);

      // Assert
      const logged = lines.join('');
      expect(logged).toContain('notification delivery');
      expect(logged).toContain('email feedback handled');
      for (const secret of [ada.email, address, 'alert(1)', email!.subject, ada.sub]) expect(logged).not.toContain(secret);
    } finally {
      write.mockRestore();
    }
  });

  it('keeps no address or message text in clear: inbox bodies are sealed, email records hold ids and status', async () => {
    // Prepare
    const { n, person, eventFor } = await setUpScripted();
    const ada = person();

    // Act
    await n.deliver([eventFor(statement(ada.sub))]);

    // Assert
    const items = await n.document.send(new ScanCommand({ TableName: n.tableNames.notifications }));
    const stored = JSON.stringify(items.Items);
    expect(stored).not.toContain(ada.email);
    expect(stored).not.toContain('alert(1)');
    const record = items.Items!.find((item) => String(item.pk).startsWith('EMAIL#'))!;
    expect(Object.keys(record).sort()).toEqual(['category', 'channel', 'eventAt', 'expiresAt', 'messageId', 'pk', 'sentAt', 'sk', 'status']);
  });
});

describe('inbox', () => {
  it('pages newest first with an unread count; marks one or all read', async () => {
    // Prepare
    const { clock, n, person, eventFor } = await setUpScripted();
    const ada = person();
    for (let i = 0; i < 3; i += 1) {
      clock.advance(1000);
      await n.deliver([eventFor(invitation(ada.sub))]);
    }
    const list = (query: Record<string, string> = {}) => n.invoke({ routeKey: 'GET /v1/me/notifications', caller: ada, query });

    // Act
    const first = await list({ limit: '2' });
    const second = await list({ limit: '2', cursor: first.body!.nextCursor });
    const oneRead = await n.invoke({ routeKey: 'POST /v1/me/notifications/{id}/read', caller: ada, pathParameters: { id: first.body!.items[0].id } });
    const someoneElses = await n.invoke({ routeKey: 'POST /v1/me/notifications/{id}/read', caller: person(), pathParameters: { id: first.body!.items[1].id } });
    const afterOne = await list({ unread: 'true' });
    const all = await n.invoke({ routeKey: 'POST /v1/me/notifications/read-all', caller: ada });
    const afterAll = await list();

    // Assert
    expect(first.body!.items).toHaveLength(2);
    expect(first.body!.items[0].createdAt > first.body!.items[1].createdAt).toBe(true);
    expect(second.body!.items).toHaveLength(1);
    expect(second.body!.nextCursor).toBeNull();
    expect(oneRead.status).toBe(204);
    expect(someoneElses.status).toBe(404);
    expect(afterOne.body!.unreadCount).toBe(2);
    expect(afterOne.body!.items).toHaveLength(2);
    expect(all.body).toEqual({ marked: 2 });
    expect(afterAll.body!.unreadCount).toBe(0);
    expect(afterAll.body!.items.every((item: { readAt: string | null }) => item.readAt !== null)).toBe(true);
  });

  it('comms staff preview any template with sample data; others may not', async () => {
    // Prepare
    const { n } = await setUpScripted();

    // Act
    const preview = await n.invoke({ routeKey: 'GET /v1/notification-templates/{type}/preview', caller: { sub: 'comms-1', role: 'comms' }, pathParameters: { type: 'statement-of-reasons' }, query: { locale: 'zh-CN' } });
    const unknown = await n.invoke({ routeKey: 'GET /v1/notification-templates/{type}/preview', caller: { sub: 'comms-1', role: 'comms' }, pathParameters: { type: 'nope' } });
    const user = await n.invoke({ routeKey: 'GET /v1/notification-templates/{type}/preview', caller: { sub: 'u', role: 'user' }, pathParameters: { type: 'statement-of-reasons' } });

    // Assert
    expect(preview.status).toBe(200);
    expect(preview.body!.subject).toMatch(/\p{Script=Han}/u);
    expect(preview.body!.html).toContain('<html lang="zh-CN"');
    expect(unknown.status).toBe(404);
    expect(user.status).toBe(403);
  });
});

/** The moderation events the local bus took about a case or any of the notices. */
const moderationEventsAbout = (caseId: string, noticeIds: ReadonlySet<string>) =>
  readPublishedEvents(localPaths(inject('localStack').root).events).filter(
    (e) => e.source === 'user-protection.moderation' && (e.detail.caseId === caseId || noticeIds.has(e.detail.noticeId as string)),
  );

/** The message types in a person's inbox, sorted. */
const inboxTypes = (n: Awaited<ReturnType<typeof createNotificationsHarness>>) => async (caller: { sub: string; role: 'user' }) =>
  ((await n.invoke({ routeKey: 'GET /v1/me/notifications', caller })).body!.items as Array<{ type: string }>).map((i) => i.type).sort();

describe('notifications of trust and safety', () => {
  it('a notice receipt, the decision, the statement of reasons and the appeal outcome each arrive once, even when delivered twice', async () => {
    // Prepare: an account notice and an anonymous one on the same post, removed with a statement, appealed, upheld
    const clock = fixedClock('2026-08-03T09:00:00.000Z');
    const mh = await createModerationHarness({ clock });
    try {
      const tableEnv = Object.fromEntries(Object.entries(mh.env).filter(([name]) => /_TABLE_NAME$/.test(name) && !/NOTIFICATIONS|FIGURES/.test(name))) as Record<string, string>;
      const n = await createNotificationsHarness({ clock, env: tableEnv });
      const ada = { sub: `ada-${randomUUID()}`, role: 'user' as const, email: `ada-${randomUUID()}@example.com` };
      const author = { sub: `author-${randomUUID()}`, role: 'user' as const, email: `author-${randomUUID()}@example.com` };
      const nina = `nina-${randomUUID()}@example.org`;
      n.people.set(ada.sub, { email: ada.email, locale: 'en' });
      n.people.set(author.sub, { email: author.email, locale: 'zh-CN' });
      const contentId = `post-${randomUUID().slice(0, 8)}`;
      const moderator = (sub: string) => ({ sub, role: 'moderator' as const });
      const adas = await mh.invoke({ routeKey: 'POST /v1/reports', caller: ada, body: scamNotice(contentId) });
      expect(adas.status).toBe(202);
      const anonymous = await mh.invoke({ routeKey: 'POST /v1/reports/anonymous', body: { ...scamNotice(contentId), contactEmail: nina, notifierName: 'Nina' }, sourceIp: '10.9.8.7' });
      expect(anonymous.status).toBe(202);
      await mh.drain();
      const cases = await mh.invoke({ routeKey: 'GET /v1/moderation/cases', caller: moderator('mod-lister'), query: { limit: '100' } });
      const caseId = (cases.body!.items as Array<Record<string, string>>).find((c) => c.contentId === contentId)!.id!;
      await mh.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', caller: moderator('mod-first'), pathParameters: { id: caseId } });
      const decided = await mh.invoke({
        routeKey: 'POST /v1/moderation/cases/{id}/decision',
        caller: moderator('mod-first'),
        pathParameters: { id: caseId },
        body: { action: 'remove', ground: 'terms', groundReference: 'Terms 4.2: fraud', groundExplanation: 'A promise of returns never made.', facts: 'The address received payments never returned.', contentType: 'text', affectedAccountId: author.sub },
      });
      expect(decided.status).toBe(200);
      const appealed = await mh.invoke({ routeKey: 'POST /v1/appeals', caller: author, body: { caseId, explanation: 'It was satire.' } });
      expect(appealed.status).toBe(201);
      const upheld = await mh.invoke({
        routeKey: 'POST /v1/moderation/appeals/{id}/decision',
        caller: moderator('mod-second'),
        pathParameters: { id: appealed.body!.id },
        body: { outcome: 'upheld', explanation: 'The post is a scam.' },
      });
      expect(upheld.status).toBe(200);
      const noticeIds = new Set([adas.body!.id, anonymous.body!.id]);
      const allEvents = moderationEventsAbout(caseId, noticeIds);

      // Act
      expect(await n.deliver(allEvents)).toEqual([]);
      expect(await n.deliver(allEvents)).toEqual([]);

      // Assert
      const typesIn = inboxTypes(n);
      expect(await typesIn(ada)).toEqual(['notice-decided', 'notice-received']);
      expect(await typesIn(author)).toEqual(['appeal-decided', 'appeal-received', 'statement-of-reasons']);
      expect((await emailsTo(nina)).map((e) => e.subject)).toHaveLength(2);
      expect(await emailsTo(ada.email)).toHaveLength(2);
      const authorEmails = await emailsTo(author.email);
      expect(authorEmails).toHaveLength(3);
      expect(authorEmails.every((e) => /\p{Script=Han}/u.test(e.subject))).toBe(true);
    } finally {
      await mh.stop();
    }
  });

  it('a notice on content removed already and a reversal on appeal tell the notifiers, once each, in their language and without API paths', async () => {
    // Prepare: ada's notice leads to a removal; carol (zh-CN) reports the removed post; the author (zh-CN) appeals; it is reversed
    const clock = fixedClock('2026-08-03T09:00:00.000Z');
    const mh = await createModerationHarness({ clock });
    try {
      const tableEnv = Object.fromEntries(Object.entries(mh.env).filter(([name]) => /_TABLE_NAME$/.test(name) && !/NOTIFICATIONS|FIGURES/.test(name))) as Record<string, string>;
      const n = await createNotificationsHarness({ clock, env: tableEnv });
      const personIn = (name: string, locale: string) => {
        const sub = `${name}-${randomUUID()}`;
        const email = `${sub}@example.com`;
        n.people.set(sub, { email, locale });
        return { sub, role: 'user' as const, email };
      };
      const [ada, carol, author] = [personIn('ada', 'en'), personIn('carol', 'zh-CN'), personIn('author', 'zh-CN')];
      const contentId = `post-${randomUUID().slice(0, 8)}`;
      const moderator = (sub: string) => ({ sub, role: 'moderator' as const });
      const report = async (caller: typeof ada) => {
        const filed = await mh.invoke({ routeKey: 'POST /v1/reports', caller, body: scamNotice(contentId) });
        expect(filed.status).toBe(202);
        await mh.drain();
        return filed.body!.id as string;
      };
      const noticeIds = new Set([await report(ada)]);
      const cases = await mh.invoke({ routeKey: 'GET /v1/moderation/cases', caller: moderator('mod-lister'), query: { limit: '100' } });
      const caseId = (cases.body!.items as Array<Record<string, string>>).find((c) => c.contentId === contentId)!.id!;
      await mh.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', caller: moderator('mod-first'), pathParameters: { id: caseId } });
      const removal = { action: 'remove', ground: 'terms', groundReference: 'Terms 4.2: fraud', groundExplanation: 'A promise of returns never made.', facts: 'The address received payments never returned.' };
      const decided = await mh.invoke({
        routeKey: 'POST /v1/moderation/cases/{id}/decision',
        caller: moderator('mod-first'),
        pathParameters: { id: caseId },
        body: { ...removal, contentType: 'text', affectedAccountId: author.sub },
      });
      expect(decided.status).toBe(200);
      noticeIds.add(await report(carol));
      const appealed = await mh.invoke({ routeKey: 'POST /v1/appeals', caller: author, body: { caseId, explanation: 'It was satire.' } });
      expect(appealed.status).toBe(201);
      const reversed = await mh.invoke({
        routeKey: 'POST /v1/moderation/appeals/{id}/decision',
        caller: moderator('mod-second'),
        pathParameters: { id: appealed.body!.id },
        body: { outcome: 'reversed', explanation: 'It is satire.' },
      });
      expect(reversed.status).toBe(200);
      const allEvents = moderationEventsAbout(caseId, noticeIds);

      // Act
      expect(await n.deliver(allEvents)).toEqual([]);
      expect(await n.deliver(allEvents)).toEqual([]);

      // Assert
      const typesIn = inboxTypes(n);
      expect(await typesIn(ada)).toEqual(['notice-decided', 'notice-decided', 'notice-received', 'reward-cancelled']);
      expect(await typesIn(carol)).toEqual(['notice-decided', 'notice-received']);
      expect(await typesIn(author)).toEqual(['appeal-decided', 'appeal-received', 'statement-of-reasons']);
      const textsTo = async (email: string) => (await emailsTo(email)).map((e) => e.body.text ?? '');
      const [toAda, toCarol, toAuthor] = [await textsTo(ada.email), await textsTo(carol.email), await textsTo(author.email)];
      expect(toAda.filter((text) => text.includes('we have taken action') && text.includes('a notifier can appeal to us only a decision not to act'))).toHaveLength(1);
      expect(toAda.filter((text) => text.includes('we have not taken action') && text.includes('taken on an appeal'))).toHaveLength(1);
      expect(toCarol.filter((text) => text.includes('并已对其采取措施') && text.includes('举报人仅可就不采取措施的决定向我们提出申诉'))).toHaveLength(1);
      expect(toAuthor.filter((text) => text.includes('申诉截止时间：2027年2月'))).toHaveLength(1);
      for (const text of [...toAda, ...toCarol, ...toAuthor]) expect(text).not.toMatch(/POST|\/v1\/appeals|six months|六个月/);
      for (const text of [...toCarol, ...toAuthor]) expect(text).not.toMatch(/\b(appeal|decision|you)\b/i);
    } finally {
      await mh.stop();
    }
  });
});
