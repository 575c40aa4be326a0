import { CognitoJwtVerifier } from 'aws-jwt-verify';
import {
  CognitoJwtInvalidClientIdError,
  JwksNotAvailableInCacheError,
  JwtExpiredError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import type { JwksCache } from 'aws-jwt-verify/jwk';
import type { CognitoAccessTokenPayload } from 'aws-jwt-verify/jwt-model';
import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';
import { roles, userPools, type Role, type UserPoolName } from '#shared/manifest/platform.ts';

/**
 * The bearer-token check in front of every non-public route, in AWS (the Lambda authorizer) and
 * on a laptop (the local gateway) alike: an access token of either trusted Cognito pool, for
 * one of that pool's clients, with an expiry, not issued in the future; roles only from the
 * pool that grants them; and, for a route that names scopes, one of those scopes.
 */

export interface TrustedPool {
  name: UserPoolName;
  userPoolId: string;
  /** The app clients whose access tokens the API accepts (`client_id`). */
  clientIds: readonly string[];
}

export type Authorization =
  | { ok: true; context: AuthorizerContext }
  | { ok: false; status: 401 | 403; reason: string };

/** The clock skew tolerated between the issuer and the authorizer for `iat`, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

class TokenWithoutExpiryError extends Error {}
class TokenFromTheFutureError extends Error {}

/** API Gateway's JWT authorizer refuses a token without `exp`; aws-jwt-verify alone would not. */
const requireSaneTimes = ({ payload }: { payload: { exp?: unknown; iat?: unknown } }) => {
  if (typeof payload.exp !== 'number') throw new TokenWithoutExpiryError();
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
    throw new TokenFromTheFutureError();
  }
};

const createBearerVerifier = (pools: readonly TrustedPool[], jwksCache?: JwksCache) => {
  const [first, ...others] = pools.map((pool) => ({
    userPoolId: pool.userPoolId,
    clientId: [...pool.clientIds],
    tokenUse: 'access' as const,
    customJwtCheck: requireSaneTimes,
  }));
  if (!first) throw new Error('The authorizer needs at least one user pool.');
  return CognitoJwtVerifier.create([first, ...others], jwksCache ? { jwksCache } : undefined);
};


const refusal = (status: 401 | 403, reason: string): Authorization => ({ ok: false, status, reason });

const reasonFor = (error: unknown): string => {
  if (error instanceof JwtExpiredError) return 'The token has expired.';
  if (error instanceof TokenFromTheFutureError) return 'The token was issued in the future.';
  if (error instanceof CognitoJwtInvalidClientIdError) return 'The token is for another audience.';
  if (error instanceof KidNotFoundInJwksError || error instanceof JwksNotAvailableInCacheError) {
    return 'The token was signed by an unknown key.';
  }
  return 'The token is not valid.';
};

const isRole = (group: string): group is Role => (roles as readonly string[]).includes(group);

/**
 * A Cognito client-credentials token is issued to the client itself: its subject is the client
 * id and it names no user and no group.
 */
const isMachineToken = (payload: CognitoAccessTokenPayload): boolean =>
  payload.client_id === payload.sub && payload.username === undefined && payload['cognito:groups'] === undefined;

/** Why the token may not use the route: it carries none of the route's scopes (undefined if it may). */
const missingScopes = (routeKey: string, required: readonly string[] | undefined, scopes: readonly string[]) => {
  if (!required?.length || required.some((scope) => scopes.includes(scope))) return undefined;
  const needed = required.length === 1 ? `the scope ${required[0]}` : `one of the scopes ${required.join(', ')}`;
  return `${routeKey} needs ${needed}; the token carries none of them.`;
};

const contextOf = (payload: CognitoAccessTokenPayload, pool: UserPoolName): Authorization => {
  const groups = payload['cognito:groups'] ?? [];
  const granted: readonly string[] = userPools[pool].roles;
  const foreign = groups.filter((group) => isRole(group) && !granted.includes(group));
  if (foreign.length > 0) return refusal(403, `Tokens of the ${pool} pool cannot carry the role ${foreign.join(', ')}.`);
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const kind = pool === 'people' && isMachineToken(payload) ? 'machine' : 'person';
  return {
    ok: true,
    context: {
      sub: payload.sub,
      kind,
      pool,
      groups: groups.filter((group) => granted.includes(group)).join(' '),
      scopes: scopes.join(' '),
      clientId: payload.client_id,
    },
  };
};

/**
 * The authorizer over a verifier: `authorize(Authorization header, route key)`. `routeScopes`
 * names, per route key, the full scopes of which a token must carry one.
 */
export const createBearerAuthorizer = (options: {
  pools: readonly TrustedPool[];
  routeScopes: Readonly<Record<string, readonly string[]>>;
  jwksCache?: JwksCache;
}) => {
  const verifier = createBearerVerifier(options.pools, options.jwksCache);
  const poolById = new Map(options.pools.map((pool) => [pool.userPoolId, pool.name]));

  const authorize = async (authorization: string | undefined, routeKey: string): Promise<Authorization> => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? '');
    if (!match?.[1]) return refusal(401, 'Send an Authorization header with a Bearer token.');
    let payload: CognitoAccessTokenPayload;
    try {
      payload = await verifier.verify(match[1]);
    } catch (error) {
      return refusal(401, reasonFor(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') return refusal(401, 'The token has no subject.');
    // The verifier accepted the issuer, so it names one of the pools (regional or global form).
    const pool = poolById.get(payload.iss.split('/').at(-1) ?? '');
    if (!pool) return refusal(401, 'The token is not valid.');
    const authorized = contextOf(payload, pool);
    if (!authorized.ok) return authorized;
    const scopes = authorized.context.scopes.split(' ').filter(Boolean);
    const missing = missingScopes(routeKey, options.routeScopes[routeKey], scopes);
    return missing ? refusal(403, missing) : authorized;
  };
  return { verifier, authorize };
};
