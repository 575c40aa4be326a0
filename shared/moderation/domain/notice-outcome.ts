import type { CaseState } from '#shared/moderation/domain/case.ts';
import type { NoticeState } from '#shared/moderation/domain/notice.ts';
import { isRestriction } from '#shared/moderation/domain/taxonomy.ts';

/** What a reporter is told of their notice. */
export const noticeOutcomes = ['under_review', 'action_taken', 'no_action', 'already_actioned', 'reversed_on_appeal'] as const;
type NoticeOutcome = (typeof noticeOutcomes)[number];

/** The outcome of a notice as its reporter sees it, derived from its case (no fan-out writes). */
export const noticeOutcome = (notice: NoticeState, c: CaseState | undefined): NoticeOutcome => {
  if (notice.status === 'received') return 'under_review';
  if (notice.status === 'closed') return 'already_actioned';
  const d = c?.decision;
  if (!d) return 'under_review';
  if (d.reversedAt) return 'reversed_on_appeal';
  return isRestriction(d.action) ? 'action_taken' : 'no_action';
};
