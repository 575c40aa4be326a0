import { effectiveAction, openScreeningCase, type CaseState } from '#shared/moderation/domain/case.ts';
import { iso, type Counters, type DomainEvent, type HistoryEntry } from '#shared/moderation/domain/change.ts';
import type { ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import type { ScreeningOutcome } from '#shared/moderation/domain/screening.ts';
import { accountActions, type ContentType, type NoticeCategory } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Content submitted for review before publication. Screening approves it automatically, or
 * holds it or sends it to human review with a screening case; the decision on that case then
 * approves it (possibly labelled or demoted) or rejects it.
 */

/** Content submitted for review before publication; its text, URLs and media hashes are sealed apart. */
export interface ReviewState {
  id: string;
  contentId: string;
  contentType: ContentType;
  /** The keyed pseudonym of the revision's digest (content-revision.ts): one review per revision. */
  revision: string;
  authorRef: string;
  clientId: string;
  submittedAt: string;
  status: 'pending' | 'approved' | 'held' | 'human_review' | 'rejected';
  signals: string[];
  simhash?: string;
  decidedBy?: 'automated' | 'moderator';
  decidedAt?: string;
  restriction?: 'label' | 'demote';
  caseId?: string;
  statementId?: string;
  /** When the submitted text, URLs and media hashes were erased at the author's request. */
  erasedAt?: string;
  version: number;
}

interface ScreeningChange {
  review: ReviewState;
  caseState?: CaseState;
  history: HistoryEntry[];
  events: DomainEvent[];
  counters: Counters;
}

const approvedAutomatically = (r: ReviewState, counters: Counters, at: string): ScreeningChange => ({
  review: { ...r, status: 'approved', decidedBy: 'automated', decidedAt: at, version: r.version + 1 },
  history: [],
  events: [{ type: 'content-review.decided', at, detail: { reviewId: r.id, contentId: r.contentId, status: 'approved', publishable: true, decidedBy: 'automated' } }],
  counters: { ...counters, decisions: 1, 'decisions#automated': 1 },
});

/**
 * The worker's verdict on a pending review, as one change: approved automatically, or held or
 * sent to human review with a screening case opened for a moderator.
 */
export const screenReview = (input: {
  review: ReviewState;
  verdict: { outcome: ScreeningOutcome; signals: string[]; category: NoticeCategory };
  newCaseId: string;
  now: Date;
  policy?: ModerationPolicy;
}): ScreeningChange => {
  const { review: r, verdict, now } = input;
  const at = iso(now);
  const counters: Counters = { screened: 1, [`screening#${verdict.outcome}`]: 1 };
  if (verdict.outcome === 'approved') return approvedAutomatically(r, counters, at);
  const c = openScreeningCase({
    id: input.newCaseId,
    contentId: r.contentId,
    category: verdict.category,
    content: { reviewId: r.id, authorRef: r.authorRef, contentType: r.contentType, contentDate: r.submittedAt.slice(0, 10), ...(r.simhash && { simhash: r.simhash }) },
    signals: verdict.signals,
    now,
    ...(input.policy && { policy: input.policy }),
  });
  return {
    review: { ...r, status: verdict.outcome, signals: verdict.signals, caseId: c.id, version: r.version + 1 },
    caseState: c,
    history: [{ at, actor: { kind: 'system', id: 'content-review-worker' }, action: 'case-opened', details: { reviewId: r.id, signals: verdict.signals.join(' ') } }],
    events: [
      { type: 'content-review.screened', at, detail: { reviewId: r.id, contentId: r.contentId, status: verdict.outcome, publishable: false, caseId: c.id } },
      { type: 'moderation.case-opened', at, detail: { caseId: c.id, contentId: r.contentId, category: c.category, priority: c.priority, origin: 'screening' } },
    ],
    counters: { ...counters, casesOpened: 1 },
  };
};

/**
 * What a decided case (or its appeal) does to the content review it came from: a removal or an
 * account measure rejects the content; anything else approves it, labelled or demoted where that
 * is the measure in force. Undefined when the review already says so.
 */
export const reviewAfterDecision = (r: ReviewState, c: CaseState, now: Date): { review: ReviewState; event: DomainEvent } | undefined => {
  const d = c.decision;
  if (!d) return undefined;
  const effective = effectiveAction(d);
  const rejected = effective === 'remove' || accountActions.includes(effective);
  const restriction = effective === 'label' || effective === 'demote' ? effective : undefined;
  const status: ReviewState['status'] = rejected ? 'rejected' : 'approved';
  if (r.status === status && r.restriction === restriction) return undefined;
  const at = iso(now);
  const statementId = d.replacedBy?.statementId ?? d.statementId;
  const { restriction: _old, ...rest } = r;
  return {
    review: {
      ...rest,
      status,
      ...(restriction && { restriction }),
      decidedBy: 'moderator',
      decidedAt: at,
      caseId: c.id,
      ...(statementId && { statementId }),
      version: r.version + 1,
    },
    event: {
      type: 'content-review.decided',
      at,
      detail: { reviewId: r.id, contentId: r.contentId, status, publishable: status === 'approved', decidedBy: 'moderator', ...(restriction && { restriction }) },
    },
  };
};
