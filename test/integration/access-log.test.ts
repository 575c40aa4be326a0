import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { createAccessLogHarness } from '../support/access-log-harness.ts';
import { createComplaintsHarness } from '../support/complaints-harness.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * The access log end to end on DynamoDB Local: every staff read of a person's data needs a reason
 * and is recorded before the data is returned; the person reads who (by role) read it, when and
 * why; security staff query the records by staff member, subject and period.
 */

// A time of its own, so that queries by period see this file's records only.
const clock = fixedClock('2031-05-05T10:00:00.000Z');
const complaints = createComplaintsHarness({ clock });
const accessLog = createAccessLogHarness({ clock });
let moderation: ModerationHarness;

beforeAll(async () => {
  moderation = await createModerationHarness({ clock });
});
afterAll(async () => {
  await moderation.stop();
});

const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const reason = (text: string) => ({ 'x-access-reason': text });
type Caller = { sub: string; role?: 'user' | 'agent' | 'admin' | 'moderator' | 'security' };

const fileComplaint = async (owner: Caller) => {
  const filed = await complaints.invoke({
    routeKey: 'POST /v1/complaints',
    caller: owner,
    body: { channel: 'app', category: 'billing', subject: 'Charged twice', description: 'My card was charged twice for one order.' },
  });
  return filed.body!.id as string;
};

const myLog = async (person: Caller) => (await accessLog({ routeKey: 'GET /v1/me/access-log', caller: person })).body!;
const officer = { sub: uid('sec'), role: 'security' as const };
const security = (query: Record<string, string>) => accessLog({ routeKey: 'GET /v1/security/access-log', caller: officer, query });

/** The open case on a piece of content, from the moderators' queue (which shows no personal data). */
const caseOf = async (contentId: string): Promise<string> => {
  const listed = await moderation.invoke({ routeKey: 'GET /v1/moderation/cases', caller: { sub: uid('mod-lister'), role: 'moderator' }, query: { limit: '100' } });
  return (listed.body!.items as Array<{ id: string; contentId: string }>).find((c) => c.contentId === contentId)!.id;
};

/** A case decided not to act on, with the reporter's notice and the reporter's appeal. */
const appealedCase = async () => {
  const reporter = { sub: uid('reporter') };
  const contentId = uid('post');
  const notice = await moderation.invoke({ routeKey: 'POST /v1/reports', caller: reporter, body: scamNotice(contentId) });
  await moderation.drain();
  const caseId = await caseOf(contentId);
  const decider = { sub: uid('mod-decider'), role: 'moderator' as const };
  await moderation.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', caller: decider, pathParameters: { id: caseId } });
  await moderation.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', caller: decider, pathParameters: { id: caseId }, body: { action: 'no_action' } });
  const appeal = await moderation.invoke({ routeKey: 'POST /v1/appeals', caller: reporter, body: { caseId, explanation: 'It is a scam: see the wallet.' } });
  return { reporter, noticeId: notice.body!.id as string, caseId, appealId: appeal.body!.id as string };
};

describe('a person reads who at the platform accessed their data', () => {
  it('lists a staff read of their complaint with its reason, naming the staff member by role only', async () => {
    // Prepare
    const owner = { sub: uid('owner') };
    const agent = { sub: uid('agent'), role: 'agent' as const };
    const id = await fileComplaint(owner);

    // Act
    const read = await complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id }, headers: reason('first response') });
    const ownRead = await complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: owner, pathParameters: { id } });
    const log = await myLog(owner);

    // Assess
    expect(read.status).toBe(200);
    expect(ownRead.status).toBe(200); // their own read needs no reason and is no staff read
    expect(log.items).toEqual([
      { at: '2031-05-05T10:00:00.000Z', staffRoles: ['agent'], resource: { kind: 'complaint', id }, fields: expect.arrayContaining(['subject', 'description']), reason: 'first response' },
    ]);
    expect(JSON.stringify(log)).not.toContain(agent.sub);
  });

  it("lists moderators' reads of their notice, of the case it is in and of their appeal", async () => {
    // Prepare
    const { reporter, noticeId, caseId, appealId } = await appealedCase();
    const moderator = { sub: uid('mod-reader'), role: 'moderator' as const };

    // Act
    await moderation.invoke({ routeKey: 'GET /v1/reports/{id}', caller: moderator, pathParameters: { id: noticeId }, headers: reason('checking the notice') });
    await moderation.invoke({ routeKey: 'GET /v1/moderation/cases/{id}', caller: moderator, pathParameters: { id: caseId }, headers: reason('deciding the case') });
    await moderation.invoke({ routeKey: 'GET /v1/appeals/{id}', caller: moderator, pathParameters: { id: appealId }, headers: reason('second opinion') });
    const log = await myLog(reporter);

    // Assess
    const seen = (log.items as Array<Record<string, any>>).map((item) => [item.resource.kind, item.resource.id, item.reason, item.staffRoles]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['notice', noticeId, 'checking the notice', ['moderator']],
        ['moderation-case', caseId, 'deciding the case', ['moderator']],
        ['appeal', appealId, 'second opinion', ['moderator']],
      ]),
    );
    expect(JSON.stringify(log)).not.toContain(moderator.sub);
  });
});

