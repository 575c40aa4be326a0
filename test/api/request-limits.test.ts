import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routes } from '#infra/manifest.ts';
import { ProblemSchema } from '#shared/http/problem-schema.ts';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

/** The routes whose manifest entry declares a per-caller limit. */
const limitedRoutes = routes.filter((route) => route.limit);

describe('per-caller limits, against the local server', () => {
  it('documents a 429 problem+json with Retry-After for every limited route', async () => {
    // Act
    const document = (await http('GET', '/v1/openapi.json')).json;

    // Assess
    expect(limitedRoutes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['POST /v1/complaints', 'POST /v1/complaints/{id}/messages', 'POST /v1/reports', 'POST /v1/reports/anonymous', 'POST /v1/appeals']),
    );
    for (const route of limitedRoutes) {
      const refused = document.paths[route.path][route.method.toLowerCase()].responses['429'];
      expect(refused?.content?.['application/problem+json'], `${route.method} ${route.path}`).toBeDefined();
      expect(refused?.headers?.['retry-after']?.schema?.type, `${route.method} ${route.path}`).toBe('string');
    }
  });

  it("answers a person's request beyond the limit of POST /v1/appeals with the documented 429, counting refused bodies too", async () => {
    // Prepare: a person of their own, so no other test's requests count
    const token = await tokenFor(`limited-${randomUUID()}`);
    const limit = routes.find((route) => route.method === 'POST' && route.path === '/v1/appeals')!.limit!;
    const document = (await http('GET', '/v1/openapi.json')).json;
    const retryAfter = new RegExp(document.paths['/v1/appeals'].post.responses['429'].headers['retry-after'].schema.pattern);

    // Act: invalid bodies, answered 400 by the route, use up the window as well as valid ones would
    const within: number[] = [];
    for (let i = 0; i < limit.perCaller; i += 1) within.push((await http('POST', '/v1/appeals', { token, body: {} })).status);
    const beyond = await http('POST', '/v1/appeals', { token, body: {} });
    const otherPerson = await http('POST', '/v1/appeals', { token: await tokenFor(`other-${randomUUID()}`), body: {} });

    // Assess
    expect(new Set(within)).toEqual(new Set([400]));
    expect(beyond.status).toBe(429);
    expect(beyond.headers.get('content-type')).toBe('application/problem+json');
    expect(ProblemSchema.parse(beyond.json)).toMatchObject({ status: 429, type: 'urn:user-protection:problem:too-many-requests' });
    const seconds = beyond.headers.get('retry-after') ?? '';
    expect(seconds).toMatch(retryAfter);
    expect(Number(seconds)).toBeLessThanOrEqual(3600);
    expect(otherPerson.status).toBe(400);
  });
});

describe('the filing limit, counted in the filing\u2019s own transaction', () => {
  it('refuses the filing beyond the limit with the documented 429 and stores nothing of it; refused bodies count too', async () => {
    // Prepare: a person of their own, so no other test's filings count
    const token = await tokenFor(`filer-${randomUUID()}`);
    const limit = routes.find((route) => route.method === 'POST' && route.path === '/v1/complaints')!.limit!;
    const complaint = { channel: 'web', category: 'service_quality', subject: 'Checkout fails', description: 'The checkout page times out.' };

    // Act: all but one of the window's uses as filings, one as a body the route refuses, then one more filing
    const filed: number[] = [];
    for (let i = 0; i < limit.perCaller - 1; i += 1) filed.push((await http('POST', '/v1/complaints', { token, body: complaint })).status);
    const refusedBody = await http('POST', '/v1/complaints', { token, body: {} });
    const beyond = await http('POST', '/v1/complaints', { token, body: complaint });
    const own = await http('GET', `/v1/complaints?limit=${limit.perCaller}`, { token });

    // Assess
    expect(new Set(filed)).toEqual(new Set([201]));
    expect(refusedBody.status).toBe(400);
    expect(beyond.status).toBe(429);
    expect(ProblemSchema.parse(beyond.json)).toMatchObject({ status: 429, type: 'urn:user-protection:problem:too-many-requests' });
    expect(Number(beyond.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(own.json.items).toHaveLength(limit.perCaller - 1);
  });
});
