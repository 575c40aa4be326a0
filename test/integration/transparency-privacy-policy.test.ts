import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { invokedViolations } from '../support/contract.ts';
import { createNotificationsHarness } from '../support/notifications-harness.ts';
import { createTransparencyHarness, type TransparencyHarness } from '../support/transparency-harness.ts';

/**
 * The privacy policy on DynamoDB Local: drafts written by comms, published as immutable numbered
 * versions with the minimum notice, announced through the outbox (published from the table's
 * stream by the stream relay, which the harness runs after each request), read by anyone with a diff, and
 * acknowledged once per person and version with a counter per version. Every answer is held to
 * the OpenAPI document.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const start = new Date('2031-01-15T10:00:00.000Z');
const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const comms = () => ({ sub: uid('comms'), role: 'comms' as const });
const person = () => ({ sub: uid('person'), role: 'user' as const });

type Request = Parameters<TransparencyHarness['invoke']>[0];
const call = async (harness: TransparencyHarness, request: Request) => {
  const answer = await harness.invoke(request);
  expect(invokedViolations(request, answer)).toEqual([]);
  return answer;
};

const content = (effectiveDate: string, en: string, zh = '# 隐私政策\n\n我们保护您的数据。\n') => ({
  text: { en, 'zh-CN': zh },
  effectiveDate,
  summaryOfChanges: { en: `Takes effect on ${effectiveDate}`, 'zh-CN': `${effectiveDate} 生效` },
});
const V1_TEXT = '# Privacy policy\n\nWe keep complaints for 2 years.\n\nContact the data protection officer.\n';
const V2_TEXT = '# Privacy policy\n\nWe keep complaints for 1 year.\n\nContact the data protection officer.\n\nYou may complain to the regulator.\n';

const createDraft = async (harness: TransparencyHarness, author: Request['caller'], body: unknown) =>
  call(harness, { routeKey: 'POST /v1/privacy-policy/drafts', caller: author, body });
const publish = (harness: TransparencyHarness, author: Request['caller'], id: string, revision: number) =>
  call(harness, { routeKey: 'POST /v1/privacy-policy/drafts/{id}/publish', caller: author, pathParameters: { id }, body: { revision } });

/** A harness with version 1 in force since `start` (published then, effective that day). */
const withFirstVersion = async (options: { minNoticeDays?: number } = {}) => {
  const clock = fixedClock(start);
  const harness = await createTransparencyHarness({ clock, ...options });
  const author = comms();
  const draft = await createDraft(harness, author, content('2031-01-15', V1_TEXT));
  const published = await publish(harness, author, draft.body!.id, 1);
  expect(published.status).toBe(201);
  return { clock, harness, author };
};

