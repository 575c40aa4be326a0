import { ComplaintConflictError, ComplaintForbiddenError } from '#shared/customer-service/domain/complaint.ts';
import { ConflictOfInterestError, VersionConflictError } from '#shared/errors.ts';
import { problems } from '#shared/http/problem.ts';
import { idempotencyProblem } from '#shared/idempotency.ts';

/** The customer-service errors as problems: refused commands 403, conflicts 409 with their reason. */
export const mapCustomerServiceError = (error: unknown) => {
  if (error instanceof ComplaintForbiddenError) return problems.forbidden(error.message);
  if (error instanceof ConflictOfInterestError) return problems.conflictOfInterest(error.message);
  if (error instanceof ComplaintConflictError) return problems.conflict(error.reason, error.message);
  if (error instanceof VersionConflictError) {
    return problems.conflict('concurrent-update', 'The complaint is being changed by others right now; retry.');
  }
  return idempotencyProblem(error);
};
