import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Role } from '#infra/manifest.ts';
import type { ApiEvent, ApiResult } from '#shared/http/api-handler.ts';
import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';
import { poolOfRole, roles, type Role as PlatformRole } from '#shared/manifest/platform.ts';

/**
 * The context the Lambda authorizer (shared/identity) hands over for a verified token with these
 * claims: a client-credentials token is a machine of the people's pool, a token naming a staff
 * role comes from the staff pool. No `sub`: no context (the authorizer would have refused).
 */
const authorizerContextFor = (claims: Record<string, string>): AuthorizerContext => {
  if (!claims.sub) return {} as AuthorizerContext;
  const groups = (claims['cognito:groups'] ?? '').replace(/^\s*\[|\]\s*$/g, '').split(/[\s,]+/).filter(Boolean);
  const known = groups.filter((group): group is PlatformRole => (roles as readonly string[]).includes(group));
  const machine = claims.client_id === claims.sub && claims.username === undefined && groups.length === 0;
  const pool = known.some((role) => poolOfRole(role) === 'staff') ? 'staff' : 'people';
  return {
    sub: claims.sub,
    kind: machine ? 'machine' : 'person',
    pool,
    groups: known.filter((role) => poolOfRole(role) === pool).join(' '),
    scopes: claims.scope ?? '',
    clientId: claims.client_id ?? 'test-client',
  };
};

/**
 * The skeleton of a payload-format-2.0 event as API Gateway builds it after its Lambda authorizer
 * accepted a token with these claims; callers add headers, query and body.
 */
export const gatewayEvent = (options: {
  routeKey: string;
  claims?: Record<string, string>;
  requestId?: string;
}): ApiEvent => {
  const [method = 'GET', path = '/'] = options.routeKey.split(' ');
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'test.local',
      domainPrefix: 'test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: options.requestId ?? randomUUID(),
      routeKey: options.routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      authorizer: { lambda: authorizerContextFor(options.claims ?? {}) },
    },
    isBase64Encoded: false,
  };
};

/** An event for a caller with one role, with a JSON body, headers, query and path parameters. */
export const apiEvent = (request: {
  routeKey: string;
  caller?: { sub: string; role?: Role };
  /** A machine client (client-credentials token) instead of a person. */
  machine?: { clientId: string; scopes: string[] };
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  /** The caller's address as the gateway saw it (127.0.0.1 unless given): limits per address key on it. */
  sourceIp?: string;
}): ApiEvent => {
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const claims: Record<string, string> = request.machine
    ? {
        sub: request.machine.clientId,
        client_id: request.machine.clientId,
        token_use: 'access',
        scope: request.machine.scopes.join(' '),
      }
    : request.caller
      ? { sub: request.caller.sub, 'cognito:groups': `[${request.caller.role ?? 'user'}]` }
      : {};
  const event = gatewayEvent({ routeKey: request.routeKey, claims });
  if (request.sourceIp) event.requestContext.http.sourceIp = request.sourceIp;
  return {
    ...event,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...request.headers },
    ...(request.query && { queryStringParameters: request.query }),
    ...(request.pathParameters && { pathParameters: request.pathParameters }),
    ...(body !== undefined && { body }),
  };
};

export const lambdaContext = (awsRequestId: string = randomUUID()): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test-function',
  memoryLimitInMB: '512',
  awsRequestId,
  logGroupName: '/aws/lambda/test-function',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** An API handler called as the gateway calls it, its answer with the JSON body parsed. */
export const invokeApi =
  (handler: (event: ApiEvent, context: Context) => Promise<ApiResult>) =>
  async (request: Parameters<typeof apiEvent>[0]) => {
    const result = await handler(apiEvent(request), lambdaContext());
    const headers = (result.headers ?? {}) as Record<string, string>;
    const isJson = /json/.test(headers['content-type'] ?? 'application/json');
    return {
      status: result.statusCode ?? 200,
      headers,
      body: result.body && isJson ? (JSON.parse(result.body) as Record<string, any>) : undefined,
      /** The body as sent, for answers that are not JSON (an HTML page). */
      text: result.body,
    };
  };