describe('publishing versions', () => {
  it('numbers them, hashes them, names what they supersede, and answers a repeat with the same version', async () => {
    const { harness, author } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-02-15', V2_TEXT));

    const first = await publish(harness, author, draft.body!.id, 1);
    const repeat = await publish(harness, author, draft.body!.id, 1);

    expect(first.status).toBe(201);
    expect(first.headers.location).toBe('/v1/privacy-policy/versions/2');
    expect(first.body!.version).toMatchObject({ number: 2, supersedes: 1, status: 'upcoming', effectiveDate: '2031-02-15' });
    expect(first.body!.version.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect([repeat.status, repeat.body]).toEqual([200, { ...first.body, created: false }]);
    expect((await harness.store.versionSummaries()).map((version) => version.number)).toEqual([2, 1]);
  });

  it('refuses a notice shorter than the minimum (422) and takes the corrected date', async () => {
    const { harness, author } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-02-14', V2_TEXT));

    const tooSoon = await publish(harness, author, draft.body!.id, 1);
    const corrected = await call(harness, {
      routeKey: 'PUT /v1/privacy-policy/drafts/{id}',
      caller: author,
      pathParameters: { id: draft.body!.id },
      body: { ...content('2031-02-15', V2_TEXT), revision: 1 },
    });
    const published = await publish(harness, author, draft.body!.id, 2);

    expect([tooSoon.status, tooSoon.body!.type]).toEqual([422, 'urn:user-protection:problem:insufficient-notice']);
    expect(tooSoon.body!.detail).toContain('2031-02-15');
    expect([corrected.status, corrected.body!.revision]).toEqual([200, 2]);
    expect([published.status, published.body!.version.number]).toEqual([201, 2]);
  });

  it('reads the minimum notice from the configuration', async () => {
    const { harness, author } = await withFirstVersion({ minNoticeDays: 3 });
    const draft = await createDraft(harness, author, content('2031-01-19', V2_TEXT));
    expect((await publish(harness, author, draft.body!.id, 1)).status).toBe(201);
  });

  it('keeps a published version immutable: its draft can no longer be edited', async () => {
    const { harness, author } = await withFirstVersion();
    const [draft] = (await call(harness, { routeKey: 'GET /v1/privacy-policy/drafts', caller: author })).body!.items;

    const edit = await call(harness, {
      routeKey: 'PUT /v1/privacy-policy/drafts/{id}',
      caller: author,
      pathParameters: { id: draft.id },
      body: { ...content('2031-03-01', 'Rewritten'), revision: draft.revision },
    });
    const version = await call(harness, { routeKey: 'GET /v1/privacy-policy/versions/{number}', pathParameters: { number: '1' } });

    expect([draft.status, draft.publishedAs]).toEqual(['published', 1]);
    expect([edit.status, edit.body!.type]).toEqual([409, 'urn:user-protection:problem:already-published']);
    expect(version.body!.markdown).toBe(V1_TEXT);
  });

  it('refuses an edit over a revision someone else saved since (409)', async () => {
    const { harness, author } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-03-01', V2_TEXT));
    const edit = (text: string) =>
      call(harness, {
        routeKey: 'PUT /v1/privacy-policy/drafts/{id}',
        caller: author,
        pathParameters: { id: draft.body!.id },
        body: { ...content('2031-03-01', text), revision: 1 },
      });

    const first = await edit('First editor');
    const second = await edit('Second editor');

    expect(first.status).toBe(200);
    expect([second.status, second.body!.type]).toEqual([409, 'urn:user-protection:problem:revision-conflict']);
    expect((await harness.store.getDraft(draft.body!.id))?.text.en).toBe('First editor');
  });

  it('publishes a draft once when two publish it at the same time', async () => {
    const { harness, author } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-03-01', V2_TEXT));
    harness.published.splice(0);

    const answers = await Promise.all([publish(harness, author, draft.body!.id, 1), publish(harness, author, draft.body!.id, 1)]);

    expect(answers.map((answer) => answer.status).sort(), JSON.stringify(answers.map((answer) => answer.body))).toEqual([200, 201]);
    expect(answers.map((answer) => answer.body!.version.number)).toEqual([2, 2]);
    expect((await harness.store.versionSummaries()).map((version) => version.number)).toEqual([2, 1]);
    expect(harness.published).toHaveLength(1);
  });

  it('is for comms only', async () => {
    const harness = await createTransparencyHarness({ clock: fixedClock(start) });
    const answers = await Promise.all([
      createDraft(harness, person(), content('2031-03-01', V2_TEXT)),
      createDraft(harness, { sub: uid('agent'), role: 'agent' }, content('2031-03-01', V2_TEXT)),
      call(harness, { routeKey: 'GET /v1/privacy-policy/drafts', caller: { sub: uid('sec'), role: 'security' } }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403]);
  });
});

describe('the announcement', () => {
  it('is published with the version, with its dates and no person', async () => {
    const { harness, author } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-02-20', V2_TEXT));

    await publish(harness, author, draft.body!.id, 1);

    const event = harness.published.at(-1)!;
    expect(event).toEqual({
      type: 'transparency.privacy-policy-published',
      at: start.toISOString(),
      detail: { version: 2, effectiveDate: '2031-02-20', publishedAt: start.toISOString(), supersedes: 1, eventId: expect.any(String) },
    });
    expect(JSON.stringify(harness.published)).not.toContain(author.sub);
  });

  it('reaches the staff through notifications, in their language, once', async () => {
    const { harness, author, clock } = await withFirstVersion();
    const n = await createNotificationsHarness({ clock });
    const [ann, ben] = [uid('agent'), uid('comms')];
    n.people.set(ann, { email: `${ann}@example.com`, locale: 'zh-CN' });
    n.people.set(ben, { email: `${ben}@example.com`, locale: 'en' });
    n.groups.set('agent', [ann]);
    n.groups.set('comms', [ben, ann]);
    harness.published.splice(0);
    const draft = await createDraft(harness, author, content('2031-02-20', V2_TEXT));
    await publish(harness, author, draft.body!.id, 1);

    const envelopes = harness.envelopes();
    const failures = [...(await n.deliver(envelopes)), ...(await n.deliver(envelopes))];

    const inboxOf = async (sub: string) => (await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: { sub, role: 'agent' } })).body!.items;
    expect(failures).toEqual([]);
    expect(await inboxOf(ann)).toEqual([expect.objectContaining({ type: 'privacy-policy-update', category: 'privacy-policy', subject: '我们的隐私政策即将更新' })]);
    expect(await inboxOf(ben)).toEqual([expect.objectContaining({ type: 'privacy-policy-update', subject: 'Our privacy policy is changing' })]);
  });

  it('stays in the outbox when the bus refuses it to the stream relay, and the scheduled relay publishes it after the grace period', async () => {
    const clock = fixedClock(start);
    const harness = await createTransparencyHarness({ clock, failingBus: true });
    const author = comms();
    const draft = await createDraft(harness, author, content('2031-01-15', V1_TEXT));

    const answer = await publish(harness, author, draft.body!.id, 1);
    const refusedByTheStreamRelay = harness.outboxStream.refused.flatMap((record) => record.eventIds);
    harness.setBus(true);
    const early = await harness.relay(new Date(start.getTime() + 1000));
    const late = await harness.relay(new Date(start.getTime() + 5 * 60 * 1000));

    expect(answer.status).toBe(201);
    expect(refusedByTheStreamRelay).toHaveLength(1);
    expect([early.events, late.events]).toEqual([0, 1]);
    expect(harness.published.map((event) => event.type)).toEqual(['transparency.privacy-policy-published']);
    expect(harness.published.map((event) => event.detail.eventId)).toEqual(refusedByTheStreamRelay);
  });
});

