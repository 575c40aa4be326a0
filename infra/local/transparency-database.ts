import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { transparencyDatabaseEnv } from '#shared/moderation/transparency-database/config.ts';
import { DUPLICATE_PUID_MESSAGE, transparencyBatchErrors, transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';

/** The bearer token the local fake accepts, and the local stack hands the submission job. Not a secret. */
export const LOCAL_TRANSPARENCY_DATABASE_TOKEN = 'local-transparency-database-token';

/** What the local stack sets for the submission job: the fake's address and its token. */
export const localTransparencyDatabaseEnvironment = (url: string): Record<string, string> => ({
  [transparencyDatabaseEnv.url]: url,
  [transparencyDatabaseEnv.localToken]: LOCAL_TRANSPARENCY_DATABASE_TOKEN,
});

/** One request the fake answered, as tests read it. */
interface ReceivedRequest {
  path: string;
  status: number;
  puids: string[];
}

/** Answers a test asks for: the next `times` statement requests get `status` (429 or 5xx), with `retryAfter` if given. */
interface ForcedAnswer {
  status: number;
  times: number;
  retryAfter?: string;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

const readBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
};

const reply = (response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

const puidsOf = (body: unknown, path: string): string[] => {
  const list = path.endsWith('/statements') ? (body as { statements?: unknown[] } | null)?.statements : [body];
  return Array.isArray(list) ? list.map((s) => String((s as { puid?: unknown } | null)?.puid ?? '')) : [];
};

/**
 * A local fake of the Commission's DSA Transparency Database API, on loopback. It checks the
 * bearer token, then validates every statement against the database's published rules (the one
 * module shared/moderation/domain/transparency-db.ts, which the unit tests hold to those rules):
 * `POST /api/v1/statement` (one) and `POST /api/v1/statements` (up to 100, all created or none,
 * errors keyed `statements.<index>.<field>`) answer 201 or 422 with an `errors` map; a puid it
 * already holds is refused as not unique. It keeps what it accepted, in memory.
 *
 * For tests: `GET /fake/statements` (the statements accepted and every request answered),
 * `POST /fake/answers` `{ status, times, retryAfter? }` (answer the next requests with 429 or
 * 500), `POST /fake/reset`.
 */
export const startTransparencyDatabaseFake = async (options: { port: number; token?: string }) => {
  const token = options.token ?? LOCAL_TRANSPARENCY_DATABASE_TOKEN;
  const accepted = new Map<string, Record<string, unknown>>();
  const requests: ReceivedRequest[] = [];
  let forced: ForcedAnswer | undefined;

  const create = (statement: Record<string, unknown>) => {
    const created = { ...statement, uuid: randomUUID(), created_at: new Date().toISOString() };
    accepted.set(String(statement.puid), created);
    return created;
  };

  /** The API's answer to one statement request, recorded for the tests. */
  const answerStatements = (path: string, body: unknown): { status: number; body: unknown; headers?: Record<string, string> } => {
    const record = (status: number) => requests.push({ path, status, puids: puidsOf(body, path) });
    if (forced && forced.times > 0) {
      forced.times -= 1;
      record(forced.status);
      return { status: forced.status, body: { message: 'Forced by the test' }, ...(forced.retryAfter && { headers: { 'retry-after': forced.retryAfter } }) };
    }
    if (path === '/api/v1/statements') {
      const errors = transparencyBatchErrors(body, (puid) => accepted.has(puid));
      record(errors ? 422 : 201);
      if (errors) return { status: 422, body: { message: 'The given data was invalid.', errors } };
      return { status: 201, body: { statements: (body as { statements: Record<string, unknown>[] }).statements.map(create) } };
    }
    const statement = (body ?? {}) as Record<string, unknown>;
    const errors = transparencyErrors(statement) ?? (accepted.has(String(statement.puid)) ? { puid: [DUPLICATE_PUID_MESSAGE] } : undefined);
    record(errors ? 422 : 201);
    return errors ? { status: 422, body: { message: 'The given data was invalid.', errors } } : { status: 201, body: create(statement) };
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'GET' && path === '/fake/statements') return reply(response, 200, { statements: [...accepted.values()], requests });
    if (request.method === 'POST' && path === '/fake/reset') {
      accepted.clear();
      requests.length = 0;
      forced = undefined;
      return reply(response, 204);
    }
    if (request.method === 'POST' && path === '/fake/answers') {
      forced = (await readBody(request)) as ForcedAnswer;
      return reply(response, 204);
    }
    if (request.method !== 'POST' || (path !== '/api/v1/statement' && path !== '/api/v1/statements')) return reply(response, 404, { message: 'Not Found' });
    if (request.headers.authorization !== `Bearer ${token}`) return reply(response, 401, { message: 'Unauthenticated.' });
    const answer = answerStatements(path, await readBody(request));
    return reply(response, answer.status, answer.body, answer.headers);
  };

  const server = createServer((request, response) => {
    route(request, response).catch(() => reply(response, 400, { message: 'The request body is not JSON.' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    /** What the fake accepted, by puid (for tests in the same process). */
    accepted: () => [...accepted.values()],
    requests: () => [...requests],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

export type TransparencyDatabaseFake = Awaited<ReturnType<typeof startTransparencyDatabaseFake>>;
