import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  routeKey,
  type FunctionDefinition,
  type RouteDefinition,
} from '#infra/manifest.ts';
import { LOCAL_ACCOUNT } from '#infra/local/aws.ts';
import type { AuthorizerResult } from '#infra/local/identity.ts';
import { FunctionTimeoutError, invokeWithTimeout, type HandlerLoader } from '#infra/local/lambda.ts';
import { listen } from '#infra/local/listen.ts';
import { json, problemResponse } from '#shared/http/response.ts';
import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';

/**
 * A local stand-in for API Gateway's HTTP API: matches the route table, runs the API's
 * authorizer (which checks the route's scopes), turns the request into a payload-format-2.0 event,
 * calls the same handler the Lambda function runs, and writes back its result. One failing
 * request never stops the server.
 */

/** API Gateway's own payload limit for HTTP APIs; the handlers enforce their smaller one. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  routes: readonly RouteDefinition[];
  functions: Record<string, FunctionDefinition>;
  /** Loads a function's handler (imported lazily, after the environment is set). */
  loadHandler: HandlerLoader;
  /** The API's authorizer: the Authorization header and the route key, as API Gateway hands them to it. */
  authorize: (authorization: string | undefined, routeKey: string) => Promise<AuthorizerResult>;
  log?: (line: Record<string, unknown>) => void;
  /**
   * The identity provider's token endpoint, served at `POST /oauth2/token` as the Cognito domain
   * serves it in AWS (the OpenAPI document's `tokenUrl`): the client-credentials grant.
   */
  tokenEndpoint?: (request: { authorization: string | undefined; body: string }) => Promise<{ status: number; body: unknown }>;
}

const TOKEN_PATH = '/oauth2/token';

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  parameterNames: string[];
}

const compile = (route: RouteDefinition): CompiledRoute => {
  const parameterNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
};

/** The gateway's own answers (no route, no token, too large) are problem details like the functions'. */
const problem = (res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
  writeResult(res, problemResponse({ type: `urn:user-protection:problem:gateway-${status}`, title, status, detail }, headers));

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|xml|javascript|x-www-form-urlencoded))/i;

class BodyTooLargeError extends Error {}

/** Reads the body; past the gateway's limit it keeps draining (so the client can read the 413) but stores nothing. */
const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= GATEWAY_MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > GATEWAY_MAX_BODY_BYTES ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });

const joinHeaders = (req: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value) headers[name.toLowerCase()] = value.join(',');
  }
  return headers;
};

const queryParameters = (search: URLSearchParams): Record<string, string> | undefined => {
  const result: Record<string, string> = {};
  for (const key of new Set(search.keys())) result[key] = search.getAll(key).join(',');
  return Object.keys(result).length > 0 ? result : undefined;
};

interface StructuredResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

const writeResult = (res: ServerResponse, result: unknown) => {
  // Payload format 2.0: a result without a statusCode is a 200 JSON body.
  const structured =
    result !== null && typeof result === 'object' && 'statusCode' in result
      ? (result as StructuredResult)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  res.writeHead(structured.statusCode ?? 200, headers);
  const body = structured.body ?? '';
  res.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
};

/** The payload-format-2.0 event API Gateway would hand the integration for this request. */
const toEvent = (
  req: IncomingMessage,
  url: URL,
  match: { c: CompiledRoute; m: RegExpExecArray },
  lambda: AuthorizerContext | undefined,
  body: Buffer,
) => {
  const { route } = match.c;
  const method = route.method;
  const headers = joinHeaders(req);
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const pathParameters: Record<string, string> = {};
  for (const [i, name] of match.c.parameterNames.entries()) {
    const raw = match.m[i + 1] ?? '';
    try {
      pathParameters[name] = decodeURIComponent(raw);
    } catch {
      pathParameters[name] = raw;
    }
  }
  const now = new Date();
  const requestContext = {
    accountId: LOCAL_ACCOUNT,
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: 'local',
    http: {
      method,
      path: url.pathname,
      protocol: `HTTP/${req.httpVersion}`,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey: routeKey(route),
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
    ...(lambda && { authorizer: { lambda } }),
  };
  const cookies = headers.cookie?.split(/;\s*/);
  const query = queryParameters(url.searchParams);
  const event: Omit<APIGatewayProxyEventV2, 'requestContext'> & { requestContext: typeof requestContext } = {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies && { cookies }),
    headers,
    ...(query && { queryStringParameters: query }),
    ...(match.c.parameterNames.length > 0 && { pathParameters }),
    requestContext,
    ...(body.byteLength > 0 && {
      body: isText ? body.toString('utf8') : body.toString('base64'),
    }),
    isBase64Encoded: body.byteLength > 0 && !isText,
  };
  return event;
};

