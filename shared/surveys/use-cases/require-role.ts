import type { Caller } from '#shared/auth/caller.ts';
import type { Role } from '#shared/manifest/platform.ts';

/** The caller's roles do not allow the request (answered 403). */
export class SurveyForbiddenError extends Error {
  override name = 'SurveyForbiddenError';
}

/** Refuses a caller without one of `roles`; `what` names the request in the refusal. */
export const requireRole = (caller: Pick<Caller, 'roles'>, roles: readonly Role[], what: string): void => {
  if (!caller.roles.some((role) => roles.includes(role))) throw new SurveyForbiddenError(`${what}: ${roles.join(', ')} only.`);
};