describe('a staff read of personal data without a reason', () => {
  it('is refused with 400 for each kind of read, and recorded for none', async () => {
    // Prepare
    const owner = { sub: uid('owner') };
    const agent = { sub: uid('agent'), role: 'agent' as const };
    const moderator = { sub: uid('mod'), role: 'moderator' as const };
    const id = await fileComplaint(owner);
    const { reporter, noticeId, caseId, appealId } = await appealedCase();
    const before = (await myLog(reporter)).items.length;
    const reads = {
      complaint: () => complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id } }),
      messages: () => complaints.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: agent, pathParameters: { id } }),
      history: () => complaints.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: agent, pathParameters: { id } }),
      workQueue: () => complaints.invoke({ routeKey: 'GET /v1/work-queue', caller: agent, query: { status: 'received' } }),
      notice: () => moderation.invoke({ routeKey: 'GET /v1/reports/{id}', caller: moderator, pathParameters: { id: noticeId } }),
      case: () => moderation.invoke({ routeKey: 'GET /v1/moderation/cases/{id}', caller: moderator, pathParameters: { id: caseId } }),
      appeal: () => moderation.invoke({ routeKey: 'GET /v1/appeals/{id}', caller: moderator, pathParameters: { id: appealId } }),
      pendingAppeals: () => moderation.invoke({ routeKey: 'GET /v1/moderation/appeals', caller: moderator }),
      blocklist: () => moderation.invoke({ routeKey: 'GET /v1/moderation/blocklists/{kind}', caller: moderator, pathParameters: { kind: 'url' } }),
    };

    // Act
    const answers = Object.fromEntries(await Promise.all(Object.entries(reads).map(async ([kind, read]) => [kind, await read()] as const)));

    // Assess
    for (const [kind, answer] of Object.entries(answers)) {
      expect(answer.status, kind).toBe(400);
      expect(answer.headers['content-type'], kind).toBe('application/problem+json');
      expect(answer.body!.errors, kind).toEqual([{ in: 'header', path: 'x-access-reason', message: expect.any(String) }]);
      expect(JSON.stringify(answer.body), kind).not.toContain('Charged twice');
    }
    expect((await myLog(owner)).items).toEqual([]);
    expect((await myLog(reporter)).items).toHaveLength(before);
  });

  it('refuses a reason that is not printable text of at most 200 characters', async () => {
    // Prepare
    const id = await fileComplaint({ sub: uid('owner') });
    const agent = { sub: uid('agent'), role: 'agent' as const };

    // Act
    const tooLong = await complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id }, headers: reason('x'.repeat(201)) });
    const control = await complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id }, headers: reason('why\u0007') });

    // Assess
    expect([tooLong.status, control.status]).toEqual([400, 400]);
  });
});

