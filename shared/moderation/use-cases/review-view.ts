import type { ReviewState } from '#shared/moderation/domain/index.ts';
import type { ContentReviewView } from '#shared/moderation/http/response-schemas/content-reviews.ts';

/** A content review as the platform that submitted it sees it: publishable only once approved. */
export const reviewView = (r: ReviewState): ContentReviewView => ({
  id: r.id,
  contentId: r.contentId,
  status: r.status,
  publishable: r.status === 'approved',
  ...(r.restriction && { restriction: r.restriction }),
  ...(r.decidedBy && { decidedBy: r.decidedBy }),
  signals: r.signals,
  ...(r.caseId && { caseId: r.caseId }),
  ...(r.statementId && { statementId: r.statementId }),
  submittedAt: r.submittedAt,
  ...(r.decidedAt && { decidedAt: r.decidedAt }),
});
