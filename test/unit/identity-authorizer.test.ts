import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { authorizerEnv } from '#shared/identity/authorizer-context.ts';
import { authorizerHandlerFromEnvironment } from '#shared/platform/wiring/authorizer.ts';

/**
 * The API's Lambda authorizer as API Gateway calls it, with Cognito's JWKS endpoints replaced at
 * the fetch boundary by local keys: both pools are trusted, each for its own clients and roles.
 */
const people = { poolId: 'eu-west-1_People1', client: 'people-web', machine: 'email-integration' };
const staff = { poolId: 'eu-west-1_Staff1', client: 'staff-console' };
const issuerOf = (poolId: string) => `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`;
const machineRoute = 'POST /v1/channels/{channel}/complaints';

const env = {
  [authorizerEnv.peoplePoolId]: people.poolId,
  [authorizerEnv.peopleClientIds]: `${people.client},${people.machine}`,
  [authorizerEnv.staffPoolId]: staff.poolId,
  [authorizerEnv.staffClientIds]: staff.client,
  [authorizerEnv.routeScopes]: JSON.stringify({ [machineRoute]: ['user-protection/complaints.intake.email'] }),
};

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: KeyPair;
let strangerKeys: KeyPair;
let jwks: { keys: Record<string, unknown>[] };
const fetched: string[] = [];

beforeAll(async () => {
  keys = await generateKeyPair('RS256');
  strangerKeys = await generateKeyPair('RS256');
  jwks = { keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] };
});

/** The JWKS endpoints of both pools, served from memory; every fetch is recorded. */
const jwksCache = () =>
  new SimpleJwksCache({
    fetcher: {
      fetch: async (uri: string) => {
        fetched.push(uri);
        if (![people.poolId, staff.poolId].some((poolId) => uri === `${issuerOf(poolId)}/.well-known/jwks.json`)) {
          throw new Error(`no JWKS at ${uri}`);
        }
        return new TextEncoder().encode(JSON.stringify(jwks)).buffer as ArrayBuffer;
      },
    },
  });

let handler: ReturnType<typeof authorizerHandlerFromEnvironment>;
beforeEach(() => {
  fetched.length = 0;
  handler = authorizerHandlerFromEnvironment(env, { jwksCache: jwksCache() });
});

const now = () => Math.floor(Date.now() / 1000);

