import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Role } from '#infra/resources.ts';
import type { ApiEvent } from '#shared/http/api-handler.ts';

/** A payload-format-2.0 event as API Gateway builds it after its JWT authorizer accepted the token. */
export const apiEvent = (request: {
  routeKey: string;
  caller?: { sub: string; role?: Role };
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
}): ApiEvent => {
  const [method = 'GET', path = '/'] = request.routeKey.split(' ');
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...request.headers },
    ...(request.query && { queryStringParameters: request.query }),
    ...(request.pathParameters && { pathParameters: request.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'test.local',
      domainPrefix: 'test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: request.caller
            ? { sub: request.caller.sub, 'cognito:groups': `[${request.caller.role ?? 'user'}]` }
            : {},
          scopes: [],
        },
      },
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: false,
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
