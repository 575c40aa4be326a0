import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiHandler, type RouteHandler } from '#shared/http/api-handler.ts';
import { type ProblemError, problems } from '#shared/http/problem.ts';
import { ProblemSchema } from '#shared/http/problem-schema.ts';
import { json, text } from '#shared/http/response.ts';
import type { HttpMethod } from '#shared/manifest/types.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { apiEvent, lambdaContext } from './support/api-event.ts';

/** Personal data a library might quote in its error message; it must never leave the process. */
const MARKER = 'ada.lovelace@example.com-MARKER-7f3a9c';

/** Everything written to stdout and stderr while a test runs (the logger writes there). */
let written: string[] = [];

beforeEach(() => {
  written = [];
  const capture = ((chunk: unknown): boolean => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every request counts as one through CloudFront: the origin check has tests of its own (http-request-guards). */
const throughCloudFront = { originCheck: { verify: async () => {} } };

/** Public routes named by their keys, each with its handler (the caller checks have tests of their own). */
const handlerWith = (handlers: Record<string, RouteHandler<'public'>>, mapError?: (error: unknown) => ProblemError | undefined) => {
  const routes = Object.keys(handlers).map((key) => {
    const [method, path] = key.split(' ') as [HttpMethod, string];
    return { method, path, function: 'test', caller: 'public' } as const;
  });
  return createApiHandler({ logger: createLogger('unit-test'), routes, handlers, guards: throughCloudFront, ...(mapError && { mapError }) });
};

const bodyOf = (result: { body?: string }) => ProblemSchema.parse(JSON.parse(result.body ?? ''));

describe('createApiHandler', () => {
  it("dispatches on the event's route key and returns the route's response", async () => {
    // Prepare
    const handler = handlerWith({
      'GET /v1/things': async () => json(200, { ok: 'things' }),
      'POST /v1/things': async () => json(201, { ok: 'created' }),
    });

    // Act
    const result = await handler(apiEvent({ routeKey: 'POST /v1/things' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '')).toEqual({ ok: 'created' });
  });

  it("answers a route's ProblemError with its status and headers as application/problem+json", async () => {
    // Prepare
    const handler = handlerWith({
      'POST /v1/things': async () => {
        throw problems.unauthorized('A valid bearer token is required.');
      },
    });

    // Act
    const result = await handler(apiEvent({ routeKey: 'POST /v1/things' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(401);
    expect(result.headers).toMatchObject({ 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' });
    expect(bodyOf(result)).toEqual({
      type: 'urn:user-protection:problem:unauthorized',
      title: 'Authentication required',
      status: 401,
      detail: 'A valid bearer token is required.',
    });
  });

  it('answers validation problems with their field errors', async () => {
    // Prepare
    const handler = handlerWith({
      'POST /v1/things': async () => {
        throw problems.validation([{ in: 'body', path: 'contact.email', message: 'Invalid email address' }]);
      },
    });

    // Act
    const result = await handler(apiEvent({ routeKey: 'POST /v1/things' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).errors).toEqual([{ in: 'body', path: 'contact.email', message: 'Invalid email address' }]);
  });

  it('answers an unknown route key with 404 problem+json', async () => {
    // Prepare
    const handler = handlerWith({ 'GET /v1/things': async () => json(200, {}) });

    // Act
    const result = await handler(apiEvent({ routeKey: 'DELETE /v1/things' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(bodyOf(result)).toMatchObject({ type: 'urn:user-protection:problem:not-found', status: 404 });
  });

  it("answers a route's HTML or CSV in its own content type, and its refusal (406) as problem+json", async () => {
    // Prepare
    const page = '<!doctype html><html lang="en"><title>x</title></html>';
    const handler = handlerWith({
      'GET /v1/page': async () => text(200, page, 'text/html; charset=utf-8', { 'content-language': 'en' }),
      'GET /v1/sheet': async () => text(200, 'a,b\r\n1,2\r\n', 'text/csv; charset=utf-8'),
      'GET /v1/refused': async () => {
        throw problems.notAcceptable(['text/csv']);
      },
    });

    // Act
    const html = await handler(apiEvent({ routeKey: 'GET /v1/page' }), lambdaContext());
    const csv = await handler(apiEvent({ routeKey: 'GET /v1/sheet' }), lambdaContext());
    const refused = await handler(apiEvent({ routeKey: 'GET /v1/refused' }), lambdaContext());

    // Assess
    expect([html.statusCode, html.headers?.['content-type'], html.headers?.['content-language'], html.body]).toEqual([200, 'text/html; charset=utf-8', 'en', page]);
    expect(html.headers).toMatchObject({ 'x-content-type-options': 'nosniff' });
    expect([csv.headers?.['content-type'], csv.body]).toEqual(['text/csv; charset=utf-8', 'a,b\r\n1,2\r\n']);
    expect([refused.statusCode, refused.headers?.['content-type']]).toEqual([406, 'application/problem+json']);
    expect(bodyOf(refused)).toMatchObject({ type: 'urn:user-protection:problem:not-acceptable', detail: 'Available representations: text/csv.' });
  });

  it("maps the context's own errors through mapError", async () => {
    // Prepare
    class GoneError extends Error {}
    const handler = handlerWith(
      {
        'GET /v1/things': async () => {
          throw new GoneError(MARKER);
        },
      },
      (error) => (error instanceof GoneError ? problems.notFound() : undefined),
    );

    // Act
    const result = await handler(apiEvent({ routeKey: 'GET /v1/things' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(404);
    expect(result.body).not.toContain(MARKER);
  });

  describe('an unexpected error', () => {
    const failing = (error: unknown) =>
      handlerWith({
        'POST /v1/things': async () => {
          throw error;
        },
      });

    it('becomes a generic 500 carrying the request id as correlation id', async () => {
      // Prepare
      const handler = failing(new Error(`Cannot store ${MARKER}`));

      // Act
      const result = await handler(apiEvent({ routeKey: 'POST /v1/things', requestId: 'req-abc-123' }), lambdaContext());

      // Assess
      expect(result.statusCode).toBe(500);
      expect(result.headers).toMatchObject({ 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
      expect(bodyOf(result)).toEqual({
        type: 'urn:user-protection:problem:internal',
        title: 'Internal error',
        status: 500,
        detail: expect.any(String),
        correlationId: 'req-abc-123',
      });
    });

    it('is logged once, with the correlation id, but its message reaches neither the response nor the logs', async () => {
      // Prepare
      const handler = failing(new Error(`Cannot store ${MARKER}`));

      // Act
      const result = await handler(apiEvent({ routeKey: 'POST /v1/things', requestId: 'req-abc-123' }), lambdaContext());

      // Assess
      const output = written.join('');
      expect(output.match(/request failed/g)).toHaveLength(1);
      expect(output).toContain('req-abc-123');
      expect(JSON.stringify(result)).not.toContain(MARKER);
      expect(output).not.toContain(MARKER);
      expect(output).not.toContain('Cannot store');
    });

    it('keeps a multi-line message out of the logs too (library messages often span lines)', async () => {
      // Prepare: e.g. a ZodError or an SDK error whose message quotes the input on its second line.
      const handler = failing(new Error(`Validation failed for item:\n  {"email": "${MARKER}"}`));

      // Act
      const result = await handler(apiEvent({ routeKey: 'POST /v1/things', requestId: 'req-multi' }), lambdaContext());

      // Assess
      const output = written.join('');
      expect(result.statusCode).toBe(500);
      expect(output).toContain('req-multi');
      expect(JSON.stringify(result)).not.toContain(MARKER);
      expect(output).not.toContain(MARKER);
    });

    it('handles a thrown non-Error value the same way', async () => {
      // Prepare
      const handler = failing(MARKER);

      // Act
      const result = await handler(apiEvent({ routeKey: 'POST /v1/things', requestId: 'req-string' }), lambdaContext());

      // Assess
      expect(result.statusCode).toBe(500);
      expect(bodyOf(result).correlationId).toBe('req-string');
      expect(JSON.stringify(result)).not.toContain(MARKER);
      expect(written.join('')).not.toContain(MARKER);
    });
  });

  it('never logs the request body or headers', async () => {
    // Prepare
    const handler = handlerWith({ 'POST /v1/things': async () => json(201, { id: 'x' }) });
    const event = apiEvent({
      routeKey: 'POST /v1/things',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MARKER}` },
      body: JSON.stringify({ email: MARKER }),
    });

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
    expect(result.statusCode).toBe(201);
    expect(written.join('')).toContain('request completed');
    expect(written.join('')).not.toContain(MARKER);
  });

  it("logs each request's lines with its own route, correlation id and function context", async () => {
    // Prepare
    const handler = handlerWith({
      'POST /v1/things': async () => json(201, { id: 'x' }),
      'GET /v1/things': async () => json(200, { items: [] }),
    });
    const second = lambdaContext();

    // Act
    await handler(apiEvent({ routeKey: 'POST /v1/things', requestId: 'req-first' }), lambdaContext());
    await handler(apiEvent({ routeKey: 'GET /v1/things', requestId: 'req-second' }), second);

    // Assess
    const completed = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('request completed'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(completed.map(({ routeKey, correlationId, status }) => ({ routeKey, correlationId, status }))).toEqual([
      { routeKey: 'POST /v1/things', correlationId: 'req-first', status: 201 },
      { routeKey: 'GET /v1/things', correlationId: 'req-second', status: 200 },
    ]);
    expect(completed[1]).toMatchObject({ function_name: second.functionName, function_request_id: second.awsRequestId });
  });

  it('answers 500 with the correlation id just before the function would time out, rather than leaving the client to the gateway', async () => {
    // Prepare: a route that never answers, in a function with 50 ms left.
    const handler = handlerWith({ 'POST /v1/things': () => new Promise(() => {}) });
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 50 };

    // Act
    const result = await handler(apiEvent({ routeKey: 'POST /v1/things', requestId: 'req-slow' }), context);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(bodyOf(result).correlationId).toBe('req-slow');
    const failed = written.join('').split('\n').find((line) => line.includes('request failed'));
    expect(JSON.parse(failed!)).toMatchObject({ errorName: 'TimeoutError', correlationId: 'req-slow' });
  });
});

describe('ProblemError', () => {
  it('carries its problem and uses the detail as its message', () => {
    // Act
    const error = problems.payloadTooLarge(65_536);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error.problem).toEqual({
      type: 'urn:user-protection:problem:payload-too-large',
      title: 'Request body too large',
      status: 413,
      detail: 'The body must not exceed 65536 bytes.',
    });
    expect(error.message).toBe('The body must not exceed 65536 bytes.');
  });

  it('lists the allowed methods on a 405', () => {
    // Act
    const error = problems.methodNotAllowed(['GET', 'POST']);

    // Assess
    expect(error.problem.status).toBe(405);
    expect(error.headers).toEqual({ allow: 'GET, POST' });
  });
});

describe('createApiHandler: the caller each route admits, checked once', () => {
  const routes = [
    { method: 'GET', path: '/v1/open', function: 'test', caller: 'public' },
    { method: 'GET', path: '/v1/mine', function: 'test', caller: 'person' },
    { method: 'POST', path: '/v1/intake', function: 'test', caller: 'machine', scopes: ['content.review'] },
  ] as const;
  const seen: unknown[] = [];
  const handler = createApiHandler({
    logger: createLogger('unit-test'),
    routes,
    guards: throughCloudFront,
    refusals: { machine: 'Integrations use /v1/intake.' },
    handlers: {
      'GET /v1/open': async ({ caller }) => {
        seen.push(caller);
        return json(200, {});
      },
      'GET /v1/mine': async ({ caller }) => json(200, { sub: caller.sub, kind: caller.kind }),
      'POST /v1/intake': async ({ caller }) => json(200, { sub: caller.sub, kind: caller.kind }),
    },
  });
  const machineClaims = { sub: 'client-1', client_id: 'client-1', scope: 'user-protection/content.review' };

  it('hands a public route no caller, even with a token', async () => {
    // Act
    const result = await handler(apiEvent({ routeKey: 'GET /v1/open' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(200);
    expect(seen.at(-1)).toBeUndefined();
  });

  it("hands a person's route the person, and refuses a machine client's token with the context's 403", async () => {
    // Act
    const person = await handler(apiEvent({ routeKey: 'GET /v1/mine', claims: { sub: 'user-1', username: 'user-1' } }), lambdaContext());
    const machine = await handler(apiEvent({ routeKey: 'GET /v1/mine', claims: machineClaims }), lambdaContext());

    // Assess
    expect(JSON.parse(person.body ?? '')).toEqual({ sub: 'user-1', kind: 'person' });
    expect(machine.statusCode).toBe(403);
    expect(bodyOf(machine).detail).toBe('Integrations use /v1/intake.');
  });

  it("hands a machine route the client holding one of its scopes, and refuses a person's token or a client without the scope", async () => {
    // Act
    const client = await handler(apiEvent({ routeKey: 'POST /v1/intake', claims: machineClaims }), lambdaContext());
    const person = await handler(apiEvent({ routeKey: 'POST /v1/intake', claims: { sub: 'user-1', username: 'user-1' } }), lambdaContext());
    const unscoped = await handler(
      apiEvent({ routeKey: 'POST /v1/intake', claims: { ...machineClaims, scope: 'user-protection/moderation.enforcement' } }),
      lambdaContext(),
    );

    // Assess
    expect(JSON.parse(client.body ?? '')).toEqual({ sub: 'client-1', kind: 'machine' });
    expect([person.statusCode, unscoped.statusCode]).toEqual([403, 403]);
    expect(bodyOf(unscoped).detail).toContain('user-protection/content.review');
  });

  it('answers 401 on a route that needs a token and got none', async () => {
    // Act
    const result = await handler(apiEvent({ routeKey: 'GET /v1/mine', claims: {} }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(401);
  });
});

describe('machine routes without scopes', () => {
  it('admit no machine client at all (fail closed), whatever scopes its token carries', async () => {
    // Prepare
    const routes = [{ method: 'POST', path: '/v1/unscoped', function: 'test', caller: 'machine' }] as const;
    const handler = createApiHandler({
      logger: createLogger('unit-test'),
      routes,
      handlers: { 'POST /v1/unscoped': async () => json(200, {}) },
      guards: throughCloudFront,
    });
    const claims = { sub: 'client-1', client_id: 'client-1', scope: 'user-protection/content.review' };

    // Act
    const result = await handler(apiEvent({ routeKey: 'POST /v1/unscoped', claims }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(403);
  });
});