const sign = (
  claims: Record<string, unknown>,
  options: { poolId?: string; key?: KeyPair['privateKey']; expires?: boolean; issuedAt?: number } = {},
) => {
  const issuedAt = options.issuedAt ?? now();
  const token = new SignJWT({ token_use: 'access', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setIssuer(issuerOf(options.poolId ?? people.poolId))
    .setIssuedAt(issuedAt);
  if (options.expires !== false) token.setExpirationTime(issuedAt + 3600);
  return token.sign(options.key ?? keys.privateKey);
};
const personToken = (pool: typeof people | typeof staff, groups: string[], extra: Record<string, unknown> = {}) =>
  sign({ sub: 'sub-1', username: 'someone', client_id: pool.client, 'cognito:groups': groups, ...extra }, { poolId: pool.poolId });
const machineToken = (scope: string) => sign({ sub: people.machine, client_id: people.machine, scope });

const call = (token: string | undefined, routeKey = 'GET /v1/complaints/{id}') =>
  handler({
    type: 'REQUEST',
    version: '2.0',
    routeKey,
    routeArn: 'arn:aws:execute-api:eu-west-1:123456789012:api/$default/GET/v1/complaints/c-1',
    identitySource: token ? [`Bearer ${token}`] : [],
    headers: token ? { authorization: `Bearer ${token}` } : {},
  } as unknown as APIGatewayRequestAuthorizerEventV2);

describe('the API authorizer (both user pools)', () => {
  it("admits a people's-pool user and hands over the caller", async () => {
    // Act
    const result = await call(await personToken(people, []));

    // Assess
    expect(result).toEqual({
      isAuthorized: true,
      context: { sub: 'sub-1', kind: 'person', pool: 'people', groups: '', scopes: '', clientId: people.client },
    });
  });

  it('admits a staff-pool moderator with the role, on the same route', async () => {
    // Act
    const result = await call(await personToken(staff, ['moderator', 'beta-testers']));

    // Assess
    expect(result).toMatchObject({ isAuthorized: true, context: { pool: 'staff', groups: 'moderator', clientId: staff.client } });
  });

  it("refuses a people's-pool token claiming the moderator group", async () => {
    // Act
    const result = await call(await personToken(people, ['moderator']));

    // Assess
    expect(result.isAuthorized).toBe(false);
  });

  it("refuses a staff-pool token claiming a people's role", async () => {
    // Act
    const result = await call(await personToken(staff, ['trusted_flagger']));

    // Assess
    expect(result.isAuthorized).toBe(false);
  });

  it("refuses a token of one pool for the other pool's client", async () => {
    // Act
    const [staffForPeopleClient, peopleForStaffClient] = await Promise.all([
      sign({ sub: 's', client_id: people.client, 'cognito:groups': ['admin'] }, { poolId: staff.poolId }),
      sign({ sub: 'u', client_id: staff.client }, { poolId: people.poolId }),
    ]);
    const results = [await call(staffForPeopleClient), await call(peopleForStaffClient)];

    // Assess
    expect(results.map((result) => result.isAuthorized)).toEqual([false, false]);
  });

  it.each([
    ['no token', async () => undefined],
    ['an expired token', () => sign({ sub: 'u', client_id: people.client }, { issuedAt: now() - 7200 })],
    ['a token without an expiry', () => sign({ sub: 'u', client_id: people.client }, { expires: false })],
    ['a token issued ten minutes in the future', () => sign({ sub: 'u', client_id: people.client }, { issuedAt: now() + 600 })],
    ['a token signed by another key', () => sign({ sub: 'u', client_id: people.client }, { key: strangerKeys.privateKey })],
    ['a token of a third pool', () => sign({ sub: 'u', client_id: people.client }, { poolId: 'eu-west-1_Other1' })],
    ['an ID token', () => sign({ sub: 'u', aud: people.client, token_use: 'id' })],
  ])('refuses %s', async (_name, token) => {
    // Act
    const result = await call(await token());

    // Assess
    expect(result).toEqual({ isAuthorized: false, context: {} });
  });

  it("checks a machine route's scopes: the client holding one passes, one without it and a person do not", async () => {
    // Act
    const holding = await call(await machineToken('user-protection/complaints.intake.email'), machineRoute);
    const lacking = await call(await machineToken('user-protection/content.review'), machineRoute);
    const person = await call(await personToken(staff, ['admin']), machineRoute);

    // Assess
    expect(holding).toMatchObject({ isAuthorized: true, context: { kind: 'machine', pool: 'people', scopes: 'user-protection/complaints.intake.email' } });
    expect([lacking.isAuthorized, person.isAuthorized]).toEqual([false, false]);
  });

  it('fetches each JWKS once, then verifies from the cache', async () => {
    // Act
    for (let i = 0; i < 5; i++) {
      await call(await personToken(people, []));
      await call(await personToken(staff, ['agent']));
    }

    // Assess
    expect([...fetched].sort()).toEqual([people.poolId, staff.poolId].map((poolId) => `${issuerOf(poolId)}/.well-known/jwks.json`).sort());
  });

  it('logs why it refused, never the token', async () => {
    // Prepare
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (written.push(String(chunk)), true));
    const token = await personToken(people, ['admin']);

    // Act
    await call(token);
    vi.restoreAllMocks();

    // Assess
    expect(written.join('')).toContain('cannot carry the role admin');
    expect(written.join('')).not.toContain(token.split('.')[1]);
  });
});
