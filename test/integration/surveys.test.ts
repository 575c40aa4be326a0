import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';

/** A policy whose monthly sample takes 71% of the active users (71 responses needed for ±7 points, of 100), with a small minimum n. */
const halfSample = { expectedActiveUsers: 100, expectedResponseRate: 1, margin: 0.07, target: { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 5 } };
/** Everyone seen is invited. */
const everyone = { ...halfSample, expectedActiveUsers: 1 };

const user = (name = 'user') => ({ sub: `${name}-${randomUUID()}`, role: 'user' as const });
const admin = { sub: 'admin-1', role: 'admin' as const };
const comms = { sub: 'comms-1', role: 'comms' as const };

const setUp = async (policy: object = everyone, start = '2026-11-01T00:30:00.000Z') => {
  const clock = fixedClock(start);
  const h = await createSurveysHarness({ clock, policy });
  await h.runJob();
  const current = (caller: { sub: string; role?: 'user' }) => h.invoke({ routeKey: 'GET /v1/surveys/current', caller });
  const respond = (caller: { sub: string; role?: 'user' }, id: string, answers: Record<string, unknown>) =>
    h.invoke({ routeKey: 'PUT /v1/surveys/{id}/response', caller, pathParameters: { id }, body: { answers } });
  const results = async (query: Record<string, string> = {}) =>
    (await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query })).body!;
  return { h, clock, current, respond, results };
};

describe('the monthly campaign job', () => {
  it("opens the month's campaigns on its first run, once, and closes them after the month with a verdict", async () => {
    // Prepare
    const clock = fixedClock('2026-10-31T23:30:00.000Z');
    const h = await createSurveysHarness({ clock, policy: everyone });

    // Act
    const october = await h.runJob();
    const again = await h.runJob(new Date('2026-10-31T23:45:00.000Z'));
    const november = await h.runJob(new Date('2026-11-01T00:30:00.000Z'));
    const repeated = await h.runJob(new Date('2026-11-01T01:30:00.000Z'));
    const afterWindow = await h.runJob(new Date('2026-11-15T00:30:00.000Z'));

    // Assess
    expect(october.opened).toEqual(['2026-10-monthly', '2026-10-post-resolution']);
    expect(again).toMatchObject({ opened: [], closed: [] });
    expect(november.opened).toEqual(['2026-11-monthly', '2026-11-post-resolution']);
    expect(november.closed).toEqual([
      { campaignId: '2026-10-monthly', kind: 'monthly', month: '2026-10', verdict: 'not-enough-responses', n: 0, csat: null },
    ]);
    expect(repeated).toMatchObject({ opened: [], closed: [] });
    // Post-resolution surveys of October may be answered until 14 days into November.
    expect(afterWindow.closed.map((c) => c.campaignId)).toEqual(['2026-10-post-resolution']);
  });
});

describe('sampling the active users of the month', () => {
  it('invites about the designed share of users, each decided once, and counts the frame', async () => {
    // Prepare
    const { current, results } = await setUp(halfSample);
    // 120 users: the count invited is binomial (n 120, p 0.71: mean 85, sd 5), so the bounds
    // below are 5 sd from it and still tell the designed share from everyone and from half.
    const users = Array.from({ length: 120 }, () => user());

    // Act
    const first = await Promise.all(users.map((u) => current(u)));
    const second = await Promise.all(users.map((u) => current(u)));
    const figures = await results();

    // Assess
    const invited = first.filter((a) => a.body!.open).length;
    expect(second.map((a) => a.body!.open)).toEqual(first.map((a) => a.body!.open));
    expect(invited).toBeGreaterThan(60);
    expect(invited).toBeLessThan(110);
    const [november] = figures.months;
    expect(november.campaign.samplingRate).toBe(0.71);
    expect(november.sampling).toEqual({ active: 120, invited, responses: 0, responseRate: 0 });
  });

  it('offers nothing before the job opened the month, and nothing to integration clients', async () => {
    // Prepare
    const clock = fixedClock('2026-11-01T00:10:00.000Z');
    const h = await createSurveysHarness({ clock, policy: everyone });

    // Act
    const before = await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: user() });
    const machine = await h.invoke({
      routeKey: 'GET /v1/surveys/current',
      machine: { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] },
    });

    // Assess
    expect(before.body).toEqual({ open: false, surveys: [] });
    expect(machine.status).toBe(403);
  });
});

