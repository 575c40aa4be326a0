import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientCredentialsTokens, runSyntheticCheck } from '#shared/platform/synthetic-check.ts';
import { readClientSecret } from '#shared/platform/wiring/client-secret.ts';

/** A stand-in API and token endpoint on a real socket, whose answers each test sets. */
let server: Server;
let baseUrl: string;
let answers: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
const tokenRequests: string[] = [];

const reply = (status: number, body: unknown) => (_: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers[`${req.method} ${req.url}`];
    if (answer) answer(req, res);
    else reply(404, { title: 'Not found' })(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  tokenRequests.length = 0;
  answers = {
    'GET /health/ready': reply(200, { status: 'ready', checks: {} }),
    'GET /v1/synthetic-probe': (req, res) =>
      reply(req.headers.authorization === 'Bearer token-1' ? 200 : 401, { status: 'ok' })(req, res),
    'POST /oauth2/token': (req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        tokenRequests.push(`${req.headers.authorization} ${body}`);
        reply(200, { access_token: 'token-1', expires_in: 3600, token_type: 'Bearer' })(req, res);
      });
    },
  };
});

let clock = 0;
const tokens = () =>
  clientCredentialsTokens({
    tokenUrl: `${baseUrl}/oauth2/token`,
    clientId: 'synthetic-monitor',
    clientSecret: async () => 's3cret',
    scope: 'user-protection/platform.probe',
    fetch,
    nowMs: () => clock,
    timeoutMs: 1000,
  });
const check = (accessToken = tokens()) => runSyntheticCheck({ baseUrl, fetch, accessToken, nowMs: () => clock, timeoutMs: 300 });

describe('the synthetic check', () => {
  it('passes when the API is ready and an authenticated read answers 200, with a client-credentials token', async () => {
    const report = await check();
    expect(report.passed).toBe(true);
    expect(report.probes.map((p) => [p.probe, p.status, p.passed])).toEqual([
      ['readiness', 200, true],
      ['authenticated-read', 200, true],
    ]);
    expect(tokenRequests).toEqual([
      `Basic ${Buffer.from('synthetic-monitor:s3cret').toString('base64')} grant_type=client_credentials&scope=user-protection%2Fplatform.probe`,
    ]);
  });

  it.each([
    ['the API is not ready', 'GET /health/ready', reply(503, { status: 'not-ready', checks: {} }), 'readiness', 503],
    ['readiness answers 200 without being ready', 'GET /health/ready', reply(200, { status: 'ok' }), 'readiness', 200],
    ['the authenticated read fails', 'GET /v1/synthetic-probe', reply(500, { title: 'Internal' }), 'authenticated-read', 500],
    ['the token is refused', 'POST /oauth2/token', reply(400, { error: 'invalid_client' }), 'authenticated-read', null],
    ['the API does not answer in time', 'GET /health/ready', () => undefined, 'readiness', null],
  ])('fails when %s, naming the probe', async (_, route, answer, failing, status) => {
    answers[route] = answer;
    const report = await check();
    expect(report.passed).toBe(false);
    const failed = report.probes.filter((p) => !p.passed);
    expect(failed.map((p) => [p.probe, p.status])).toEqual([[failing, status]]);
  });

  it('keeps its token until a minute before it expires', async () => {
    const accessToken = tokens();
    clock = 0;
    await check(accessToken);
    clock = 3_539_000;
    await check(accessToken);
    expect(tokenRequests).toHaveLength(1);
    clock = 3_540_000;
    await check(accessToken);
    expect(tokenRequests).toHaveLength(2);
  });
});

describe("the synthetic check's client secret in AWS", () => {
  /** Cognito's answer to DescribeUserPoolClient, at the SDK boundary; the commands sent are kept. */
  const cognitoAnswers = (userPoolClient: Record<string, unknown>) => {
    const sent: DescribeUserPoolClientCommand[] = [];
    const send = vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      sent.push(command as DescribeUserPoolClientCommand);
      return { UserPoolClient: userPoolClient };
    });
    return { sent, restore: () => send.mockRestore() };
  };

  it("is read from Cognito by the pool's and the client's ids", async () => {
    // Prepare
    const cognito = cognitoAnswers({ ClientId: 'monitor', ClientSecret: 's3cret' });

    // Act
    const secret = await readClientSecret('eu-central-1_People', 'monitor').finally(cognito.restore);

    // Assess
    expect(secret).toBe('s3cret');
    expect(cognito.sent.map((c) => [c.constructor.name, c.input])).toEqual([
      [DescribeUserPoolClientCommand.name, { UserPoolId: 'eu-central-1_People', ClientId: 'monitor' }],
    ]);
  });

  it('is an error when the client has none', async () => {
    // Prepare
    const cognito = cognitoAnswers({ ClientId: 'monitor' });

    // Act and assess
    await expect(readClientSecret('eu-central-1_People', 'monitor').finally(cognito.restore)).rejects.toThrow(
      'The synthetic monitor client has no secret',
    );
  });
});
