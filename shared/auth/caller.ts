import { roles, type Role } from '#infra/resources.ts';
import { problems } from '#shared/http/problem.ts';

/** The authenticated principal behind a request, as the gateway's JWT authorizer vouched for it. */
export interface Caller {
  sub: string;
  roles: Role[];
}

export const staffRoles: readonly Role[] = ['agent', 'moderator', 'security', 'comms', 'admin'];

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

export const callerFromRequest = (requestContext: JwtRequestContext): Caller => {
  const claims = requestContext.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw problems.unauthorized('A valid bearer token is required.');
  const groups = parseGroupsClaim(claims?.['cognito:groups']).filter(isRole);
  // A signed-up user belongs to no staff group: an authenticated principal is at least a user.
  return { sub, roles: groups.length > 0 ? groups : ['user'] };
};