describe('responses', () => {
  it('stores the first answer, repeats it unchanged, allows an edit for 24 hours and refuses one after', async () => {
    // Prepare
    const { clock, current, respond, results } = await setUp();
    const ada = user('ada');
    const { surveys } = (await current(ada)).body!;
    const id = surveys[0].id as string;

    // Act
    const created = await respond(ada, id, { satisfaction: 2, recommend: 6 });
    const repeated = await respond(ada, id, { satisfaction: 2, recommend: 6 });
    clock.advance(23 * HOUR_MS);
    const revised = await respond(ada, id, { satisfaction: 5, recommend: 10 });
    clock.advance(2 * HOUR_MS);
    const late = await respond(ada, id, { satisfaction: 1 });
    const sameAsLast = await respond(ada, id, { satisfaction: 5, recommend: 10 });
    const figures = (await results()).months[0];

    // Assess
    expect(surveys[0]).toMatchObject({ id: '2026-11-monthly', kind: 'monthly', status: 'invited', expiresAt: '2026-12-01T00:00:00.000Z' });
    expect(surveys[0].definition.questions.map((q: { type: string }) => q.type)).toEqual(['csat', 'nps', 'choice', 'text']);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'created', survey: { status: 'responded', answers: { satisfaction: 2, recommend: 6 } } });
    expect(repeated).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    expect(revised).toMatchObject({ status: 200, body: { outcome: 'revised' } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: 'urn:user-protection:problem:response-final' });
    expect(sameAsLast).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    expect(figures.sampling).toMatchObject({ invited: 1, responses: 1, responseRate: 1 });
    expect(figures.csat).toMatchObject({ n: 1, satisfied: 1, distribution: { 1: 0, 2: 0, 5: 1 } });
    expect(figures.nps).toMatchObject({ n: 1, promoters: 1, detractors: 0 });
  });

  it('refuses an uninvited user with 404 and stores nothing', async () => {
    // Prepare
    const { current, respond, results } = await setUp(halfSample);
    const users = Array.from({ length: 30 }, () => user());
    const answers = await Promise.all(users.map((u) => current(u)));
    const outsider = users[answers.findIndex((a) => !a.body!.open)]!;
    const stranger = user('stranger');

    // Act
    const fromOutsider = await respond(outsider, '2026-11-monthly', { satisfaction: 5 });
    const fromStranger = await respond(stranger, '2026-11-monthly', { satisfaction: 5 });
    const figures = (await results()).months[0];

    // Assess
    for (const answer of [fromOutsider, fromStranger]) {
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toBe('application/problem+json');
    }
    expect(figures.sampling.responses).toBe(0);
    expect(figures.csat.n).toBe(0);
  });

  it('refuses answers after the month and out-of-range answers, with nothing stored', async () => {
    // Prepare
    const { h, clock, current, respond, results } = await setUp();
    const ada = user('ada');
    await current(ada);

    // Act
    const outOfRange = await respond(ada, '2026-11-monthly', { satisfaction: 6, recommend: 11, mood: 2 });
    const wrongType = await h.invoke({
      routeKey: 'PUT /v1/surveys/{id}/response',
      caller: ada,
      pathParameters: { id: '2026-11-monthly' },
      body: { answers: { satisfaction: [5] } },
    });
    const badId = await respond(ada, 'monthly; drop table', { satisfaction: 5 });
    clock.advance(30 * 24 * HOUR_MS);
    const afterClose = await respond(ada, '2026-11-monthly', { satisfaction: 5 });
    const figures = (await results({ from: '2026-11', to: '2026-11' })).months[0];
    const stored = await h.document.send(
      new GetCommand({ TableName: h.tableNames.surveys, Key: { pk: `USER#${ada.sub}`, sk: 'INVITE#2026-11-monthly' } }),
    );

    // Assess
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body!.errors).toEqual([
      { in: 'body', path: 'answers.mood', message: 'No such question in this survey' },
      { in: 'body', path: 'answers.satisfaction', message: 'Must be a whole number from 1 to 5' },
      { in: 'body', path: 'answers.recommend', message: 'Must be a whole number from 0 to 10' },
    ]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body!.errors[0].path).toBe('answers.satisfaction');
    expect(badId.status).toBe(400);
    expect(badId.body!.errors[0]).toMatchObject({ in: 'path', path: 'id' });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body).toMatchObject({ type: 'urn:user-protection:problem:survey-closed' });
    expect(figures.sampling.responses).toBe(0);
    expect(stored.Item).toMatchObject({ status: 'invited', revision: 0 });
    expect(stored.Item!.scored).toBeUndefined();
  });

  it('stores exactly one response when the same answer arrives many times at once', async () => {
    // Prepare
    const { h, current, respond, results } = await setUp();
    const ada = user('ada');
    await current(ada);

    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, () => respond(ada, '2026-11-monthly', { satisfaction: 4, comment: 'Good' })));
    const figures = (await results()).months[0];

    // Assess
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(answers.every((a) => a.body!.survey.answers.satisfaction === 4)).toBe(true);
    expect(figures.sampling.responses).toBe(1);
    expect(figures.csat.n).toBe(1);
    expect(figures.comments).toBe(1);
    const stored = await h.document.send(
      new GetCommand({ TableName: h.tableNames.surveys, Key: { pk: `USER#${ada.sub}`, sk: 'INVITE#2026-11-monthly' } }),
    );
    expect(stored.Item!.revision).toBe(1);
  });

  it('keeps free text encrypted at rest and gives it back to its author (staff read it without the author)', async () => {
    // Prepare
    const { h, current, respond } = await setUp();
    const ada = user('ada');
    await current(ada);
    const marker = `PIIMARK${randomUUID().replaceAll('-', '')}`;

    // Act
    await respond(ada, '2026-11-monthly', { satisfaction: 3, comment: `My neighbour ${marker} scammed me` });
    const mine = (await current(ada)).body!;
    const stored = await h.document.send(
      new GetCommand({ TableName: h.tableNames.surveys, Key: { pk: `USER#${ada.sub}`, sk: 'INVITE#2026-11-monthly' } }),
    );

    // Assess
    expect(mine.surveys[0].answers.comment).toContain(marker);
    const raw = JSON.stringify(stored.Item) + Buffer.from(stored.Item!.sealedTexts as Uint8Array).toString('latin1');
    expect(raw).not.toContain(marker);
    expect(stored.Item!.scored).toEqual({ satisfaction: 3 });
  });
});

