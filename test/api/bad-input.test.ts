import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER } from '#infra/local/identity.ts';
import { http, type HttpAnswer } from '../support/http.ts';
import { machineTokenFor, tokenFor } from '../support/tokens.ts';

const valid = { channel: 'web', category: 'other', subject: 'S', description: 'D' };

const expectProblem = (answer: HttpAnswer, status: number) => {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.json).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
};

describe('bad input gets a 4xx problem+json answer, never a 5xx', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(`prober-${randomUUID()}`);
  });

  it.each([
    ['malformed JSON', { rawBody: '{"channel":', headers: { 'content-type': 'application/json' } }, 400, []],
    ['a JSON array', { body: [valid] }, 400, ['']],
    ['JSON null', { rawBody: 'null', headers: { 'content-type': 'application/json' } }, 400, ['']],
    ['no content type', { rawBody: JSON.stringify(valid) }, 415, []],
    ['a form post', { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, []],
    ['an unknown field', { body: { ...valid, priority: 'urgent' } }, 400, ['priority']],
    ['an unknown field in contact', { body: { ...valid, contact: { email: 'a@b.co', fax: '1' } } }, 400, ['contact.fax']],
    ['a mistyped field', { body: { ...valid, subject: 42 } }, 400, ['subject']],
    ['an unknown channel', { body: { ...valid, channel: 'pigeon' } }, 400, ['channel']],
    ["an integration's channel, with a person's token", { body: { ...valid, channel: 'phone' } }, 400, ['channel']],
    ['a 201-character subject', { body: { ...valid, subject: 'x'.repeat(201) } }, 400, ['subject']],
    ['a 5001-character description', { body: { ...valid, description: 'x'.repeat(5001) } }, 400, ['description']],
    ['a bad email', { body: { ...valid, contact: { email: 'not-an-email' } } }, 400, ['contact.email']],
    ['a javascript: URL', { body: { ...valid, relatedContentUrl: 'javascript:alert(1)' } }, 400, ['relatedContentUrl']],
    ['missing fields', { body: {} }, 400, ['channel', 'category', 'subject', 'description']],
    ['a body over 64 KiB', { body: { ...valid, description: 'x'.repeat(70_000) } }, 413, []],
  ])('POST /v1/complaints with %s', async (_name, request, status, paths) => {
    // Act
    const answer = await http('POST', '/v1/complaints', { token, ...request });

    // Assess
    expectProblem(answer, status);
    if (paths.length > 0) {
      expect(answer.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([...paths].sort());
    }
  });

  it.each([
    ['limit=0', 400],
    ['limit=101', 400],
    ['limit=ten', 400],
    ['limit=1&limit=2', 400],
    ['cursor=forged', 400],
    [`cursor=${Buffer.from('{"pk":"COMPLAINT#x"}').toString('base64url')}`, 400],
    ['sort=desc', 400],
  ])('GET /v1/complaints?%s', async (query, status) => {
    expectProblem(await http('GET', `/v1/complaints?${query}`, { token }), status);
  });

  it.each([
    ['an id of the wrong shape', '/v1/complaints/12345', 400],
    ['an unknown id', '/v1/complaints/cmp_01J0000000000000000000000Z', 404],
    ['an encoded slash', '/v1/complaints/cmp_..%2F..%2Fetc', 400],
    ['an unknown route', '/v1/nothing-here', 404],
  ])('GET with %s', async (_name, path, status) => {
    expectProblem(await http('GET', path, { token }), status);
  });

  it('answers a method the route does not accept with 405 and Allow', async () => {
    const answer = await http('DELETE', '/v1/complaints', { token });
    expectProblem(answer, 405);
    expect(answer.headers.get('allow')).toBe('POST, GET');
  });

  it('refuses a body beyond the gateway limit with 413', async () => {
    const answer = await http('POST', '/v1/complaints', {
      token,
      rawBody: Buffer.alloc(11 * 1024 * 1024, 0x61),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(answer, 413);
  });

  describe('tokens', () => {
    const forge = async (claims: Record<string, unknown>, options: { expired?: boolean; issuer?: string } = {}) => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ client_id: LOCAL_CLIENT_ID, 'cognito:groups': ['admin'], ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
        .setIssuer(options.issuer ?? LOCAL_ISSUER)
        .setSubject('intruder')
        .setExpirationTime(options.expired ? Math.floor(Date.now() / 1000) - 60 : '1h')
        .sign(privateKey);
    };
    const unsigned = () =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: 'intruder', iss: LOCAL_ISSUER, client_id: LOCAL_CLIENT_ID, exp: 9999999999 }),
      ).toString('base64url')}.`;

    it.each([
      ['no Authorization header', async () => undefined],
      ['a Basic credential', async () => 'Basic YWxpY2U6c2VjcmV0'],
      ['a garbage token', async () => 'Bearer not.a.jwt'],
      ['an unsigned token', async () => `Bearer ${unsigned()}`],
      ['a token signed by another key', async () => `Bearer ${await forge({})}`],
      ['an expired token', async () => `Bearer ${await tokenFor('late', 'user', -60)}`],
    ])('refuses %s with 401 and WWW-Authenticate', async (_name, authorization) => {
      // Prepare
      const header = await authorization();

      // Act
      const answers = await Promise.all([
        http('GET', '/v1/complaints', { headers: header ? { authorization: header } : {} }),
        http('POST', '/v1/complaints', { body: valid, headers: header ? { authorization: header } : {} }),
      ]);

      // Assess
      for (const answer of answers) {
        expectProblem(answer, 401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      }
    });
  });

  it('keeps serving after a storm of random bodies, none of which gets a 5xx', async () => {
    // Prepare: random JSON-ish and binary bodies
    const randomValue = (depth: number): unknown => {
      const pick = Math.floor(Math.random() * 7);
      if (depth > 2 || pick === 0) return Math.random() > 0.5 ? Math.random() * 1e6 : null;
      if (pick === 1) return 'x'.repeat(Math.floor(Math.random() * 300));
      if (pick === 2) return [randomValue(depth + 1), randomValue(depth + 1)];
      if (pick === 3) return true;
      if (pick === 4) return String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(Math.random() * 0xffff)));
      return { ...valid, [['channel', 'subject', 'contact', 'x'][Math.floor(Math.random() * 4)]!]: randomValue(depth + 1) };
    };
    const bodies = Array.from({ length: 120 }, (_, i) =>
      i % 4 === 0 ? Buffer.from(Array.from({ length: 64 }, () => Math.floor(Math.random() * 256))) : JSON.stringify(randomValue(0)),
    );

    // A person of its own: the storm uses up that person's filings for the hour (per-person limit, 429).
    const stormToken = await tokenFor(`storm-${randomUUID()}`);

    // Act
    const statuses: number[] = [];
    for (const rawBody of bodies) {
      const answer = await http('POST', '/v1/complaints', { token: stormToken, rawBody, headers: { 'content-type': 'application/json' } });
      statuses.push(answer.status);
    }
    const health = await http('GET', '/health');

    // Assess
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(health.status).toBe(200);
  });

  describe('customer-service routes', () => {
    let agent: string;
    let social: string;
    let id: string;
    beforeAll(async () => {
      agent = await tokenFor(`agent-${randomUUID()}`, 'agent');
      social = await machineTokenFor('social');
      id = (await http('POST', '/v1/complaints', { token, body: valid })).json.id;
    });
    const json = (body: unknown) => ({ body });

    it.each([
      ['POST', 'messages', { rawBody: '{"body":', headers: { 'content-type': 'application/json' } }, 400, []],
      ['POST', 'messages', json({ body: '' }), 400, ['body']],
      ['POST', 'messages', json({ body: 'x'.repeat(5001) }), 400, ['body']],
      ['POST', 'messages', json({ body: 'hi', visibility: 'secret' }), 400, ['visibility']],
      ['POST', 'messages', json({ body: 'hi', awaitUser: 'yes' }), 400, ['awaitUser']],
      ['POST', 'messages', json({ body: 'hi', cc: 'boss' }), 400, ['cc']],
      ['POST', 'messages', json({ body: 'bell \u0007 rings' }), 400, ['body']],
      ['POST', 'status', json({ status: 'received' }), 400, ['status']],
      ['POST', 'status', json({ status: 'done' }), 400, ['status']],
      ['POST', 'status', json({}), 400, ['status']],
      ['PATCH', '', json({ priority: 'critical' }), 400, ['priority']],
      ['PATCH', '', json({ priority: 'high', status: 'open' }), 400, ['status']],
      ['PUT', 'assignee', json({ assigneeId: 'a b' }), 400, ['assigneeId']],
      ['PUT', 'assignee', json({}), 400, ['assigneeId']],
      ['POST', 'status', json({ status: 'resolved' }), 409, []],
      ['POST', 'status', json({ status: 'waiting_on_user' }), 409, []],
    ])('%s /v1/complaints/{id}/%s with %j', async (method, sub, request, status, paths) => {
      // Act
      const answer = await http(method, `/v1/complaints/${id}${sub ? `/${sub}` : ''}`, { token: agent, ...request });

      // Assess
      expectProblem(answer, status);
      if (paths.length > 0) expect(answer.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(paths);
    });

    it.each([
      ['/v1/work-queue?status=lost', ['status']],
      ['/v1/work-queue?priority=critical', ['priority']],
      ['/v1/work-queue?assignee=a%20b', ['assignee']],
      ['/v1/work-queue?limit=0', ['limit']],
      ['/v1/work-queue?cursor=forged', ['cursor']],
      ['/v1/work-queue?sort=due', ['sort']],
      ['/v1/figures/customer-service?granularity=week', ['granularity']],
      ['/v1/figures/customer-service?granularity=month&from=2026-13', ['from']],
      ['/v1/figures/customer-service?granularity=day&from=2026-11', ['from']],
      ['/v1/figures/customer-service?from=2026-05&to=2026-04', ['from']],
      ['/v1/figures/customer-service?granularity=month&from=2020-01&to=2026-11', ['from']],
      [`/v1/complaints/${'cmp_01J0000000000000000000000Z'}/history?limit=1000`, ['limit']],
    ])('GET %s', async (path, paths) => {
      // Act
      const answer = await http('GET', path, { token: agent });

      // Assess
      expectProblem(answer, 400);
      expect(answer.json.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    });

    it.each([
      ['an unknown channel', 'fax', { messageId: 'm1', externalRef: '@a', category: 'other', subject: 'S', description: 'D' }, ['channel']],
      ['no message id', 'social', { externalRef: '@a', category: 'other', subject: 'S', description: 'D' }, ['messageId']],
      ['a message id with spaces', 'social', { messageId: 'a b', externalRef: '@a', category: 'other', subject: 'S', description: 'D' }, ['messageId']],
      ['no external reference', 'social', { messageId: 'm2', category: 'other', subject: 'S', description: 'D' }, ['externalRef']],
    ])('POST /v1/channels/{channel}/complaints with %s', async (_name, channel, body, paths) => {
      // Act
      const answer = await http('POST', `/v1/channels/${channel}/complaints`, { token: social, body });

      // Assess
      expectProblem(answer, 400);
      expect(answer.json.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    });

    it('refuses, at the gateway, a person token on the channel route and a machine token without the scope', async () => {
      // Act
      const person = await http('POST', '/v1/channels/social/complaints', { token, body: {} });
      const stranger = await http('POST', '/v1/channels/email/complaints', { token: social, body: {} });

      // Assess
      expectProblem(person, 403);
      expectProblem(stranger, 403);
    });
  });
});
