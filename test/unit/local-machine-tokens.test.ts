import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { machineClients } from '#infra/manifest.ts';
import {
  issueMachineToken,
  issueToken,
  LOCAL_AUDIENCE,
  LOCAL_CLIENT_ID,
  LOCAL_ISSUER,
  machineClientNames,
  verifyBearer,
} from '#infra/local/identity.ts';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

let keys: KeyPair & { kid: string };

beforeAll(async () => {
  keys = { ...(await generateKeyPair('RS256')), kid: 'local-key-1' };
});

describe('issueMachineToken', () => {
  it.each(machineClientNames)('%s: shaped like a Cognito client-credentials access token', async (client) => {
    // Act
    const claims = decodeJwt(await issueMachineToken(keys, { client }));

    // Assess
    const { localClientId, scopes } = machineClients[client];
    expect(claims).toMatchObject({
      iss: LOCAL_ISSUER,
      sub: localClientId,
      client_id: localClientId,
      token_use: 'access',
      scope: scopes.map((scope) => `user-protection/${scope}`).join(' '),
    });
    expect(claims).not.toHaveProperty('username');
    expect(claims).not.toHaveProperty('cognito:groups');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it('refuses an unknown client', async () => {
    // Act
    const issuing = issueMachineToken(keys, { client: 'fax' as never });

    // Assess
    await expect(issuing).rejects.toThrow(/Unknown machine client fax/);
  });
});

describe('verifyBearer with machine clients', () => {
  it('accepts a machine token and hands its scopes to the integration', async () => {
    // Prepare
    const token = await issueMachineToken(keys, { client: 'social', expiresInSeconds: 60 });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      context: {
        sub: 'social-integration',
        kind: 'machine',
        pool: 'people',
        clientId: 'social-integration',
        scopes: 'user-protection/complaints.intake.social',
      },
    });
  });

  it('trusts the user client and every machine client, as the AWS authorizer audience does', () => {
    // Assess
    expect([...LOCAL_AUDIENCE].sort()).toEqual(
      [LOCAL_CLIENT_ID, ...Object.values(machineClients).map((client) => client.localClientId)].sort(),
    );
  });

  it('still accepts user tokens, which carry no resource-server scope', async () => {
    // Prepare
    const token = await issueToken(keys, { sub: 'user-1', role: 'user' });

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toMatchObject({ ok: true, context: { kind: 'person', scopes: 'aws.cognito.signin.user.admin' } });
  });

  it('refuses a token whose client_id is no client of the pool, whatever scopes it claims', async () => {
    // Prepare
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      client_id: 'unknown-integration',
      token_use: 'access',
      scope: 'user-protection/complaints.intake.social',
    })
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('unknown-integration')
      .setExpirationTime(now + 600)
      .sign(keys.privateKey);

    // Act
    const result = await verifyBearer(keys, `Bearer ${token}`);

    // Assess
    expect(result).toEqual({ ok: false, status: 401, reason: 'The token is for another audience.' });
  });
});
