import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it, vi } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { http } from '../support/http.ts';
import { machineTokenFor, tokenFor } from '../support/tokens.ts';
import { outboxRelayed } from '../support/outbox-relayed.ts';

/**
 * The quarterly transparency report over HTTP on the local stack (what `npm start` serves): comms
 * compile a quarter, write its qualitative sections and publish; anyone reads the published
 * versions without a token. Every answer is held to the OpenAPI document by `http`. The tests run
 * in order on one quarter of their own (2024-Q3: no other test publishes it).
 */

const QUARTER = '2024-Q3';
const commsSub = `comms-${randomUUID()}`;
const comms = () => tokenFor(commsSub, 'comms');
const qualitative = {
  en: { summary: 'The first quarter of the platform.', sections: [{ heading: 'Complaints', body: 'Answered within a day.' }] },
  'zh-CN': { summary: '平台的第一个季度。', sections: [{ heading: '投诉', body: '一天内答复。' }] },
};
const correction = { en: 'The summary now names the launch month.', 'zh-CN': '摘要现在写明了上线月份。' };

describe.sequential('the quarterly transparency report over HTTP', () => {
  it('has nothing published of the quarter before comms publish it', async () => {
    const list = await http('GET', '/v1/transparency/reports');
    const report = await http('GET', `/v1/transparency/reports/${QUARTER}`);
    const version = await http('GET', `/v1/transparency/reports/${QUARTER}/versions/1`);

    expect(list.status).toBe(200);
    expect(list.json.items.map((item: { quarter: string }) => item.quarter)).not.toContain(QUARTER);
    expect([report.status, report.headers.get('content-type'), version.status]).toEqual([404, 'application/problem+json', 404]);
  });

  it('compiles the quarter into a draft, writes its text and publishes version 1, public without a token', async () => {
    const token = await comms();
    const compiled = await http('POST', '/v1/transparency/reports', { token, body: { quarter: QUARTER } });
    const written = await http('PUT', `/v1/transparency/reports/drafts/${QUARTER}`, { token, body: { qualitative, revision: compiled.json.revision } });
    const published = await http('POST', `/v1/transparency/reports/drafts/${QUARTER}/publish`, { token, body: { revision: written.json.revision } });
    const again = await http('POST', `/v1/transparency/reports/drafts/${QUARTER}/publish`, { token, body: { revision: written.json.revision } });
    const report = await http('GET', `/v1/transparency/reports/${QUARTER}`);

    expect([compiled.status, compiled.json.quarter, compiled.json.latestVersion]).toEqual([201, QUARTER, null]);
    expect([written.status, written.json.revision]).toEqual([200, compiled.json.revision + 1]);
    expect([published.status, published.json.version.version, published.json.version.contentHash]).toEqual([201, 1, written.json.contentHash]);
    expect([again.status, again.json.created, again.json.version]).toEqual([200, false, published.json.version]);
    expect([report.status, report.json]).toEqual([200, published.json.version]);
  });

  it('publishes a correction as version 2, keeps version 1, and announces each version once', async () => {
    const token = await comms();
    const draft = await http('GET', `/v1/transparency/reports/drafts/${QUARTER}`, { token });
    const edited = { ...qualitative, en: { ...qualitative.en, summary: 'The first quarter of the platform, launched in July.' } };
    const written = await http('PUT', `/v1/transparency/reports/drafts/${QUARTER}`, { token, body: { qualitative: edited, revision: draft.json.revision } });
    const corrected = await http('POST', `/v1/transparency/reports/drafts/${QUARTER}/publish`, { token, body: { revision: written.json.revision, correction } });
    const [latest, first, list] = await Promise.all([
      http('GET', `/v1/transparency/reports/${QUARTER}`),
      http('GET', `/v1/transparency/reports/${QUARTER}/versions/1`),
      http('GET', '/v1/transparency/reports'),
    ]);

    expect(draft.json).toMatchObject({ unpublishedChanges: false, latestVersion: { version: 1 } });
    expect([corrected.status, corrected.json.version]).toMatchObject([201, { version: 2, supersedes: 1, correction }]);
    expect([latest.json.version, latest.json.qualitative.en.summary]).toEqual([2, edited.en.summary]);
    expect([first.json.version, first.json.qualitative.en.summary]).toEqual([1, qualitative.en.summary]);
    expect(list.json.items.find((item: { quarter: string }) => item.quarter === QUARTER)).toMatchObject({ version: 2, supersedes: 1 });
    // The stream relay publishes shortly after the commit: wait for both announcements, then for
    // every change so far to be relayed, so that a second announcement of either would show too.
    const announcements = () =>
      readPublishedEvents(localPaths(inject('localStack').root).events).filter(
        (event) => event['detail-type'] === 'transparency.report-published' && event.detail.quarter === QUARTER,
      );
    const expected = [
      ['user-protection.transparency', 1],
      ['user-protection.transparency', 2],
    ];
    await vi.waitFor(() => expect(announcements().map((event) => [event.source, event.detail.version])).toEqual(expected), { timeout: 20_000 });
    await outboxRelayed({ dynamodbEndpoint: inject('localStack').endpoints.dynamodb, tableName: tables.transparency.localName });
    expect(announcements().map((event) => [event.source, event.detail.version])).toEqual(expected);
    expect(JSON.stringify([latest.json, first.json, list.json, announcements()])).not.toContain(commsSub);
  });

  it('refuses callers without a token (401), and people, other staff and integration clients (403) on comms’ routes', async () => {
    const [user, agent, platform] = await Promise.all([tokenFor(`user-${randomUUID()}`), tokenFor(`agent-${randomUUID()}`, 'agent'), machineTokenFor('contentPlatform')]);
    const routes: Array<[string, string, unknown]> = [
      ['POST', '/v1/transparency/reports', { quarter: QUARTER }],
      ['GET', `/v1/transparency/reports/drafts/${QUARTER}`, undefined],
      ['PUT', `/v1/transparency/reports/drafts/${QUARTER}`, { qualitative, revision: 1 }],
      ['POST', `/v1/transparency/reports/drafts/${QUARTER}/publish`, { revision: 1 }],
    ];

    const answers = await Promise.all(
      routes.flatMap(([method, path, body]) => [undefined, user, agent, platform].map((token) => http(method, path, { ...(token && { token }), body }))),
    );

    expect(answers.map((answer) => answer.status)).toEqual(routes.flatMap(() => [401, 403, 403, 403]));
  });

  it('answers an unknown quarter or version with 404, and bad input with a 400 problem', async () => {
    const token = await comms();
    const answers = await Promise.all([
      http('GET', '/v1/transparency/reports/2019-Q1'),
      http('GET', `/v1/transparency/reports/${QUARTER}/versions/9`),
      http('GET', '/v1/transparency/reports/drafts/2019-Q1', { token }),
      http('GET', '/v1/transparency/reports/2024-Q5'),
      http('GET', `/v1/transparency/reports/${QUARTER}/versions/0`),
      http('POST', '/v1/transparency/reports', { token, body: { quarter: '2024-3' } }),
      http('PUT', `/v1/transparency/reports/drafts/${QUARTER}`, { token, body: { qualitative: { en: qualitative.en }, revision: 1 } }),
      http('POST', `/v1/transparency/reports/drafts/${QUARTER}/publish`, { token, body: { revision: 'latest' } }),
      http('POST', '/v1/transparency/reports', { token, rawBody: '{"quarter":', headers: { 'content-type': 'application/json' } }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 400, 400, 400, 400, 400, 400]);
    expect(answers.every((answer) => answer.headers.get('content-type') === 'application/problem+json')).toBe(true);
  });

  it('refuses to compile a quarter that has not begun (409)', async () => {
    const next = new Date();
    next.setUTCDate(1);
    next.setUTCMonth(next.getUTCMonth() + 3);
    const quarter = `${next.getUTCFullYear()}-Q${Math.floor(next.getUTCMonth() / 3) + 1}`;

    const answer = await http('POST', '/v1/transparency/reports', { token: await comms(), body: { quarter } });

    expect([answer.status, answer.json.type]).toEqual([409, 'urn:user-protection:problem:quarter-not-started']);
  });
});
