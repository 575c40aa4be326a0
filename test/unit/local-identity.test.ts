import { generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueToken, LOCAL_CLIENT_ID, LOCAL_ISSUER, verifyBearer } from '#infra/local/identity.ts';

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
  it('accepts a token it issued and hands over its claims as strings, groups flattened', async () => {
    // Prepare
    const token = await issueToken(keys, { sub: 'user-1', role: 'agent' });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.claims).toMatchObject({
      sub: 'user-1',
      iss: LOCAL_ISSUER,
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      'cognito:groups': '[agent]',
    });
    for (const value of Object.values(result.claims)) expect(typeof value).toBe('string');
    expect(result.claims.exp).toMatch(/^\d+$/);
    expect(Number(result.claims.exp) - Number(result.claims.iat)).toBe(3600);
    expect(result.scopes).toEqual(['aws.cognito.signin.user.admin']);
  });

  it('accepts the scheme in any case and surrounding whitespace', async () => {
    // Prepare
    const token = await issueToken(keys, { sub: 'user-1', role: 'user' });

    // Act
    const result = await verifyBearer(keys, `  bearer   ${token}  `);

    // Assess
    expect(result).toMatchObject({ ok: true, claims: { sub: 'user-1', 'cognito:groups': '[user]' } });
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
    expect(result).toEqual({ ok: false, reason: 'Send an Authorization header with a Bearer token.' });
  });

  it.each(['garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln', '....'])('refuses the garbage token %j', async (token) => {
    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
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
    expect(afterExpiry).toEqual({ ok: false, reason: 'The token has expired.' });
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
    expect(result).toEqual({ ok: false, reason: 'The token has expired.' });
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
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
  });

  it('refuses a token without an expiry, as API Gateway does', async () => {
    // Prepare
    const token = await signToken({}, { expires: false });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
  });

  it.each([
    ['refuses', 600, { ok: false, reason: 'The token was issued in the future.' }],
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
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
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
    expect(result).toEqual({ ok: false, reason: 'The token is for another audience.' });
  });

  it('accepts an ID-token-style aud naming the client instead of client_id', async () => {
    // Prepare
    const token = await signToken({ client_id: undefined, aud: LOCAL_CLIENT_ID });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result.ok).toBe(true);
  });

  it('refuses a token signed by another key', async () => {
    // Prepare: everything right except the signature.
    const token = await signToken({ 'cognito:groups': ['admin'] }, { key: otherKeys.privateKey });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
  });

  it('refuses a genuine token whose payload was edited', async () => {
    // Prepare: swap the payload of a valid user token for one claiming the admin group.
    const [header, payload, signature] = (await issueToken(keys, { sub: 'user-1', role: 'user' })).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [header, b64url({ ...claims, 'cognito:groups': ['admin'] }), signature].join('.');

    // Act
    const result = await verifyBearer(keys, `Bearer ${forged}`);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
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
    expect(result).toEqual({ ok: false, reason: 'The token is not valid.' });
  });

  it('refuses a token without a subject', async () => {
    // Prepare
    const now = epochSeconds();
    const token = await new SignJWT({ client_id: LOCAL_CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setExpirationTime(now + 3600)
      .sign(keys.privateKey);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'The token has no subject.' });
  });
});