describe('the outbox relay function', () => {
  it('publishes on the bus an announcement the stream relay could not, once', async () => {
    const clock = fixedClock(start);
    const harness = await createTransparencyHarness({ clock, failingBus: true });
    const author = comms();
    const draft = await createDraft(harness, author, content('2031-01-15', V1_TEXT));
    await publish(harness, author, draft.body!.id, 1);

    const first = await harness.relayFunction(new Date(start.getTime() + 5 * 60 * 1000));
    const second = await harness.relayFunction(new Date(start.getTime() + 10 * 60 * 1000));

    expect(harness.outboxStream.refused).toHaveLength(1);
    expect([first, second]).toMatchObject([
      { events: 1, failed: 0 },
      { events: 0, failed: 0 },
    ]);
  });
});

describe('public reads', () => {
  it('show the version in force, the announced one, the list and a diff, in the language asked, with no person in them', async () => {
    const { harness, author, clock } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-02-15', V2_TEXT, '# 隐私政策\n\n我们保存投诉一年。\n'));
    await publish(harness, author, draft.body!.id, 1);

    const inForce = await call(harness, { routeKey: 'GET /v1/privacy-policy', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    const list = await call(harness, { routeKey: 'GET /v1/privacy-policy/versions' });
    const diff = await call(harness, {
      routeKey: 'GET /v1/privacy-policy/versions/{number}/diff',
      pathParameters: { number: '2' },
      query: { from: '1', lang: 'en' },
    });
    clock.advance(31 * DAY_MS);
    const later = await call(harness, { routeKey: 'GET /v1/privacy-policy', query: { lang: 'en' } });

    expect(inForce.body).toMatchObject({ number: 1, status: 'in-force', language: 'zh-CN', upcoming: { number: 2, status: 'upcoming' } });
    expect(inForce.headers['content-language']).toBe('zh-CN');
    expect(inForce.body!.html).toContain('<h1>隐私政策</h1>');
    expect(list.body).toMatchObject({ inForce: 1, upcoming: 2 });
    expect(list.body!.items.map((item: { number: number; status: string }) => [item.number, item.status])).toEqual([
      [2, 'upcoming'],
      [1, 'in-force'],
    ]);
    expect(diff.body!.hunks.flatMap((hunk: { lines: Array<{ op: string; text: string }> }) => hunk.lines.filter((line) => line.op !== 'context'))).toEqual([
      { op: 'removed', text: 'We keep complaints for 2 years.' },
      { op: 'added', text: 'We keep complaints for 1 year.' },
      { op: 'added', text: '' },
      { op: 'added', text: 'You may complain to the regulator.' },
    ]);
    expect(diff.body!.changes).toEqual([{ number: 2, effectiveDate: '2031-02-15', summaryOfChanges: 'Takes effect on 2031-02-15' }]);
    expect(later.body).toMatchObject({ number: 2, status: 'in-force', upcoming: null, supersedes: 1 });
    const everything = JSON.stringify([inForce.body, list.body, diff.body, later.body]);
    expect(everything).not.toContain(author.sub);
    expect(everything).not.toContain(draft.body!.id);
  });

  it('answer 404 while nothing is in force and for an unknown version, 400 for a bad diff', async () => {
    const harness = await createTransparencyHarness({ clock: fixedClock(start) });
    const none = await call(harness, { routeKey: 'GET /v1/privacy-policy' });
    const missing = await call(harness, { routeKey: 'GET /v1/privacy-policy/versions/{number}', pathParameters: { number: '7' } });
    const backwards = await call(harness, {
      routeKey: 'GET /v1/privacy-policy/versions/{number}/diff',
      pathParameters: { number: '1' },
      query: { from: '2' },
    });
    const notANumber = await call(harness, { routeKey: 'GET /v1/privacy-policy/versions/{number}', pathParameters: { number: 'latest' } });
    expect([none.status, missing.status, backwards.status, notANumber.status]).toEqual([404, 404, 400, 400]);
  });
});

describe('acknowledgements', () => {
  it('are recorded once per person and version, a repeat answering the same, and counted per version', async () => {
    const { harness, clock } = await withFirstVersion();
    const someone = person();
    const acknowledge = (who: Request['caller'], version: number) =>
      call(harness, { routeKey: 'POST /v1/privacy-policy/acknowledgements', caller: who, body: { version } });

    const first = await acknowledge(someone, 1);
    clock.advance(60_000);
    const repeats = await Promise.all([acknowledge(someone, 1), acknowledge(someone, 1), acknowledge(someone, 1)]);
    await acknowledge(person(), 1);

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ version: 1, acknowledgedAt: start.toISOString() });
    expect(repeats.map((answer) => [answer.status, answer.body])).toEqual(repeats.map(() => [200, first.body]));
    expect(await harness.acknowledgementsByVersion()).toEqual({ 1: 2 });
    const forReport = await harness.query.versionsAt(clock.now());
    expect(forReport).toMatchObject({ inForce: 1, versions: [{ number: 1, effectiveDate: '2031-01-15', supersedes: null }] });
    expect(forReport.versions[0]).not.toHaveProperty('publishedBy');
  });

  it('are refused for a version not in force (409)', async () => {
    const { harness, author } = await withFirstVersion();
    const draft = await createDraft(harness, author, content('2031-02-15', V2_TEXT));
    await publish(harness, author, draft.body!.id, 1);

    const upcoming = await call(harness, { routeKey: 'POST /v1/privacy-policy/acknowledgements', caller: person(), body: { version: 2 } });
    const unknown = await call(harness, { routeKey: 'POST /v1/privacy-policy/acknowledgements', caller: person(), body: { version: 9 } });

    expect([upcoming.status, upcoming.body!.type]).toEqual([409, 'urn:user-protection:problem:not-in-force']);
    expect(unknown.status).toBe(409);
    expect(await harness.acknowledgementsByVersion()).toEqual({});
  });
});
