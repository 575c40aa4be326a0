import type { CaseState } from '#shared/moderation/domain/index.ts';

/** A case as moderators see it in their queue (without its notices). */
export const caseView = (c: CaseState) => ({
  id: c.id,
  contentId: c.contentId,
  ...(c.contentUrl && { contentUrl: c.contentUrl }),
  category: c.category,
  origin: c.origin,
  status: c.status,
  priority: c.priority,
  score: c.score,
  noticeCount: c.noticeCount,
  reporterCount: c.reporters.length,
  trustedNotices: c.trustedNotices,
  financialHarm: c.financialHarm,
  signals: c.signals,
  firstNoticeAt: c.firstNoticeAt,
  ...(c.lease && { lease: c.lease }),
  ...(c.decision && { decision: decisionView(c.decision) }),
  ...(c.content.reviewId && { reviewId: c.content.reviewId }),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const decisionView = (d: NonNullable<CaseState['decision']>) => ({
  action: d.action,
  by: d.by,
  at: d.at,
  ...(d.statementId && { statementId: d.statementId }),
  ...(d.durationDays !== undefined && { durationDays: d.durationDays }),
  ...(d.reversedAt && { reversedAt: d.reversedAt }),
  ...(d.replacedBy && { replacedBy: d.replacedBy }),
});
