import type { UserPoolName } from '#shared/manifest/platform.ts';

/**
 * What the API's Lambda authorizer vouches for, handed to every integration in
 * `requestContext.authorizer.lambda`. Strings only: API Gateway passes the context through as
 * flat values.
 */
export interface AuthorizerContext {
  sub: string;
  kind: 'person' | 'machine';
  /** The user pool that issued the token: staff roles come only from `staff`. */
  pool: UserPoolName;
  /** The token's roles that its pool grants, space-separated (other groups are dropped). */
  groups: string;
  /** The token's OAuth scopes, space-separated. */
  scopes: string;
  clientId: string;
}

/** The environment through which the authorizer function learns the pools, clients and route scopes. */
export const authorizerEnv = {
  peoplePoolId: 'PEOPLE_USER_POOL_ID',
  peopleClientIds: 'PEOPLE_CLIENT_IDS',
  staffPoolId: 'STAFF_USER_POOL_ID',
  staffClientIds: 'STAFF_CLIENT_IDS',
  /** JSON object: route key to the full scopes of which the token must carry one. */
  routeScopes: 'ROUTE_SCOPES',
} as const;