describe('comments for the staff who act on the feedback', () => {
  it('gives staff the free text without who wrote it, follows edits, pages, and records each read', async () => {
    // Prepare: four users answer; one without text, one edits the text, one edits it away.
    const { h, clock, current, respond } = await setUp();
    const [ada, bob, cy, dee] = [user('ada'), user('bob'), user('cy'), user('dee')];
    for (const u of [ada, bob, cy, dee]) await current(u);
    await respond(ada, '2026-11-monthly', { satisfaction: 2, comment: 'The search never finds my orders.' });
    await respond(bob, '2026-11-monthly', { satisfaction: 5 });
    await respond(cy, '2026-11-monthly', { satisfaction: 3, comment: 'First thought' });
    await respond(dee, '2026-11-monthly', { satisfaction: 4, comment: 'Will delete this' });
    clock.advance(HOUR_MS);
    await respond(cy, '2026-11-monthly', { satisfaction: 3, comment: 'Second thought: support was slow.' });
    await respond(dee, '2026-11-monthly', { satisfaction: 4 });
    const read = (query: Record<string, string> = {}) =>
      h.invoke({
        routeKey: 'GET /v1/survey-campaigns/{id}/comments',
        caller: comms,
        pathParameters: { id: '2026-11-monthly' },
        query,
        headers: { 'x-access-reason': 'monthly feedback review' },
      });

    // Act
    const all = await read();
    const first = await read({ limit: '1' });
    const second = await read({ limit: '1', cursor: first.body!.nextCursor });
    const unknown = await h.invoke({
      routeKey: 'GET /v1/survey-campaigns/{id}/comments',
      caller: comms,
      pathParameters: { id: '2026-10-monthly' },
    });
    const unexplained = await h.invoke({ routeKey: 'GET /v1/survey-campaigns/{id}/comments', caller: comms, pathParameters: { id: '2026-11-monthly' } });

    // Assess
    expect(all.status).toBe(200);
    expect(all.body!.items.map((c: { answers: { comment: string } }) => c.answers.comment).sort()).toEqual([
      'Second thought: support was slow.',
      'The search never finds my orders.',
    ]);
    for (const u of [ada, bob, cy, dee]) expect(JSON.stringify(all.body)).not.toContain(u.sub);
    expect([...first.body!.items, ...second.body!.items]).toHaveLength(2);
    expect(unknown.status).toBe(404);
    // A read without a reason is refused; the reads with one are in the access log (test/integration/access-log.test.ts).
    expect(unexplained.status).toBe(400);
    expect(JSON.stringify(unexplained.body)).not.toContain('support was slow');
  });
});

