import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/**
 * Hand-built API Gateway HTTP API (payload format 2.0) events and Lambda contexts for unit tests:
 * just the fields the code reads, with overrides for the one a test is about.
 */
export const apiEvent = (
  overrides: Partial<Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>> & {
    requestId?: string;
    claims?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const { requestId = 'req-0001', claims = { sub: 'user-1' }, ...event } = overrides;
  const routeKey = event.routeKey ?? 'POST /v1/complaints';
  return {
    version: '2.0',
    routeKey,
    rawPath: '/v1/complaints',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'unit',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'POST', path: '/v1/complaints', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'unit' },
      requestId,
      routeKey,
      stage: '$default',
      time: '01/Mar/2025:12:00:00 +0000',
      timeEpoch: Date.UTC(2025, 2, 1, 12),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
    ...event,
  };
};

export { lambdaContext } from '../../support/events.ts';
