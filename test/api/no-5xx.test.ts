import { beforeAll, describe, expect, it } from 'vitest';
import { roles, routes } from '#infra/manifest.ts';
import { machineClientNames } from '#infra/local/identity.ts';
import { concurrencyLimit } from '#shared/concurrency.ts';
import { http } from '../support/http.ts';
import { machineTokenFor, tokenFor } from '../support/tokens.ts';

/**
 * Every route of the API, as people and integrations of every kind, with bodies, path
 * parameters and query strings that are wrong in every way we could think of: not one answer
 * may be a 5xx, and every refusal is problem+json. (Right input is the other tests' business.)
 */

/** Every role, and every integration client (each holds the scopes of its own routes). */
const callers: Array<{ name: string; token: () => Promise<string> }> = [
  ...roles.map((role) => ({ name: role, token: () => tokenFor(`fuzz-${role}`, role) })),
  ...machineClientNames.map((client) => ({ name: client, token: () => machineTokenFor(client) })),
];

const bodies: Array<{ name: string; rawBody?: string | Buffer; body?: unknown }> = [
  { name: 'malformed JSON', rawBody: '{"a":' },
  { name: 'a JSON array', body: [1, 2, 3] },
  { name: 'a JSON string', body: 'hello' },
  { name: 'null', rawBody: 'null' },
  { name: 'an object of wrong types', body: { id: 1, status: [], priority: {}, body: 42, answers: 'x', category: null } },
  { name: 'deep nesting', rawBody: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { name: 'binary', rawBody: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]) },
  { name: 'control characters', body: { subject: '\u0000\u001b[31m', body: '\u202e', explanation: '\u0007' } },
];

const weirdSegments = ['..%2F..%2Fetc', 'x'.repeat(400), '%F0%9F%92%A9', 'cmp_00000000000000000000000000', '%00', 'null'];

const path = (template: string, segment: string) => template.replace(/\{\w+\}/g, segment);

describe('no input makes any route answer 5xx', () => {
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    for (const caller of callers) tokens.set(caller.name, await caller.token());
  });

  it.each(routes.map((route) => ({ route: `${route.method} ${route.path}`, ...route })))(
    '$route',
    async ({ method, path: template }) => {
      // Prepare: every caller, every bad body (for methods with one), weird path segments and queries.
      const requests: Array<() => ReturnType<typeof http>> = [];
      for (const caller of callers) {
        const token = tokens.get(caller.name)!;
        for (const segment of template.includes('{') ? weirdSegments : ['']) {
          const target = template.includes('{') ? path(template, segment) : template;
          requests.push(() => http(method, `${target}?limit=-1&cursor=%%&from=9999-99&granularity=%00&x=1&x=2`, { token }));
          if (method !== 'GET' && method !== 'DELETE') {
            for (const bad of bodies) {
              requests.push(() =>
                http(method, target, {
                  token,
                  ...(bad.rawBody !== undefined ? { rawBody: bad.rawBody } : { body: bad.body }),
                  headers: { 'content-type': 'application/json' },
                }),
              );
            }
          }
        }
      }

      // Act: a few at a time, so that the test, the server and DynamoDB Local work side by side.
      const limited = concurrencyLimit(8);
      const answers = await Promise.all(requests.map((send) => limited(send)));

      // Assess: some caller got past authorisation (so the handler itself was probed), none got a 5xx.
      expect(answers.some((a) => a.status !== 401 && a.status !== 403)).toBe(true);
      const serverErrors = answers.filter((a) => a.status >= 500).map((a) => `${a.status} ${a.text.slice(0, 200)}`);
      expect(serverErrors).toEqual([]);
      for (const answer of answers.filter((a) => a.status >= 400)) {
        expect(answer.headers.get('content-type'), answer.text).toBe('application/problem+json');
      }
    },
    60_000,
  );
});