describe('results kept as responses arrive', () => {
  it('reports CSAT with n and its Wilson interval, the response rate, NPS and the verdict, then closes the month on it', async () => {
    // Prepare: 10 invited, 8 answer: six 5s, one 4, one 2.
    const { h, current, respond, results } = await setUp();
    const users = Array.from({ length: 10 }, () => user());
    for (const u of users) await current(u);
    const scores = [5, 5, 5, 5, 5, 5, 4, 2];

    // Act
    await Promise.all(scores.map((s, i) => respond(users[i]!, '2026-11-monthly', { satisfaction: s, recommend: s * 2 })));
    const figures = (await results()).months[0];
    const closing = await h.runJob(new Date('2026-12-01T00:30:00.000Z'));
    const after = (await results({ from: '2026-11', to: '2026-12' }));

    // Assess
    expect(figures.sampling).toEqual({ active: 10, invited: 10, responses: 8, responseRate: 0.8 });
    expect(figures.csat).toMatchObject({ n: 8, satisfied: 7, score: 0.875 });
    expect(figures.csat.wilson95.lower).toBeCloseTo(0.5291, 4);
    expect(figures.csat.wilson95.upper).toBeCloseTo(0.9776, 4);
    // recommend: six 10s (promoters), one 8 (passive), one 4 (detractor): (6 - 1) / 8.
    expect(figures.nps).toMatchObject({ n: 8, promoters: 6, passives: 1, detractors: 1, score: 62.5 });
    expect(figures.target).toEqual({ rule: 'pointEstimateAtLeast', threshold: 0.9, minimumResponses: 5, verdict: 'not-met' });
    expect(closing.closed).toContainEqual(expect.objectContaining({ campaignId: '2026-11-monthly', verdict: 'not-met', n: 8 }));
    expect(after.months.map((m: { campaign: { status: string } }) => m.campaign.status)).toEqual(['closed', 'open']);
    expect(after.trend).toEqual([
      { month: '2026-11', n: 8, csat: 0.875, lower: expect.any(Number), upper: expect.any(Number), verdict: 'not-met', change: null },
      { month: '2026-12', n: 0, csat: null, lower: null, upper: null, verdict: 'not-enough-responses', change: null },
    ]);
  });

  it('refuses a range longer than 36 months and a malformed month', async () => {
    const { h } = await setUp();
    const long = await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query: { from: '2020-01', to: '2026-11' } });
    const bad = await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query: { from: '2026-13' } });
    expect(long.status).toBe(400);
    expect(bad.status).toBe(400);
    expect(bad.body!.errors[0]).toMatchObject({ in: 'query', path: 'from' });
  });
});

describe('survey definitions', () => {
  it('creates versions; a campaign keeps the version it opened with, the next month asks the new one', async () => {
    // Prepare
    const { h, current } = await setUp();
    const ada = user('ada');

    // Act
    const created = await h.invoke({
      routeKey: 'POST /v1/survey-definitions',
      caller: admin,
      body: {
        kind: 'monthly',
        title: 'Your month with us',
        questions: [
          { id: 'satisfaction', type: 'csat', prompt: 'How satisfied are you?', required: true },
          { id: 'effort', type: 'ces', prompt: 'How easy was it to do what you came for?' },
        ],
      },
    });
    const invalid = await h.invoke({
      routeKey: 'POST /v1/survey-definitions',
      caller: comms,
      body: { kind: 'monthly', title: 'No CSAT', questions: [{ id: 'x', type: 'nps', prompt: 'p' }] },
    });
    const read = await h.invoke({ routeKey: 'GET /v1/survey-definitions/{kind}', caller: comms, pathParameters: { kind: 'monthly' } });
    const v1 = await h.invoke({
      routeKey: 'GET /v1/survey-definitions/{kind}',
      caller: comms,
      pathParameters: { kind: 'monthly' },
      query: { version: '1' },
    });
    const november = (await current(ada)).body!;
    await h.runJob(new Date('2026-12-01T00:30:00.000Z'));
    const campaigns = (
      await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query: { from: '2026-11', to: '2026-12' } })
    ).body!.months.map((m: { campaign: { definitionVersion: number } }) => m.campaign.definitionVersion);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'monthly', version: 2, createdBy: admin.sub });
    expect(invalid.status).toBe(400);
    expect(invalid.body!.errors).toContainEqual({ in: 'body', path: 'questions', message: 'Must hold exactly one csat question' });
    expect(read.body).toMatchObject({ version: 2, title: 'Your month with us' });
    expect(v1.body).toMatchObject({ version: 1, title: 'How are we doing?' });
    expect(november.surveys[0].definition.version).toBe(1);
    expect(campaigns).toEqual([1, 2]);
  });
});

