import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { localPaths } from '#infra/local/paths.ts';
import { LOCAL_TRANSPARENCY_DATABASE_TOKEN, startTransparencyDatabaseFake, type TransparencyDatabaseFake } from '#infra/local/transparency-database.ts';
import { DUPLICATE_PUID_MESSAGE } from '#shared/moderation/domain/transparency-db.ts';

/**
 * The local fake of the DSA Transparency Database over HTTP, as the submission job and a developer
 * meet it: the token, both endpoints with the database's rules (201, or 422 with an `errors` map;
 * a batch all or nothing), puids unique, answers a test can force, and what it kept.
 */

let fake: TransparencyDatabaseFake;
beforeAll(async () => {
  fake = await startTransparencyDatabaseFake({ port: 0 });
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(async () => {
  await fetch(`${fake.endpoint}/fake/reset`, { method: 'POST' });
});

const statement = (puid: string, over: Record<string, unknown> = {}) => ({
  decision_account: 'DECISION_ACCOUNT_SUSPENDED',
  end_date_account_restriction: '2026-07-01',
  decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
  illegal_content_legal_ground: 'Fraud under national criminal law',
  illegal_content_explanation: 'The account sells goods it never delivers.',
  content_type: ['CONTENT_TYPE_TEXT'],
  category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  content_date: '2026-05-30',
  application_date: '2026-06-01',
  decision_facts: 'Three buyers paid and received nothing.',
  source_type: 'SOURCE_TRUSTED_FLAGGER',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  puid,
  ...over,
});

const post = async (path: string, body: unknown, token = LOCAL_TRANSPARENCY_DATABASE_TOKEN) => {
  const response = await fetch(`${fake.endpoint}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json().catch(() => undefined)) as any };
};
const kept = async () => (await (await fetch(`${fake.endpoint}/fake/statements`)).json()) as { statements: Array<{ puid: string }>; requests: unknown[] };

describe('the local Transparency Database fake', () => {
  it('is started by the local stack, which names it in .local/endpoints.json', () => {
    // Prepare
    const { root, endpoints } = inject('localStack');

    // Act
    const written = JSON.parse(readFileSync(localPaths(root).endpoints, 'utf8')) as Record<string, string>;

    // Assess
    expect(written.transparencyDatabase).toBe(endpoints.transparencyDatabase);
    expect(endpoints.transparencyDatabase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a request without the token', async () => {
    // Act
    const answer = await post('/api/v1/statement', statement('sor_1'), 'wrong');

    // Assess
    expect(answer.status).toBe(401);
    expect((await kept()).statements).toEqual([]);
  });

  it('creates a valid statement once, and refuses its puid again as not unique', async () => {
    // Act
    const first = await post('/api/v1/statement', statement('sor_1'));
    const again = await post('/api/v1/statement', statement('sor_1'));

    // Assess
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ puid: 'sor_1', uuid: expect.any(String) });
    expect(again).toMatchObject({ status: 422, body: { errors: { puid: [DUPLICATE_PUID_MESSAGE] } } });
    expect((await kept()).statements.map((s) => s.puid)).toEqual(['sor_1']);
  });

  it('answers 422 with an errors map naming the broken rules of one statement', async () => {
    // Act
    const answer = await post('/api/v1/statement', statement('sor_2', { illegal_content_legal_ground: undefined, application_date: '2019-01-01' }));

    // Assess
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.body.errors).sort()).toEqual(['application_date', 'illegal_content_legal_ground']);
  });

  it('creates a valid batch, and refuses the whole of a batch with one invalid statement', async () => {
    // Act
    const good = await post('/api/v1/statements', { statements: [statement('sor_a'), statement('sor_b')] });
    const bad = await post('/api/v1/statements', { statements: [statement('sor_c'), statement('sor_d', { category: 'SPAM' })] });

    // Assess
    expect(good.status).toBe(201);
    expect(good.body.statements).toHaveLength(2);
    expect(bad).toMatchObject({ status: 422, body: { errors: { 'statements.1.category': expect.any(Array) } } });
    expect((await kept()).statements.map((s) => s.puid)).toEqual(['sor_a', 'sor_b']);
  });

  it('answers what a test asks (429 with Retry-After, then 500), then validates again', async () => {
    // Prepare
    await fetch(`${fake.endpoint}/fake/answers`, { method: 'POST', body: JSON.stringify({ status: 429, times: 1, retryAfter: '2' }) });

    // Act
    const busy = await post('/api/v1/statement', statement('sor_x'));
    const accepted = await post('/api/v1/statement', statement('sor_x'));
    await fetch(`${fake.endpoint}/fake/answers`, { method: 'POST', body: JSON.stringify({ status: 500, times: 1 }) });
    const failing = await post('/api/v1/statement', statement('sor_y'));

    // Assess
    expect([busy.status, busy.retryAfter]).toEqual([429, '2']);
    expect(accepted.status).toBe(201);
    expect(failing.status).toBe(500);
    expect((await kept()).requests).toHaveLength(3);
  });
});
