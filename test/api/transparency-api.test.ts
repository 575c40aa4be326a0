import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it, vi } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';
import { outboxRelayed } from '../support/outbox-relayed.ts';

/**
 * The privacy policy over HTTP on the local stack (what `npm start` serves): comms publish, anyone
 * reads without a token, people acknowledge. Every answer is held to the OpenAPI document by
 * `http`. The tests run in order: each builds on the versions the previous ones published.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const commsSub = `comms-${randomUUID()}`;
const comms = () => tokenFor(commsSub, 'comms');

const content = (effectiveDate: string, en: string) => ({
  text: { en, 'zh-CN': `# 隐私政策\n\n${en.length} 个字符。\n` },
  effectiveDate,
  summaryOfChanges: { en: `The version of ${effectiveDate}`, 'zh-CN': `${effectiveDate} 的版本` },
});
const V1 = '# Privacy policy\n\nWe keep complaints for 2 years.\n\n<script>alert("x")</script>\n';
const V2 = '# Privacy policy\n\nWe keep complaints for 1 year.\n\n<script>alert("x")</script>\n';

const publishDraft = async (body: unknown) => {
  const token = await comms();
  const draft = await http('POST', '/v1/privacy-policy/drafts', { token, body });
  expect(draft.status).toBe(201);
  return { id: draft.json.id as string, publish: (revision: number) => http('POST', `/v1/privacy-policy/drafts/${draft.json.id}/publish`, { token, body: { revision } }) };
};

describe.sequential('the privacy policy over HTTP', () => {
  it('has nothing in force before the first version', async () => {
    const answer = await http('GET', '/v1/privacy-policy');
    expect([answer.status, answer.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
  });

  it('publishes the first version, in force the same day, public without a token', async () => {
    const draft = await publishDraft(content(dayFromToday(0), V1));
    const published = await draft.publish(1);
    const inForce = await http('GET', '/v1/privacy-policy', { headers: { 'accept-language': 'zh-CN' } });
    const english = await http('GET', '/v1/privacy-policy/versions/1?lang=en');

    expect([published.status, published.json.version.number, published.json.version.status]).toEqual([201, 1, 'in-force']);
    expect([inForce.status, inForce.json.number, inForce.json.language, inForce.headers.get('content-language')]).toEqual([200, 1, 'zh-CN', 'zh-CN']);
    expect(english.json.html).toContain('<h1>Privacy policy</h1>');
    expect(english.json.html).toContain('&lt;script&gt;');
    expect(english.json.html).not.toContain('<script>');
  });

  it('refuses a new version with too short a notice, and announces one with enough', async () => {
    const draft = await publishDraft(content(dayFromToday(10), V2));
    const tooSoon = await draft.publish(1);
    const token = await comms();
    await http('PUT', `/v1/privacy-policy/drafts/${draft.id}`, { token, body: { ...content(dayFromToday(31), V2), revision: 1 } });
    const published = await draft.publish(2);
    const again = await draft.publish(2);

    expect([tooSoon.status, tooSoon.json.type]).toEqual([422, 'urn:user-protection:problem:insufficient-notice']);
    expect([published.status, published.json.version]).toMatchObject([201, { number: 2, supersedes: 1, status: 'upcoming' }]);
    expect([again.status, again.json.created, again.json.version.contentHash]).toEqual([200, false, published.json.version.contentHash]);
    // The stream relay publishes shortly after the commit: wait for both announcements, then for
    // every change so far to be relayed, so that a second announcement of either would show too.
    const announcements = () =>
      readPublishedEvents(localPaths(inject('localStack').root).events).filter((event) => event['detail-type'] === 'transparency.privacy-policy-published');
    const expected = [
      ['user-protection.transparency', 1],
      ['user-protection.transparency', 2],
    ];
    await vi.waitFor(() => expect(announcements().map((event) => [event.source, event.detail.version])).toEqual(expected), { timeout: 20_000 });
    await outboxRelayed({ dynamodbEndpoint: inject('localStack').endpoints.dynamodb, tableName: tables.transparency.localName });
    expect(announcements().map((event) => [event.source, event.detail.version])).toEqual(expected);
    expect(JSON.stringify(announcements())).not.toContain(commsSub);
  });

  it('lists the versions and shows what changed, with no person in any public answer', async () => {
    const list = await http('GET', '/v1/privacy-policy/versions');
    const inForce = await http('GET', '/v1/privacy-policy');
    const diff = await http('GET', '/v1/privacy-policy/versions/2/diff?from=1', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });

    expect(list.json).toMatchObject({ inForce: 1, upcoming: 2 });
    expect(inForce.json.upcoming).toMatchObject({ number: 2, effectiveDate: dayFromToday(31) });
    expect(diff.json.hunks.flatMap((hunk: { lines: Array<{ op: string; text: string }> }) => hunk.lines.filter((line) => line.op !== 'context'))).toEqual([
      { op: 'removed', text: 'We keep complaints for 2 years.' },
      { op: 'added', text: 'We keep complaints for 1 year.' },
    ]);
    expect(diff.json.changes).toEqual([{ number: 2, effectiveDate: dayFromToday(31), summaryOfChanges: `The version of ${dayFromToday(31)}` }]);
    expect(JSON.stringify([list.json, inForce.json, diff.json])).not.toContain(commsSub);
  });

  it('records a person’s acknowledgement of the version in force once', async () => {
    const token = await tokenFor(`person-${randomUUID()}`);
    const first = await http('POST', '/v1/privacy-policy/acknowledgements', { token, body: { version: 1 } });
    const second = await http('POST', '/v1/privacy-policy/acknowledgements', { token, body: { version: 1 } });
    const upcoming = await http('POST', '/v1/privacy-policy/acknowledgements', { token, body: { version: 2 } });
    const anonymous = await http('POST', '/v1/privacy-policy/acknowledgements', { body: { version: 1 } });

    expect([first.status, first.json.version]).toEqual([200, 1]);
    expect([second.status, second.json]).toEqual([200, first.json]);
    expect([upcoming.status, upcoming.json.type]).toEqual([409, 'urn:user-protection:problem:not-in-force']);
    expect(anonymous.status).toBe(401);
  });

  it('answers bad input with a 400 problem and keeps drafts to comms', async () => {
    const badLanguage = await http('GET', '/v1/privacy-policy?lang=fr');
    const badNumber = await http('GET', '/v1/privacy-policy/versions/0');
    const noFrom = await http('GET', '/v1/privacy-policy/versions/2/diff');
    const person = await http('GET', '/v1/privacy-policy/drafts', { token: await tokenFor(`person-${randomUUID()}`) });
    const blank = await http('POST', '/v1/privacy-policy/drafts', { token: await comms(), body: { ...content(dayFromToday(40), '   '), extra: 1 } });

    expect([badLanguage.status, badNumber.status, noFrom.status, person.status]).toEqual([400, 400, 400, 403]);
    expect(blank.status).toBe(400);
    expect(blank.json.errors.map((error: { path: string }) => error.path).sort()).toEqual(['extra', 'text.en']);
  });
});
