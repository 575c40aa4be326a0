import { randomUUID } from 'node:crypto';
import { type Jwk, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { exportJWK, SignJWT } from 'jose';
import { fullScope, machineClients, poolOfRole, roles, routeKey, userPools, type Role, type RouteDefinition } from '#infra/manifest.ts';
import { createBearerAuthorizer, type Authorization, type TrustedPool } from '#shared/identity/bearer-authorizer.ts';

/**
 * The local identity provider and authorizer. Tokens look like Cognito access tokens (`sub`,
 * `client_id`, `token_use`, `cognito:groups`) of two pools: staff roles are issued by the local
 * staff pool, people's roles and machine clients by the local people's pool. Verification runs
 * the API's own authorizer (shared/identity) with the local JWKS cached, as the Lambda
 * authorizer does in AWS with Cognito's.
 */
const issuerOf = (poolId: string) => `https://cognito-idp.${poolId.split('_')[0]}.amazonaws.com/${poolId}`;
export const LOCAL_ISSUER = issuerOf(userPools.people.localPoolId);
export const LOCAL_STAFF_ISSUER = issuerOf(userPools.staff.localPoolId);
export const LOCAL_CLIENT_ID = userPools.people.localClientId;
export const LOCAL_STAFF_CLIENT_ID = userPools.staff.localClientId;

export type MachineClientName = keyof typeof machineClients;
export const machineClientNames = Object.keys(machineClients) as MachineClientName[];

/** The people's pool's clients the authorizer accepts, as in AWS: the platform's user client and every machine client. */
export const LOCAL_AUDIENCE: readonly string[] = [
  LOCAL_CLIENT_ID,
  ...Object.values(machineClients).map((client) => client.localClientId),
];

/** Both local pools, as the Lambda authorizer trusts the two Cognito pools. */
const localTrustedPools: readonly TrustedPool[] = [
  { name: 'people', userPoolId: userPools.people.localPoolId, clientIds: LOCAL_AUDIENCE },
  { name: 'staff', userPoolId: userPools.staff.localPoolId, clientIds: [LOCAL_STAFF_CLIENT_ID] },
];

/** The full scopes of which a token must carry one, per route key (routes that name scopes only). */
export const routeScopesOf = (routes: readonly RouteDefinition[]): Record<string, string[]> =>
  Object.fromEntries(routes.filter((route) => route.scopes?.length).map((route) => [routeKey(route), (route.scopes ?? []).map(fullScope)]));

type SigningKey = Parameters<SignJWT['sign']>[0];
type VerifyingKey = Parameters<typeof exportJWK>[0];

export const issueToken = async (
  keys: { privateKey: SigningKey; kid: string },
  claims: { sub: string; role: Role; expiresInSeconds?: number },
): Promise<string> => {
  if (!(roles as readonly string[]).includes(claims.role)) throw new Error(`Unknown role ${claims.role}`);
  // A staff role is issued by the staff pool to its console client, any other by the people's pool.
  const staff = poolOfRole(claims.role) === 'staff';
  return new SignJWT({
    client_id: staff ? LOCAL_STAFF_CLIENT_ID : LOCAL_CLIENT_ID,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    username: claims.sub,
    'cognito:groups': [claims.role],
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(staff ? LOCAL_STAFF_ISSUER : LOCAL_ISSUER)
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

/**
 * Each machine client's secret on the local stack (in AWS, Cognito generates it). Known to anyone
 * with the repository: it guards nothing but the shape of the flow.
 */
export const localClientSecretOf = (localClientId: string): string => `${localClientId}-local-secret`;

type TokenAnswer = { status: number; body: Record<string, unknown> };
const oauthError = (status: number, error: string): TokenAnswer => ({ status, body: { error } });

/**
 * The local stand-in of Cognito's `/oauth2/token` for the client-credentials grant: HTTP Basic
 * client authentication, `grant_type=client_credentials`, an optional `scope` that must be among
 * the client's; the answers and error codes of RFC 6749 §5.
 */
export const answerClientCredentials = async (
  keys: { privateKey: SigningKey; kid: string },
  request: { authorization: string | undefined; body: string },
): Promise<TokenAnswer> => {
  const [scheme, encoded] = (request.authorization ?? '').split(' ');
  const [clientId, secret] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(':') : [];
  const name = machineClientNames.find((n) => machineClients[n].localClientId === clientId);
  if (!name || !clientId || secret !== localClientSecretOf(clientId)) return oauthError(401, 'invalid_client');
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
  const granted = machineClients[name].scopes.map(fullScope);
  const asked = form.get('scope')?.split(' ').filter(Boolean) ?? [];
  if (asked.some((scope) => !granted.includes(scope))) return oauthError(400, 'invalid_scope');
  const expiresIn = 3600;
  const token = await issueMachineToken(keys, { client: name, expiresInSeconds: expiresIn });
  return { status: 200, body: { access_token: token, expires_in: expiresIn, token_type: 'Bearer' } };
};

export type AuthorizerResult = Authorization;

/** Locally there is no JWKS endpoint: a key id the cache does not hold is refused, never fetched. */
const noFetching = { fetch: () => Promise.reject(new Error('The local identity provider publishes no JWKS endpoint.')) };

/**
 * The API's authorizer over the local pools, with the local signing key cached as both pools'
 * JWKS: `authorize(Authorization header, route key)`.
 */
export const createLocalAuthorizer = async (
  keys: { publicKey: VerifyingKey; kid: string },
  routeScopes: Readonly<Record<string, readonly string[]>> = {},
) => {
  const authorizer = createBearerAuthorizer({ pools: localTrustedPools, routeScopes, jwksCache: new SimpleJwksCache({ fetcher: noFetching }) });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: keys.kid, alg: 'RS256', use: 'sig' } as Jwk;
  for (const pool of localTrustedPools) authorizer.verifier.cacheJwks({ keys: [jwk] }, pool.userPoolId);
  return authorizer;
};

const authorizers = new WeakMap<object, ReturnType<typeof createLocalAuthorizer>>();

/** One bearer check against the local pools (the authorizer is built once per key). */
export const verifyBearer = async (
  keys: { publicKey: VerifyingKey; kid: string },
  authorization: string | undefined,
  route = 'GET /',
): Promise<AuthorizerResult> => {
  let authorizer = authorizers.get(keys);
  if (!authorizer) authorizers.set(keys, (authorizer = createLocalAuthorizer(keys)));
  return (await authorizer).authorize(authorization, route);
};