describe('the post-resolution survey', () => {
  it('invites the owner of every resolved complaint once, whatever the redeliveries, and breaks results down', async () => {
    // Prepare: a complaint filed, answered and resolved through customer service.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const cs = await createCustomerServiceHarness({ clock });
    const h = await createSurveysHarness({ clock, policy: everyone, complaintsTable: cs.tableNames.complaints });
    await h.runJob();
    const ada = user('ada');
    const agent = { sub: 'agent-1', role: 'agent' as const };
    const filed = await cs.invoke({
      routeKey: 'POST /v1/complaints',
      caller: ada,
      body: { channel: 'app', category: 'billing', subject: 'Charged twice', description: 'Charged twice for one order.' },
    });
    const id = filed.body!.id as string;
    await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: 'Refunded.' } });
    await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller: agent, pathParameters: { id }, body: { status: 'resolved' } });
    const resolved = cs.eventsAbout(id).find((e) => e['detail-type'] === 'complaint.resolved')!;

    // Act
    const outcomes = [await h.deliver(resolved), await h.deliver(resolved)];
    const concurrent = await Promise.all([h.deliver(resolved), h.deliver(resolved)]);
    const mine = (await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: ada })).body!;
    const survey = mine.surveys.find((s: { kind: string }) => s.kind === 'post-resolution');
    const answer = await h.invoke({
      routeKey: 'PUT /v1/surveys/{id}/response',
      caller: ada,
      pathParameters: { id: survey.id },
      body: { answers: { satisfaction: 5, effort: 6 } },
    });
    const figures = (
      await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query: { kind: 'post-resolution' } })
    ).body!.months[0];
    const foreign = await h.deliver({ ...resolved, detail: { ...resolved.detail, complaintId: 'cmp_01JD0000000000000000000000' } });

    // Assess
    expect(outcomes).toEqual(['invited', 'duplicate']);
    expect(concurrent).toEqual(['duplicate', 'duplicate']);
    expect(survey).toMatchObject({ id: `2026-11-post-resolution.${id}`, complaintId: id, status: 'invited' });
    expect(Date.parse(survey.expiresAt) - Date.parse(resolved.time)).toBeLessThanOrEqual(14 * 24 * HOUR_MS);
    expect(answer.status).toBe(201);
    expect(figures.sampling).toMatchObject({ active: null, invited: 1, responses: 1 });
    expect(figures.ces).toEqual({ n: 1, mean: 6 });
    expect(figures.byChannel.app).toMatchObject({ n: 1, satisfied: 1, score: 1 });
    expect(figures.byCategory.billing).toMatchObject({ n: 1, satisfied: 1 });
    expect(foreign).toBe('complaint-not-found');
  });

  it('invites nobody for a complaint that is not resolved', async () => {
    // Prepare: a resolved complaint reopened by its owner before the event arrives.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const cs = await createCustomerServiceHarness({ clock });
    const h = await createSurveysHarness({ clock, policy: everyone, complaintsTable: cs.tableNames.complaints });
    await h.runJob();
    const ada = user('ada');
    const filed = await cs.invoke({
      routeKey: 'POST /v1/complaints',
      caller: ada,
      body: { channel: 'app', category: 'billing', subject: 'Charged twice', description: 'Charged twice for one order.' },
    });
    const id = filed.body!.id as string;
    const unresolved = await cs.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: ada, pathParameters: { id } });
    const forged = { source: 'user-protection.customer-service', 'detail-type': 'complaint.resolved', time: clock.now().toISOString(), detail: { complaintId: id, channel: 'app', category: 'billing' } };

    // Act
    const outcome = await h.deliver(forged);
    const mine = (await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: ada })).body!;

    // Assess
    expect(unresolved.body).toMatchObject({ status: 'received' });
    expect(outcome).toBe('not-resolved');
    expect(mine.surveys.filter((s: { kind: string }) => s.kind === 'post-resolution')).toEqual([]);
  });

  it('refuses an event that is not a complaint.resolved (a wiring error, retried then parked)', async () => {
    const h = await createSurveysHarness({ clock: fixedClock('2026-11-02T09:00:00.000Z') });
    await expect(h.deliver({ source: 'elsewhere', 'detail-type': 'x', time: 'now', detail: {} })).rejects.toThrow();
  });
});
