import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';
import { roles, userPools, type Role } from '#shared/manifest/platform.ts';
import { problems } from '#shared/http/problem.ts';

/**
 * The authenticated principal behind a request, as the API's authorizer vouched for it:
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

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

interface AuthorizedRequestContext {
  authorizer?: { lambda?: Partial<Record<keyof AuthorizerContext, unknown>> | null };
}

const words = (value: unknown): string[] => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []);

/**
 * The caller the API's Lambda authorizer vouched for. Roles are kept only when the token's pool
 * grants them (the authorizer refuses the others already): a staff role needs a staff-pool token.
 */
export const callerFromRequest = (requestContext: AuthorizedRequestContext): Caller => {
  const context = requestContext.authorizer?.lambda;
  const sub = context?.sub;
  const pool = context?.pool;
  if (!context || typeof sub !== 'string' || sub === '' || (pool !== 'people' && pool !== 'staff')) {
    throw problems.unauthorized('A valid bearer token is required.');
  }
  if (context.kind === 'machine' && pool === 'people') return { kind: 'machine', sub, roles: [], scopes: words(context.scopes) };
  const granted: readonly string[] = userPools[pool].roles;
  const groups = words(context.groups).filter((group) => isRole(group) && granted.includes(group)) as Role[];
  // A signed-up person in no group is a user; a staff account in no group holds no role at all.
  return { kind: 'person', sub, roles: groups.length > 0 || pool === 'staff' ? groups : ['user'], scopes: [] };
};

export const hasScope = (caller: Caller, scope: string): boolean => caller.scopes.includes(scope);
