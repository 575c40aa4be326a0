import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalAuthorizer, issueMachineToken, issueToken, LOCAL_CLIENT_ID, LOCAL_ISSUER, LOCAL_STAFF_CLIENT_ID, LOCAL_STAFF_ISSUER, verifyBearer } from '#infra/local/identity.ts';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

let keys: KeyPair & { kid: string };
let otherKeys: KeyPair;

beforeAll(async () => {
  keys = { ...(await generateKeyPair('RS256')), kid: 'local-key-1' };
  otherKeys = await generateKeyPair('RS256');
});

afterEach(() => {
  vi.useRealTimers();
});

const epochSeconds = () => Math.floor(Date.now() / 1000);

/** A Cognito-like access token with every claim under the test's control. */
const signToken = (
  claims: Record<string, unknown>,
  options: { key?: KeyPair['privateKey']; issuer?: string; issuedAt?: number; expires?: boolean } = {},
) => {
  const issuedAt = options.issuedAt ?? epochSeconds();
  const token = new SignJWT({ client_id: LOCAL_CLIENT_ID, token_use: 'access', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setSubject('user-1')
    .setIssuedAt(issuedAt);
  if (options.expires !== false) token.setExpirationTime(issuedAt + 3600);
  return token.sign(options.key ?? keys.privateKey);
};

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('issueToken + verifyBearer', () => {
  it('issues a staff role from the staff pool and hands over the caller as the Lambda authorizer does', async () => {
    // Prepare
    const token = await issueToken(keys, { sub: 'user-1', role: 'agent' });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(decodeJwt(token)).toMatchObject({ iss: LOCAL_STAFF_ISSUER, client_id: LOCAL_STAFF_CLIENT_ID, token_use: 'access' });
    expect(decodeJwt(token).exp).toBe(Number(decodeJwt(token).iat) + 3600);
    expect(result).toEqual({
      ok: true,
      context: {
        sub: 'user-1',
        kind: 'person',
        pool: 'staff',
        groups: 'agent',
        scopes: 'aws.cognito.signin.user.admin',
        clientId: LOCAL_STAFF_CLIENT_ID,
      },
    });
  });

  it.each(['user', 'trusted_flagger'] as const)("issues the %s role from the people's pool", async (role) => {
    // Prepare
    const token = await issueToken(keys, { sub: 'user-1', role });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(decodeJwt(token)).toMatchObject({ iss: LOCAL_ISSUER, client_id: LOCAL_CLIENT_ID });
    expect(result).toMatchObject({ ok: true, context: { pool: 'people', groups: role, clientId: LOCAL_CLIENT_ID } });
  });

  it("refuses a people's-pool token that claims a staff role, with 403", async () => {
    // Prepare: a genuine signature of the people's pool over a moderator group.
    const token = await signToken({ 'cognito:groups': ['moderator'], username: 'user-1' });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 403, reason: 'Tokens of the people pool cannot carry the role moderator.' });
  });

  it("refuses a staff-pool token that claims a people's role, and a staff token for the people's client", async () => {
    // Prepare
    const flagger = await signToken(
      { client_id: LOCAL_STAFF_CLIENT_ID, 'cognito:groups': ['trusted_flagger'], username: 'staff-1' },
      { issuer: LOCAL_STAFF_ISSUER },
    );
    const wrongClient = await signToken({ 'cognito:groups': ['admin'], username: 'staff-1' }, { issuer: LOCAL_STAFF_ISSUER });

    // Act
    const results = await Promise.all([flagger, wrongClient].map((token) => verifyBearer(keys, `Bearer ${token}`)));

    // Assess
    expect(results).toEqual([
      { ok: false, status: 403, reason: 'Tokens of the staff pool cannot carry the role trusted_flagger.' },
      { ok: false, status: 401, reason: 'The token is for another audience.' },
    ]);
  });

  it('refuses a token whose key id is not in the cached JWKS, without fetching one', async () => {
    // Prepare
    const token = await new SignJWT({ client_id: LOCAL_CLIENT_ID, token_use: 'access' })
      .setProtectedHeader({ alg: 'RS256', kid: 'someone-elses-key' })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(otherKeys.privateKey);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result.ok).toBe(false);
  });

  it("refuses a token without one of the route's scopes with 403, and admits one that has it", async () => {
    // Prepare
    const machine = await issueMachineToken(keys, { client: 'contentPlatform' });
    const route = 'POST /v1/content-reviews';
    const authorizer = await createLocalAuthorizer(keys, { [route]: ['user-protection/content.review'] });
    const user = await issueToken(keys, { sub: 'user-1', role: 'user' });

    // Act
    const [forUser, forMachine, elsewhere] = await Promise.all([
      authorizer.authorize(`Bearer ${user}`, route),
      authorizer.authorize(`Bearer ${machine}`, route),
      authorizer.authorize(`Bearer ${user}`, 'GET /v1/complaints'),
    ]);

    // Assess
    expect(forUser).toEqual({
      ok: false,
      status: 403,
      reason: 'POST /v1/content-reviews needs the scope user-protection/content.review; the token carries none of them.',
    });
    expect(forMachine.ok).toBe(true);
    expect(elsewhere.ok).toBe(true);
  });

  it('accepts the scheme in any case and surrounding whitespace', async () => {
    // Prepare
    const token = await issueToken(keys, { sub: 'user-1', role: 'user' });

    // Act
    const result = await verifyBearer(keys, `  bearer   ${token}  `);

    // Assess
    expect(result).toMatchObject({ ok: true, context: { sub: 'user-1', groups: 'user' } });
  });

  it('refuses to issue a token for an unknown role', async () => {
    // Act
    const issuing = issueToken(keys, { sub: 'user-1', role: 'root' as never });

    // Assess
    await expect(issuing).rejects.toThrow(/Unknown role root/);
  });

  it.each([
    { name: 'a missing header', header: undefined },
    { name: 'an empty header', header: '' },
    { name: 'the Basic scheme', header: 'Basic dXNlcjpwYXNz' },
    { name: 'the token without a scheme', header: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' },
    { name: 'the scheme without a token', header: 'Bearer' },
    { name: 'two tokens', header: 'Bearer abc def' },
  ])('refuses $name, asking for a bearer token', async ({ header }) => {
    // Act
    const result = await verifyBearer(keys, header);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'Send an Authorization header with a Bearer token.' });
  });

  it.each(['garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln', '....'])('refuses the garbage token %j', async (token) => {
    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it('refuses a token once it has expired (time moved, no sleeping)', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    const token = await issueToken(keys, { sub: 'user-1', role: 'user', expiresInSeconds: 60 });
    const beforeExpiry = await verifyBearer(keys, `Bearer ${token}`);
    vi.setSystemTime(new Date('2025-03-01T12:01:01Z'));

    // Act
    const afterExpiry = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(beforeExpiry.ok).toBe(true);
    expect(afterExpiry).toEqual({ ok: false, status: 401, reason: 'The token has expired.' });
  });

  it('refuses a token signed with an expiry in the past', async () => {
    // Prepare
    const past = epochSeconds() - 7200;
    const token = await new SignJWT({ client_id: LOCAL_CLIENT_ID, 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('user-1')
      .setIssuedAt(past)
      .setExpirationTime(past + 3600)
      .sign(keys.privateKey);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token has expired.' });
  });

  it('refuses a token that is not valid yet', async () => {
    // Prepare
    const token = await new SignJWT({ client_id: LOCAL_CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('user-1')
      .setNotBefore(epochSeconds() + 600)
      .setExpirationTime(epochSeconds() + 3600)
      .sign(keys.privateKey);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it('refuses a token without an expiry, as API Gateway does', async () => {
    // Prepare
    const token = await signToken({}, { expires: false });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it.each([
    ['refuses', 600, { ok: false, status: 401, reason: 'The token was issued in the future.' }],
    ['accepts, within the clock skew,', 30, expect.objectContaining({ ok: true })],
  ] as const)('%s a token issued %i seconds in the future', async (_, ahead, expected) => {
    // Prepare
    const token = await signToken({}, { issuedAt: epochSeconds() + ahead });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual(expected);
  });

  it('refuses a token from another issuer', async () => {
    // Prepare
    const token = await signToken({}, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it.each([
    { name: 'another client_id', claims: { client_id: 'some-other-client' } },
    { name: 'another aud and no client_id', claims: { client_id: undefined, aud: 'some-other-client' } },
    { name: 'neither aud nor client_id', claims: { client_id: undefined } },
  ])('refuses a token for $name', async ({ claims }) => {
    // Prepare
    const token = await signToken(claims);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is for another audience.' });
  });

  it('refuses an ID token (aud naming the client, token_use id): the API takes access tokens only', async () => {
    // Prepare
    const token = await signToken({ client_id: undefined, aud: LOCAL_CLIENT_ID, token_use: 'id' });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it('refuses a token signed by another key', async () => {
    // Prepare: everything right except the signature.
    const token = await signToken({ 'cognito:groups': ['admin'] }, { key: otherKeys.privateKey });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it('refuses a genuine token whose payload was edited', async () => {
    // Prepare: swap the payload of a valid user token for one claiming the admin group.
    const [header, payload, signature] = (await issueToken(keys, { sub: 'user-1', role: 'user' })).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [header, b64url({ ...claims, 'cognito:groups': ['admin'] }), signature].join('.');

    // Act
    const result = await verifyBearer(keys, `Bearer ${forged}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it.each([
    { name: 'an alg: none token with an empty signature', signature: '' },
    { name: 'an alg: none token with a junk signature', signature: 'c2lnbmF0dXJl' },
  ])('refuses $name', async ({ signature }) => {
    // Prepare
    const now = epochSeconds();
    const token = [
      b64url({ alg: 'none', typ: 'JWT' }),
      b64url({ iss: LOCAL_ISSUER, sub: 'user-1', client_id: LOCAL_CLIENT_ID, 'cognito:groups': ['admin'], exp: now + 3600 }),
      signature,
    ].join('.');

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is not valid.' });
  });

  it('refuses a token without a subject', async () => {
    // Prepare
    const now = epochSeconds();
    const token = await new SignJWT({ client_id: LOCAL_CLIENT_ID, token_use: 'access' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setExpirationTime(now + 3600)
      .sign(keys.privateKey);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token has no subject.' });
  });
});
