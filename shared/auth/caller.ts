import { roles, type Role } from '#shared/manifest/platform.ts';
import { problems } from '#shared/http/problem.ts';

/**
 * The authenticated principal behind a request, as the gateway's JWT authorizer vouched for it:
 * a person (a user or staff, with roles) or a machine client (a trusted integration, with scopes
 * and no role, so no route meant for people accepts it).
 */
export interface Caller {
  kind: 'person' | 'machine';
  sub: string;
  roles: Role[];
  /** OAuth scopes of a machine client's token; empty for people. */
  scopes: string[];
}

export const hasRole = (caller: Caller, ...wanted: Role[]): boolean => caller.roles.some((r) => wanted.includes(r));

/**
 * API Gateway HTTP APIs hand JWT claims to the integration as strings; an array claim such as
 * `cognito:groups` arrives as `[agent admin]`. Both shapes are accepted so that a handler
 * behaves the same behind the gateway, behind the local server and in tests.
 */
export const parseGroupsClaim = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  const trimmed = claim.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter(Boolean);
};

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

interface JwtRequestContext {
  authorizer?: { jwt?: { claims?: Record<string, unknown> } };
}

/**
 * A Cognito client-credentials token is issued to the client itself: its subject is the client
 * id and it names no user. A person's access token always carries `username`.
 */
const isMachineToken = (claims: Record<string, unknown>): boolean =>
  claims.client_id === claims.sub && claims.username === undefined && claims['cognito:groups'] === undefined;

export const callerFromRequest = (requestContext: JwtRequestContext): Caller => {
  const claims = requestContext.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub === '') throw problems.unauthorized('A valid bearer token is required.');
  if (isMachineToken(claims)) {
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    return { kind: 'machine', sub, roles: [], scopes };
  }
  const groups = parseGroupsClaim(claims['cognito:groups']).filter(isRole);
  // A signed-up user belongs to no staff group: an authenticated person is at least a user.
  return { kind: 'person', sub, roles: groups.length > 0 ? groups : ['user'], scopes: [] };
};

export const hasScope = (caller: Caller, scope: string): boolean => caller.scopes.includes(scope);