describe('no unrecorded read', () => {
  it('fails a staff read whose record cannot be written, without returning the data', async () => {
    // Prepare
    const owner = { sub: uid('owner') };
    const id = await fileComplaint(owner);
    const unrecorded = createComplaintsHarness({ clock, env: { ...process.env, [accessLogManifest.tables.accessLog.envVar]: 'no-such-table' } });

    // Act
    const staffRead = await unrecorded.invoke({
      routeKey: 'GET /v1/complaints/{id}',
      caller: { sub: uid('agent'), role: 'agent' },
      pathParameters: { id },
      headers: reason('first response'),
    });
    const ownRead = await unrecorded.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: owner, pathParameters: { id } });

    // Assess
    expect(staffRead.status).toBe(500);
    expect(JSON.stringify(staffRead.body)).not.toContain('Charged twice');
    expect(ownRead.status).toBe(200);
  });
});

describe('security staff query the access log', () => {
  it('by staff member, by subject, by both, and by period, newest first, a page at a time', async () => {
    // Prepare: two agents read two people's complaints, two hours apart.
    const [alice, bob] = [{ sub: uid('alice') }, { sub: uid('bob') }];
    const [ann, ben] = [{ sub: uid('agent-ann'), role: 'agent' as const }, { sub: uid('agent-ben'), role: 'agent' as const }];
    const [aliceComplaint, bobComplaint] = await Promise.all([fileComplaint(alice), fileComplaint(bob)]);
    const read = (agent: Caller, id: string, why: string) =>
      complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id }, headers: reason(why) });
    const start = clock.now().toISOString();
    await read(ann, aliceComplaint, 'ann on alice');
    await read(ann, bobComplaint, 'ann on bob');
    clock.advance(2 * 60 * 60 * 1000);
    const later = clock.now().toISOString();
    await read(ben, aliceComplaint, 'ben on alice');

    // Act
    const byAnn = await security({ staff: ann.sub });
    const aboutAlice = await security({ subject: alice.sub });
    const annOnAlice = await security({ staff: ann.sub, subject: alice.sub });
    const firstHour = await security({ from: start, to: new Date(Date.parse(start) + 60 * 60 * 1000).toISOString() });
    const firstPage = await security({ subject: alice.sub, limit: '1' });
    const secondPage = await security({ subject: alice.sub, limit: '1', cursor: firstPage.body!.nextCursor });
    const latest = await security({ from: later, to: later });

    // Assess
    const reasons = (answer: { body?: Record<string, any> }) => (answer.body!.items as Array<{ reason: string }>).map((item) => item.reason);
    expect(byAnn.status).toBe(200);
    expect(reasons(byAnn)).toEqual(['ann on bob', 'ann on alice']);
    expect(byAnn.body!.items[0]).toMatchObject({ staff: { id: ann.sub, roles: ['agent'] }, subjectId: bob.sub, resource: { kind: 'complaint', id: bobComplaint } });
    expect(reasons(aboutAlice)).toEqual(['ben on alice', 'ann on alice']);
    expect(reasons(annOnAlice)).toEqual(['ann on alice']);
    expect(reasons(firstHour)).toEqual(expect.arrayContaining(['ann on alice', 'ann on bob']));
    expect(reasons(firstHour)).not.toContain('ben on alice');
    expect(reasons(latest)).toContain('ben on alice');
    expect([...reasons(firstPage), ...reasons(secondPage)]).toEqual(['ben on alice', 'ann on alice']);
  });

  it('is for security staff only, and a cursor serves only the query it came from', async () => {
    // Prepare
    const owner = { sub: uid('owner') };
    const id = await fileComplaint(owner);
    for (const why of ['one', 'two']) {
      await complaints.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: { sub: uid('agent'), role: 'agent' }, pathParameters: { id }, headers: reason(why) });
    }
    const page = await accessLog({ routeKey: 'GET /v1/security/access-log', caller: officer, query: { subject: owner.sub, limit: '1' } });

    // Act
    const byAgent = await accessLog({ routeKey: 'GET /v1/security/access-log', caller: { sub: uid('agent'), role: 'agent' }, query: { subject: owner.sub } });
    const otherQuery = await accessLog({
      routeKey: 'GET /v1/security/access-log',
      caller: officer,
      query: { subject: uid('someone-else'), cursor: page.body!.nextCursor },
    });

    // Assess
    expect(byAgent.status).toBe(403);
    expect(otherQuery.status).toBe(400);
  });
});
