import { describe, expect, it, vi } from 'vitest';
import { createApiHandler, type RouteHandler } from '#shared/http/api-handler.ts';
import { problems } from '#shared/http/problem.ts';
import { createOriginCheck, originCheckFromEnvironment, type OriginCheck } from '#shared/http/origin-verification.ts';
import { ProblemSchema } from '#shared/http/problem-schema.ts';
import { tooManyRequests, type LimitedUse, type RequestLimiter, type StagedLimitUse } from '#shared/http/request-limits.ts';
import { json } from '#shared/http/response.ts';
import { originVerification } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { apiEvent, lambdaContext } from './support/api-event.ts';

const CURRENT = 'current-origin-secret-value';
const PREVIOUS = 'previous-origin-secret-value';

/** An origin check whose secret is CURRENT, and PREVIOUS while a rotation is under way. */
const checkWith = (accepted: string[]): OriginCheck => createOriginCheck({ accepted: async () => accepted });
/** A limiter that records each use and refuses the uses beyond `allowed` of each caller. */
const countingLimiter = (allowed: number) => {
  const uses: LimitedUse[] = [];
  const limiter: RequestLimiter = {
    async take(use) {
      uses.push(use);
      if (uses.filter((seen) => seen.caller === use.caller && seen.routeKey === use.routeKey).length > allowed) throw tooManyRequests(42);
    },
    stage() {
      throw new Error('No route of these tests writes its limit with the change');
    },
  };
  return { limiter, uses };
};

const routes = [
  { method: 'GET', path: '/health', function: 'test', caller: 'public' },
  { method: 'POST', path: '/v1/things', function: 'test', caller: 'person', limit: { perCaller: 2, per: 'hour' } },
  { method: 'POST', path: '/v1/anonymous-things', function: 'test', caller: 'public', limit: { perCaller: 1, per: 'hour' } },
  { method: 'POST', path: '/v1/intake', function: 'test', caller: 'machine', scopes: ['content.review'], limit: { perCaller: 1, per: 'hour' } },
] as const;

const handlerWith = (originCheck: OriginCheck, limiter: RequestLimiter = countingLimiter(100).limiter) => {
  const handled = vi.fn(async () => json(200, { ok: true }));
  const handler = createApiHandler({
    logger: createLogger('unit-test'),
    routes,
    handlers: { 'GET /health': handled, 'POST /v1/things': handled, 'POST /v1/anonymous-things': handled, 'POST /v1/intake': handled },
    guards: { originCheck, limiter },
  });
  return { handler, handled };
};

const withOriginHeader = (value: string | undefined, overrides: Parameters<typeof apiEvent>[0] = {}) => {
  const event = apiEvent(overrides);
  if (value !== undefined) event.headers = { ...event.headers, [originVerification.header]: value };
  return event;
};

