import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullScope, functions, machineClients, routes } from '#infra/manifest.ts';
import { startGateway } from '#infra/local/gateway.ts';
import { createLocalAuthorizer, issueMachineToken, issueToken, machineClientNames, routeScopesOf } from '#infra/local/identity.ts';
import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';

/**
 * The local gateway runs the API's authorizer, which enforces a route's `scopes` as the Lambda
 * authorizer of machine routes does in AWS: after the token is accepted, a token carrying none
 * of the route's scopes gets 403. The handler is a stub here: what is under test is what reaches it.
 */
type Keys = Awaited<ReturnType<typeof generateKeyPair>> & { kid: string };

let keys: Keys;
let gateway: Awaited<ReturnType<typeof startGateway>>;
const received: Array<{ requestContext: { authorizer?: { lambda: AuthorizerContext } } }> = [];

beforeAll(async () => {
  keys = { ...(await generateKeyPair('RS256')), kid: 'gateway-test' };
  gateway = await startGateway({
    port: 0,
    routes,
    functions,
    loadHandler: async () => async (event) => {
      received.push(event as (typeof received)[number]);
      return { statusCode: 202, body: '' };
    },
    authorize: (await createLocalAuthorizer(keys, routeScopesOf(routes))).authorize,
  });
});
afterAll(() => gateway.stop());

const channelIntake = '/v1/channels/social/complaints';
const post = async (path: string, token?: string) => {
  const before = received.length;
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: '{}',
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    reachedHandler: received.length > before,
  };
};

describe('scopes at the local gateway', () => {
  it('refuses a user token on a machine-client route with 403 problem details naming the scopes', async () => {
    // Prepare
    const token = await issueToken(keys, { sub: 'alice', role: 'admin' });

    // Act
    const answer = await post(channelIntake, token);

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: 'urn:user-protection:problem:gateway-403', status: 403, title: 'Forbidden' });
    for (const scope of ['complaints.intake.social', 'complaints.intake.email', 'complaints.intake.phone'] as const) {
      expect(answer.body?.detail).toContain(fullScope(scope));
    }
    expect(answer.reachedHandler).toBe(false);
  });

  const intakeClients = machineClientNames.filter((client) =>
    (machineClients[client].scopes as readonly string[]).some((scope) => scope.startsWith('complaints.intake.')),
  );

  it.each(intakeClients)('lets the %s client through, with its scope in the event', async (client) => {
    // Prepare
    const token = await issueMachineToken(keys, { client });

    // Act
    const answer = await post(channelIntake, token);

    // Assess
    expect(answer.status).toBe(202);
    expect(answer.reachedHandler).toBe(true);
    const caller = received.at(-1)?.requestContext.authorizer?.lambda;
    expect(caller?.scopes).toMatch(new RegExp(`^user-protection/complaints\\.intake\\.${client}$`));
    expect(caller).toMatchObject({ kind: 'machine', pool: 'people', sub: caller?.clientId });
  });

  it('checks the token before the scopes: no token is a 401', async () => {
    // Act
    const answer = await post(channelIntake);

    // Assess
    expect(answer.status).toBe(401);
    expect(answer.reachedHandler).toBe(false);
  });

  it('leaves routes without scopes to the token check alone (the function decides)', async () => {
    // Prepare
    const token = await issueMachineToken(keys, { client: 'email' });

    // Act
    const answer = await post('/v1/complaints', token);

    // Assess
    expect(answer.status).toBe(202);
    expect(answer.reachedHandler).toBe(true);
  });
});

describe('both pools at the local gateway', () => {
  const get = async (path: string, token: string) => {
    const before = received.length;
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.text();
    return { status: response.status, caller: received.length > before ? received.at(-1)?.requestContext.authorizer?.lambda : undefined };
  };

  it('admits a staff token and a user token on a route that serves both, each with its pool', async () => {
    // Prepare
    const staff = await issueToken(keys, { sub: 'agent-1', role: 'agent' });
    const user = await issueToken(keys, { sub: 'user-1', role: 'user' });

    // Act
    const answers = [await get('/v1/complaints/c-1', staff), await get('/v1/complaints/c-1', user)];

    // Assess
    expect(answers).toEqual([
      { status: 202, caller: expect.objectContaining({ sub: 'agent-1', pool: 'staff', groups: 'agent', kind: 'person' }) },
      { status: 202, caller: expect.objectContaining({ sub: 'user-1', pool: 'people', groups: 'user', kind: 'person' }) },
    ]);
  });
});
