import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { fullScope, machineClients, roles, type Role } from '#infra/manifest.ts';

/**
 * The local identity provider and JWT authorizer. Tokens look like Cognito access tokens
 * (`sub`, `client_id`, `token_use`, `cognito:groups`), and verification follows API Gateway's
 * JWT authorizer: signature and `kid`, `iss`, `aud` or `client_id`, `exp` and `nbf`; claims
 * are then handed to the integration as strings, arrays flattened to `[a b]`.
 */
export const LOCAL_ISSUER = 'https://cognito-idp.local.user-protection/local-pool';
export const LOCAL_CLIENT_ID = 'local-platform-client';

export type MachineClientName = keyof typeof machineClients;
export const machineClientNames = Object.keys(machineClients) as MachineClientName[];

/** The authorizer's audience list, as in AWS: the platform's user client and every machine client. */
export const LOCAL_AUDIENCE: readonly string[] = [
  LOCAL_CLIENT_ID,
  ...Object.values(machineClients).map((client) => client.localClientId),
];

type SigningKey = Parameters<SignJWT['sign']>[0];

export const issueToken = async (
  keys: { privateKey: SigningKey; kid: string },
  claims: { sub: string; role: Role; expiresInSeconds?: number },
): Promise<string> => {
  if (!(roles as readonly string[]).includes(claims.role)) throw new Error(`Unknown role ${claims.role}`);
  return new SignJWT({
    client_id: LOCAL_CLIENT_ID,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    username: claims.sub,
    'cognito:groups': [claims.role],
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${claims.expiresInSeconds ?? 3600}s`)
    .sign(keys.privateKey);
};

/**
 * A token shaped like Cognito's client-credentials access token: the client is its own subject,
 * it carries the client's scopes of the resource server, and no user name or groups.
 */
export const issueMachineToken = async (
  keys: { privateKey: SigningKey; kid: string },
  claims: { client: MachineClientName; expiresInSeconds?: number },
): Promise<string> => {
  const client = machineClients[claims.client];
  if (!client) throw new Error(`Unknown machine client ${claims.client}`);
  return new SignJWT({
    client_id: client.localClientId,
    token_use: 'access',
    scope: client.scopes.map(fullScope).join(' '),
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(client.localClientId)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${claims.expiresInSeconds ?? 3600}s`)
    .sign(keys.privateKey);
};

export type AuthorizerResult =
  | { ok: true; claims: Record<string, string>; scopes: string[] | null }
  | { ok: false; reason: string };

const gatewayClaim = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(String).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** The clock skew tolerated between the token's issuer and this server for `iat`, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

export const verifyBearer = async (
  keys: { publicKey: SigningKey; kid: string },
  authorization: string | undefined,
): Promise<AuthorizerResult> => {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1]) return { ok: false, reason: 'Send an Authorization header with a Bearer token.' };
  let verified: Awaited<ReturnType<typeof jwtVerify>>;
  try {
    // As API Gateway: a token without an expiry is refused.
    verified = await jwtVerify(match[1], keys.publicKey, { issuer: LOCAL_ISSUER, algorithms: ['RS256'], requiredClaims: ['exp'] });
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'The token has expired.' };
    return { ok: false, reason: 'The token is not valid.' };
  }
  const { payload, protectedHeader } = verified;
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'The token was issued in the future.' };
  }
  if (protectedHeader.kid !== keys.kid) return { ok: false, reason: 'The token was signed by an unknown key.' };
  const audience = [payload.aud, payload.client_id].flat().filter(Boolean);
  if (!audience.some((client) => LOCAL_AUDIENCE.includes(String(client)))) {
    return { ok: false, reason: 'The token is for another audience.' };
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') return { ok: false, reason: 'The token has no subject.' };
  const claims = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, gatewayClaim(v)]));
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : null;
  return { ok: true, claims, scopes };
};