describe('the origin check: requests must come through CloudFront', () => {
  it.each([
    ['without the header', undefined],
    ['with a wrong value', 'not-the-secret'],
    ['with an empty value', ''],
  ])('refuses a request %s with 403 problem+json, before the route (even /health) runs', async (_name, value) => {
    // Prepare
    const { handler, handled } = handlerWith(checkWith([CURRENT]));

    // Act
    const result = await handler(withOriginHeader(value, { routeKey: 'GET /health' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(403);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(ProblemSchema.parse(JSON.parse(result.body ?? '')).type).toBe('urn:user-protection:problem:forbidden');
    expect(handled).not.toHaveBeenCalled();
  });

  it('refuses before anything else: an unknown route or a missing token is answered 403, not 404 or 401', async () => {
    // Prepare
    const { handler } = handlerWith(checkWith([CURRENT]));

    // Act
    const unknown = await handler(withOriginHeader(undefined, { routeKey: 'GET /nowhere' }), lambdaContext());
    const noToken = await handler(withOriginHeader('wrong', { routeKey: 'POST /v1/things', claims: {} }), lambdaContext());

    // Assess
    expect([unknown.statusCode, noToken.statusCode]).toEqual([403, 403]);
  });

  it.each([
    ['the current value', CURRENT],
    ['the previous value, during a rotation', PREVIOUS],
  ])('accepts %s', async (_name, value) => {
    // Prepare
    const { handler, handled } = handlerWith(checkWith([CURRENT, PREVIOUS]));

    // Act
    const result = await handler(withOriginHeader(value, { routeKey: 'GET /health' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(200);
    expect(handled).toHaveBeenCalledOnce();
  });

  it("reads the viewer's address from CloudFront-Viewer-Address once the header is verified", async () => {
    // Prepare
    const { handler, handled } = handlerWith(checkWith([CURRENT]));
    const v4 = withOriginHeader(CURRENT, { routeKey: 'GET /health' });
    v4.headers['cloudfront-viewer-address'] = '203.0.113.7:46532';
    const v6 = withOriginHeader(CURRENT, { routeKey: 'GET /health' });
    v6.headers['cloudfront-viewer-address'] = '2001:db8::1:443';

    // Act
    await handler(v4, lambdaContext());
    await handler(v6, lambdaContext());

    // Assess
    const seen = handled.mock.calls.map((call) => (call as unknown as [{ event: typeof v4 }])[0].event.requestContext.http.sourceIp);
    expect(seen).toEqual(['203.0.113.7', '2001:db8::1']);
  });

  it('is off on the local stage only; elsewhere a missing secret ARN stops the function at cold start', () => {
    // Act + Assess
    expect(originCheckFromEnvironment({ STAGE: 'local' })).toBeUndefined();
    expect(originCheckFromEnvironment({ STAGE: 'dev', [originVerification.secretArnEnv]: 'arn:aws:secretsmanager:eu-central-1:1:secret:x' })).toBeDefined();
    expect(() => originCheckFromEnvironment({ STAGE: 'prod' })).toThrow(originVerification.secretArnEnv);
    expect(() => originCheckFromEnvironment({})).toThrow(/STAGE/);
  });
});

describe('per-caller limits of the routes that declare one', () => {
  const open = checkWith([CURRENT]);
  const person = { sub: 'person-1', username: 'person-1' };

  it('answers 429 problem+json with Retry-After beyond the limit, without running the route', async () => {
    // Prepare
    const { limiter } = countingLimiter(2);
    const { handler, handled } = handlerWith(open, limiter);
    const call = () => handler(withOriginHeader(CURRENT, { routeKey: 'POST /v1/things', claims: person }), lambdaContext());

    // Act
    const statuses = [(await call()).statusCode, (await call()).statusCode];
    const refused = await call();

    // Assess
    expect(statuses).toEqual([200, 200]);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['retry-after']).toBe('42');
    expect(ProblemSchema.parse(JSON.parse(refused.body ?? '')).status).toBe(429);
    expect(handled).toHaveBeenCalledTimes(2);
  });

  it('counts a person by account, a client by client, an anonymous caller by viewer address; unlimited routes not at all', async () => {
    // Prepare
    const { limiter, uses } = countingLimiter(100);
    const { handler } = handlerWith(open, limiter);
    const anonymous = withOriginHeader(CURRENT, { routeKey: 'POST /v1/anonymous-things', claims: {} });
    anonymous.headers['cloudfront-viewer-address'] = '198.51.100.4:5555';

    // Act
    await handler(withOriginHeader(CURRENT, { routeKey: 'POST /v1/things', claims: person }), lambdaContext());
    await handler(withOriginHeader(CURRENT, { routeKey: 'POST /v1/intake', claims: { sub: 'client-9', client_id: 'client-9', scope: 'user-protection/content.review' } }), lambdaContext());
    await handler(anonymous, lambdaContext());
    await handler(withOriginHeader(CURRENT, { routeKey: 'GET /health' }), lambdaContext());

    // Assess
    expect(uses.map(({ routeKey, caller }) => [routeKey, caller])).toEqual([
      ['POST /v1/things', 'person:person-1'],
      ['POST /v1/intake', 'machine:client-9'],
      ['POST /v1/anonymous-things', 'address:198.51.100.4'],
    ]);
  });

  it('checks the origin before it counts: a request around CloudFront uses up nobody\u2019s limit', async () => {
    // Prepare
    const { limiter, uses } = countingLimiter(100);
    const { handler } = handlerWith(open, limiter);

    // Act
    const result = await handler(withOriginHeader(undefined, { routeKey: 'POST /v1/things', claims: person }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(403);
    expect(uses).toEqual([]);
  });
});

describe('a limit written with the change: counted in the route\u2019s own transaction', () => {
  const person = { sub: 'person-1', username: 'person-1' };
  const changeRoutes = [
    { method: 'POST', path: '/v1/changes', function: 'test', caller: 'person', limit: { perCaller: 1, per: 'hour', written: 'with-the-change' } },
  ] as const;
  const stagedItem = { Update: { TableName: 'request-limits', Key: { id: 'window' }, UpdateExpression: 'ADD uses :one' } };

  /** A limiter that stages one item and records the uses it takes on its own, refusing from the `allowed`+1st. */
  const stagingLimiter = (allowed: number) => {
    const taken: LimitedUse[] = [];
    const limiter: RequestLimiter = {
      async take(use) {
        taken.push(use);
        if (taken.length > allowed) throw tooManyRequests(7);
      },
      stage: () => {
        // As the real limiter: the refusal settles the use.
        const staged: StagedLimitUse = { item: stagedItem, refusal: () => ((staged.settled = true), tooManyRequests(9)), settled: false };
        return staged;
      },
    };
    return { limiter, taken };
  };
  const handlerFor = (limiter: RequestLimiter, route: RouteHandler) =>
    createApiHandler({ logger: createLogger('unit-test'), routes: changeRoutes, handlers: { 'POST /v1/changes': route }, guards: { originCheck: checkWith([CURRENT]), limiter } });
  const call = (handler: ReturnType<typeof handlerFor>) =>
    handler(withOriginHeader(CURRENT, { routeKey: 'POST /v1/changes', claims: person }), lambdaContext());

  it('hands the route the item to write, and takes nothing more once its transaction wrote it', async () => {
    // Prepare
    const { limiter, taken } = stagingLimiter(0);
    const seen: unknown[] = [];
    const handler = handlerFor(limiter, async ({ limitUse }) => {
      seen.push(limitUse?.item);
      if (limitUse) limitUse.settled = true;
      return json(201, { ok: true });
    });

    // Act
    const result = await call(handler);

    // Assess
    expect(result.statusCode).toBe(201);
    expect(seen).toEqual([stagedItem]);
    expect(taken).toEqual([]);
  });

  it('counts a request that wrote no change on its own after the route, and answers 429 instead beyond the limit', async () => {
    // Prepare: the route refuses every body, so it never writes the staged use
    const { limiter, taken } = stagingLimiter(1);
    const handler = handlerFor(limiter, async () => {
      throw problems.validation([{ in: 'body', path: '', message: 'Invalid' }]);
    });

    // Act
    const first = await call(handler);
    const second = await call(handler);

    // Assess
    expect([first.statusCode, second.statusCode]).toEqual([400, 429]);
    expect(second.headers?.['retry-after']).toBe('7');
    expect(taken.map((use) => use.routeKey)).toEqual(['POST /v1/changes', 'POST /v1/changes']);
  });

  it('answers the staged refusal when the transaction found the window full', async () => {
    // Prepare
    const { limiter, taken } = stagingLimiter(100);
    const handler = handlerFor(limiter, async ({ limitUse }) => {
      throw limitUse!.refusal();
    });

    // Act
    const result = await call(handler);

    // Assess
    expect(result.statusCode).toBe(429);
    expect(result.headers?.['retry-after']).toBe('9');
    // The transaction found the window full: nothing is taken again after it.
    expect(taken).toEqual([]);
  });
});
