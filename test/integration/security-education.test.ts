import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { activePeopleFigures } from '#shared/figures/active-people.ts';
import { readEducationFigures } from '#shared/security/use-cases/education-figures.ts';
import { createEducationHarness } from '../support/security-education-harness.ts';
import { createNotificationsHarness, emailsTo } from '../support/notifications-harness.ts';

/**
 * Security education on DynamoDB Local: campaigns written by security staff (and by nobody else),
 * held to their schedule's rules; the current one for each person in their language, delivered and
 * read once each with the reach counted as it happens; the job that announces a campaign once when
 * it starts, through the notifications context to the staff (inbox and email, in their locale, as
 * their preferences allow), and that measures the quarterly cadence.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const start = new Date('2031-01-10T09:00:00.000Z');
const inDays = (days: number) => new Date(start.getTime() + days * DAY_MS).toISOString();
const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const officer = () => ({ sub: uid('sec'), role: 'security' as const });
const user = () => ({ sub: uid('user'), role: 'user' as const });
const agent = () => ({ sub: uid('agent'), role: 'agent' as const });

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: { en: 'Spotting phishing', 'zh-CN': '识别钓鱼信息' },
  content: { en: '# Phishing\n\nNever share your password.', 'zh-CN': '# 钓鱼\n\n切勿透露您的密码。' },
  audience: 'everyone',
  startsAt: inDays(1),
  endsAt: inDays(31),
  ...overrides,
});

const setUp = async () => {
  const clock = fixedClock(start);
  const edu = await createEducationHarness({ clock });
  const schedule = async (overrides: Record<string, unknown> = {}, by = officer()) => {
    const created = await edu.call({ routeKey: 'POST /v1/security-education/campaigns', caller: by, body: draft(overrides) });
    expect(created.status).toBe(201);
    return created.body!.id as string;
  };
  const current = (caller: { sub: string; role: 'user' | 'agent' | 'security' }, language?: string) =>
    edu.call({ routeKey: 'GET /v1/security-education/current', caller, ...(language && { headers: { 'accept-language': language } }) });
  const read = (caller: { sub: string; role: 'user' | 'agent' | 'security' }, id: string) =>
    edu.call({ routeKey: 'POST /v1/security-education/{id}/read', caller, pathParameters: { id } });
  const reach = async (id: string) =>
    (await edu.call({ routeKey: 'GET /v1/security-education/campaigns/{id}', caller: officer(), pathParameters: { id } })).body!.reach;
  return { clock, edu, schedule, current, read, reach };
};

describe('campaigns, written by security staff', () => {
  it('are scheduled, listed and read by security staff, and refused to everyone else', async () => {
    // Prepare
    const { edu, schedule } = await setUp();
    const by = officer();

    // Act
    const id = await schedule({}, by);
    const listed = await edu.call({ routeKey: 'GET /v1/security-education/campaigns', caller: officer() });
    const one = await edu.call({ routeKey: 'GET /v1/security-education/campaigns/{id}', caller: officer(), pathParameters: { id } });
    const refused = await Promise.all(
      [user(), agent()].map((caller) => edu.call({ routeKey: 'POST /v1/security-education/campaigns', caller, body: draft({ startsAt: inDays(40), endsAt: inDays(50) }) })),
    );
    const unknown = await edu.call({ routeKey: 'GET /v1/security-education/campaigns/{id}', caller: officer(), pathParameters: { id: 'edu_01JWQV8RA0QPMDB06Y6TX13B1W' } });

    // Assess
    expect(listed.body!.items).toEqual([expect.objectContaining({ id, audience: 'everyone', status: 'scheduled', title: draft().title })]);
    expect(one.body).toMatchObject({ id, createdBy: by.sub, updatedBy: by.sub, status: 'scheduled', content: draft().content });
    expect(one.body!.reach).toEqual({
      audienceSize: { count: null, reason: expect.any(String) },
      delivered: 0,
      read: 0,
      readWithinDays: 14,
      readWithinWindow: 0,
      shareReadWithinWindow: null,
    });
    expect(refused.map((answer) => answer.status)).toEqual([403, 403]);
    expect(unknown.status).toBe(404);
  });

  it('are held to their schedule and texts: no past start, an end after the start, texts in both languages within their limits', async () => {
    // Prepare
    const { edu } = await setUp();
    const attempt = (overrides: Record<string, unknown>) =>
      edu.call({ routeKey: 'POST /v1/security-education/campaigns', caller: officer(), body: draft(overrides) });

    // Act
    const answers = await Promise.all([
      attempt({ startsAt: inDays(-1) }),
      attempt({ endsAt: inDays(1) }),
      attempt({ endsAt: inDays(100) }),
      attempt({ title: { en: 'Only English' } }),
      attempt({ title: { en: 'x'.repeat(121), 'zh-CN': '标题' } }),
      attempt({ audience: 'martians' }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(answers.map((answer) => answer.body!.errors[0].path)).toEqual(['startsAt', 'endsAt', 'endsAt', 'title.zh-CN', 'title.en', 'audience']);
  });

  it('may not overlap a campaign for an overlapping audience (409), but people and staff campaigns may run side by side', async () => {
    // Prepare
    const { edu, schedule } = await setUp();
    await schedule({ audience: 'staff' });

    // Act
    const forPeople = await edu.call({ routeKey: 'POST /v1/security-education/campaigns', caller: officer(), body: draft({ audience: 'people' }) });
    const forEveryone = await edu.call({ routeKey: 'POST /v1/security-education/campaigns', caller: officer(), body: draft({ startsAt: inDays(20), endsAt: inDays(40) }) });

    // Assess
    expect(forPeople.status).toBe(201);
    expect(forEveryone.status).toBe(409);
    expect(forEveryone.body!.type).toMatch(/education-campaign-overlap$/);
  });

  it('may be changed until they start (409 after), by whom is recorded', async () => {
    // Prepare
    const { clock, edu, schedule } = await setUp();
    const id = await schedule();
    const editor = officer();

    // Act
    const changed = await edu.call({
      routeKey: 'PUT /v1/security-education/campaigns/{id}',
      caller: editor,
      pathParameters: { id },
      body: draft({ audience: 'staff', startsAt: inDays(2), endsAt: inDays(20) }),
    });
    clock.advance(2 * DAY_MS);
    const late = await edu.call({ routeKey: 'PUT /v1/security-education/campaigns/{id}', caller: editor, pathParameters: { id }, body: draft({ startsAt: inDays(3) }) });
    const listed = await edu.call({ routeKey: 'GET /v1/security-education/campaigns', caller: officer() });

    // Assess
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, audience: 'staff', startsAt: inDays(2), endsAt: inDays(20), updatedBy: editor.sub });
    expect(late.status).toBe(409);
    expect(late.body!.type).toMatch(/education-campaign-started$/);
    // The schedule entry moved with the end: one entry, running now.
    expect(listed.body!.items).toEqual([expect.objectContaining({ id, endsAt: inDays(20), status: 'running' })]);
  });
});

describe('the current campaign', () => {
  it('is the running one for the person’s audience, in their language, or null', async () => {
    // Prepare
    const { clock, schedule, current } = await setUp();
    const id = await schedule({ audience: 'staff' });
    const [ada, bea] = [user(), agent()];

    // Act
    const before = await current(bea);
    clock.advance(DAY_MS);
    const forStaff = await current(bea, 'zh-CN,zh;q=0.9,en;q=0.5');
    const forPeople = await current(ada);

    // Assess
    expect(before.body).toEqual({ campaign: null });
    expect(forStaff.body!.campaign).toEqual({
      id,
      locale: 'zh-CN',
      title: '识别钓鱼信息',
      content: '# 钓鱼\n\n切勿透露您的密码。',
      startsAt: inDays(1),
      endsAt: inDays(31),
      deliveredAt: clock.now().toISOString(),
      readAt: null,
    });
    expect(forPeople.body).toEqual({ campaign: null });
  });

  it('counts each person delivered once and read once, and who read within 14 days of delivery', async () => {
    // Prepare
    const { clock, schedule, current, read, reach } = await setUp();
    const id = await schedule();
    clock.advance(DAY_MS);
    const [ada, bea, cyd, dee] = [user(), user(), agent(), user()];

    // Act
    await current(ada);
    await current(ada);
    await current(bea);
    await current(cyd);
    const first = await read(ada, id);
    clock.advance(HOUR_MS);
    const again = await read(ada, id);
    // Dee reads it from a link without having been shown it: delivered and read at once.
    await read(dee, id);
    clock.advance(15 * DAY_MS);
    await read(bea, id);
    const shown = await current(ada);

    // Assess
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(shown.body!.campaign.readAt).toBe(first.body!.readAt);
    expect(await reach(id)).toMatchObject({ delivered: 4, read: 3, readWithinWindow: 2, shareReadWithinWindow: 0.5 });
  });

  it('cannot be read before it starts or by a person outside its audience (404)', async () => {
    // Prepare
    const { clock, schedule, read, reach } = await setUp();
    const id = await schedule({ audience: 'staff' });

    // Act
    const early = await read(agent(), id);
    clock.advance(DAY_MS);
    const outsider = await read(user(), id);
    const unknown = await read(agent(), 'edu_01JWQV8RA0QPMDB06Y6TX13B1W');

    // Assess
    expect([early.status, outsider.status, unknown.status]).toEqual([404, 404, 404]);
    expect(await reach(id)).toMatchObject({ delivered: 0, read: 0 });
  });
});

describe('the education job', () => {
  it('announces a campaign once when it starts, with its audience measured, and the staff hear of it through notifications', async () => {
    // Prepare
    const { clock, edu, schedule } = await setUp();
    const n = await createNotificationsHarness({ clock });
    const [ann, ben, cai] = [uid('agent'), uid('mod'), uid('sec')];
    n.people.set(ann, { email: `${ann}@example.com`, locale: 'zh-CN' });
    n.people.set(ben, { email: `${ben}@example.com`, locale: 'en' });
    n.people.set(cai, { email: `${cai}@example.com`, locale: 'en' });
    for (const [group, members] of Object.entries({ agent: [ann], moderator: [ben], security: [cai, ann] })) {
      edu.groups.set(group, members);
      n.groups.set(group, members);
    }
    const off = await n.invoke({
      routeKey: 'PUT /v1/me/notification-preferences',
      caller: { sub: ben, role: 'moderator' },
      body: { categories: { 'security-education': { email: false } } },
    });
    const id = await schedule({ audience: 'staff' });

    // Act
    const early = await edu.runJob(clock.now());
    clock.advance(DAY_MS + HOUR_MS);
    const first = await edu.runJob(clock.now());
    const second = await edu.runJob(clock.now());
    const failures = await n.deliver(edu.envelopes());

    // Assess
    expect(off.status).toBe(200);
    expect(early).toMatchObject({ announced: [] });
    expect(first).toMatchObject({ announced: [id], daysSinceLastCampaign: 0, overdue: 0 });
    expect(second).toMatchObject({ announced: [] });
    expect(failures).toEqual([]);
    expect((await edu.store.getCampaign(id))?.audienceSize).toEqual({ count: 3, basis: expect.stringContaining('staff groups') });
    const inboxOf = async (sub: string) => (await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: { sub, role: 'agent' } })).body!.items;
    expect(await inboxOf(ann)).toEqual([expect.objectContaining({ type: 'security-education-campaign', category: 'security-education', subject: '新的安全学习内容已发布' })]);
    expect(await inboxOf(ben)).toHaveLength(1);
    const [toAnn, ...moreToAnn] = await emailsTo(`${ann}@example.com`);
    expect(moreToAnn).toEqual([]);
    expect(toAnn!.subject).toBe('新的安全学习内容已发布');
    expect(toAnn!.body.text).toContain(id);
    expect(await emailsTo(`${ben}@example.com`)).toEqual([]);
    expect(await emailsTo(`${cai}@example.com`)).toHaveLength(1);
  });

  it('tells nobody by message of a people campaign: the people see it in the app', async () => {
    // Prepare
    const { clock, edu, schedule } = await setUp();
    const n = await createNotificationsHarness({ clock });
    const staffer = uid('agent');
    n.people.set(staffer, { email: `${staffer}@example.com`, locale: 'en' });
    n.groups.set('agent', [staffer]);
    const id = await schedule({ audience: 'people' });
    clock.advance(DAY_MS);

    // Act
    const run = await edu.runJob(clock.now());
    const envelopes = edu.envelopes();
    await n.deliver(envelopes);

    // Assess
    expect(run).toMatchObject({ announced: [id] });
    expect(envelopes.map((e) => [e['detail-type'], e.detail.campaignId, e.detail.audience])).toEqual([['security.education-campaign-started', id, 'people']]);
    expect((await edu.store.getCampaign(id))?.audienceSize).toEqual({ count: null, reason: expect.any(String) });
    expect((await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: { sub: staffer, role: 'agent' } })).body!.items).toEqual([]);
  });

  it('measures a people campaign by the monthly active people the platform reported for its month', async () => {
    // Prepare
    const clock = fixedClock(start);
    const edu = await createEducationHarness({ clock, realAudienceSources: true });
    const { document } = createDynamoClients();
    await activePeopleFigures(document, process.env[tables.figures.envVar]!).report({
      month: '2031-01',
      activePeople: 2_500_000,
      reportedAt: start.toISOString(),
      reportedBy: 'admin-1',
    });
    const created = await edu.call({ routeKey: 'POST /v1/security-education/campaigns', caller: officer(), body: draft({ audience: 'people' }) });
    clock.advance(DAY_MS);

    // Act
    await edu.runJob(clock.now());

    // Assess
    expect((await edu.store.getCampaign(created.body!.id))?.audienceSize).toEqual({ count: 2_500_000, basis: expect.stringContaining('2031-01') });
  });

  it('reports the quarter overdue after its first 30 days without a campaign, and not once one has started', async () => {
    // Prepare
    const { clock, edu, schedule } = await setUp();

    // Act
    const withNone = await edu.runJob(new Date('2031-02-15T00:00:00.000Z'));
    await schedule({ startsAt: inDays(1), endsAt: inDays(10) });
    clock.advance(DAY_MS);
    const withOne = await edu.runJob(new Date('2031-02-15T00:00:00.000Z'));

    // Assess
    expect(withNone).toMatchObject({ daysSinceLastCampaign: null, overdue: 1 });
    expect(withOne).toMatchObject({ daysSinceLastCampaign: 34, overdue: 0 });
  });
});

describe('the quarter’s education figures', () => {
  it('list the campaigns that started in the quarter with their reach', async () => {
    // Prepare
    const { clock, edu, schedule, current, read } = await setUp();
    const id = await schedule({ audience: 'people' });
    await schedule({ audience: 'staff', startsAt: inDays(90), endsAt: inDays(100) });
    clock.advance(DAY_MS);
    const ada = user();
    await current(ada);
    await read(ada, id);

    // Act
    const figures = await readEducationFigures(edu.store, '2031-Q1');

    // Assess
    expect(figures.campaignsRun).toBe(1);
    expect(figures.campaigns).toEqual([expect.objectContaining({ id, audience: 'people', delivered: 1, read: 1, readWithinWindow: 1, shareReadWithinWindow: 1 })]);
  });
});