/**
 * The authorizer of a route: a public route needs no token; any other needs a valid one (else
 * 401) that carries one of the route's scopes when it names some (else 403). Writes the refusal
 * and returns its status, or returns the caller the authorizer vouched for.
 */
const authorizeRoute = async (
  res: ServerResponse,
  route: RouteDefinition,
  authorization: string | undefined,
  authorize: GatewayOptions['authorize'],
): Promise<{ lambda?: AuthorizerContext } | { refusedWith: number }> => {
  if (route.caller === 'public') return {};
  const result = await authorize(authorization, routeKey(route));
  if (result.ok) return { lambda: result.context };
  if (result.status === 401) problem(res, 401, 'Authentication required', result.reason, { 'www-authenticate': 'Bearer' });
  else problem(res, 403, 'Forbidden', result.reason);
  return { refusedWith: result.status };
};

/** The request body, or undefined once the 413 of a body over the gateway's limit is written. */
const bodyWithinLimit = async (req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> => {
  try {
    return await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    problem(res, 413, 'Request body too large', `The gateway accepts at most ${GATEWAY_MAX_BODY_BYTES} bytes.`);
    return undefined;
  }
};

export const startGateway = async (options: GatewayOptions & { port: number }) => {
  const compiled = options.routes.map(compile);
  const log = options.log ?? (() => undefined);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const matches = compiled
      .map((c) => ({ c, m: c.pattern.exec(url.pathname) }))
      .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
    const match = matches.find((x) => x.c.route.method === method);
    const finish = (status: number) =>
      log({ msg: 'request', method, route: match ? routeKey(match.c.route) : null, status, ms: Date.now() - started });

    if (options.tokenEndpoint && url.pathname === TOKEN_PATH && method === 'POST') {
      const body = await bodyWithinLimit(req, res);
      if (!body) return finish(413);
      const answer = await options.tokenEndpoint({ authorization: req.headers.authorization, body: body.toString('utf8') });
      writeResult(res, json(answer.status, answer.body));
      return finish(answer.status);
    }

    if (!match) {
      if (matches.length > 0) {
        const allowed = matches.map((x) => x.c.route.method);
        problem(res, 405, 'Method not allowed', `${url.pathname} accepts ${allowed.join(', ')}.`, { allow: allowed.join(', ') });
        return finish(405);
      }
      problem(res, 404, 'Not found', 'No such route.');
      return finish(404);
    }
    const { route } = match.c;

    const admitted = await authorizeRoute(res, route, req.headers.authorization, options.authorize);
    if ('refusedWith' in admitted) return finish(admitted.refusedWith);
    const body = await bodyWithinLimit(req, res);
    if (!body) return finish(413);

    const event = toEvent(req, url, match, admitted.lambda, body);

    const definition = options.functions[route.function];
    if (!definition) throw new Error(`Route ${routeKey(route)} names unknown function ${route.function}`);
    const handler = await options.loadHandler(route.function);
    let result: unknown;
    try {
      result = await invokeWithTimeout(handler, definition, event);
    } catch (error) {
      if (!(error instanceof FunctionTimeoutError)) throw error;
      problem(res, 503, 'Service unavailable', 'The function did not answer in time.');
      return finish(503);
    }
    writeResult(res, result);
    finish(res.statusCode);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Mirrors API Gateway when an integration fails: a 500 without internals.
      log({ msg: 'integration failed', errorName: (error as Error)?.name });
      if (!res.headersSent) problem(res, 500, 'Internal server error', 'The integration failed.');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  return listen(server, options.port);
};

