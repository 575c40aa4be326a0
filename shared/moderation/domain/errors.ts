/**
 * The refusals of the trust-and-safety domain. They name no transport: the HTTP layer maps a
 * conflict to 409 (with its reason), a forbidden step to 403 and an invalid request to 400
 * (with its field).
 */

/** The step does not fit the current state (a case decided already, a lease held by another moderator...). */
export class ModerationConflictError extends Error {
  override name = 'ModerationConflictError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The person may not take this step (a reporter appealing an action, the deciding moderator deciding the appeal). */
export class ModerationForbiddenError extends Error {
  override name = 'ModerationForbiddenError';
}

/** A request the domain refuses as invalid in its context (answered 400 with the field). */
export class ModerationInvalidError extends Error {
  override name = 'ModerationInvalidError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
