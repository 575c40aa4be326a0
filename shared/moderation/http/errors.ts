import { problemOf, problems } from '#shared/http/problem.ts';
import { ConflictOfInterestError, VersionConflictError } from '#shared/errors.ts';
import { idempotencyProblem } from '#shared/idempotency.ts';
import { ModerationConflictError, ModerationForbiddenError, ModerationInvalidError } from '#shared/moderation/domain/index.ts';
import { NoticeFilingSuspendedError, QueueUnavailableError, RateLimitedError } from '#shared/moderation/use-cases/errors.ts';

/** The trust-and-safety errors as problems; anything else is left to the API handler. */
export const moderationProblem = (error: unknown) => {
  if (error instanceof ModerationForbiddenError) return problems.forbidden(error.message);
  if (error instanceof ConflictOfInterestError) return problems.conflictOfInterest(error.message);
  if (error instanceof ModerationInvalidError) return problems.validation([{ in: 'body', path: error.field, message: error.message }]);
  if (error instanceof ModerationConflictError) return problems.conflict(error.reason, error.message);
  if (error instanceof VersionConflictError) return problems.conflict('concurrent-update', 'Others are changing this right now; retry.');
  if (error instanceof RateLimitedError) {
    return problemOf(429, 'rate-limited', 'Too many notices', `Try again in ${error.retryAfterSeconds} seconds.`, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof NoticeFilingSuspendedError) return problemOf(403, 'reporting-suspended', 'Reporting suspended', error.message);
  if (error instanceof QueueUnavailableError) return problemOf(503, 'queue-unavailable', 'Try again shortly', error.message, { 'retry-after': '5' });
  return idempotencyProblem(error);
};
