import { rescore } from '#shared/moderation/domain/case-score.ts';
import { iso, type HistoryEntry } from '#shared/moderation/domain/change.ts';
import { ModerationConflictError } from '#shared/moderation/domain/errors.ts';
import { targetKeyOf, type CaseNoticeLink } from '#shared/moderation/domain/notice.ts';
import { moderationPolicy, type ModerationPolicy, type Priority } from '#shared/moderation/domain/policy.ts';
import { requireUninvolvedModerator } from '#shared/moderation/domain/separation-of-duties.ts';
import type { Action, ContentType, NoticeCategory, Restriction } from '#shared/moderation/domain/taxonomy.ts';

/**
 * A case: everything known about one target (one case per target at a time), the moderator's
 * claim on it, and its decision. Notices merge into it (triage.ts); screening opens it on its
 * own initiative (content-review.ts).
 */

export interface DecisionRecord {
  action: Action;
  by: string;
  at: string;
  statementId?: string;
  durationDays?: number;
  affectedAccountId?: string;
  /** Notices the moderator found manifestly unfounded (Art. 23). */
  unfoundedNoticeIds: string[];
  /** Set when an appeal reversed the decision (the action was undone). */
  reversedAt?: string;
  /** The lesser measure an appeal replaced it with. */
  replacedBy?: { action: Restriction; statementId: string; at: string };
}

export interface ContentFacts {
  reviewId?: string;
  authorRef?: string;
  contentType?: ContentType;
  /** YYYY-MM-DD the content was submitted. */
  contentDate?: string;
  simhash?: string;
  /** Screening approved it without a human (a later removal is a miss of the screening). */
  automatedApproval?: boolean;
}

export interface CaseState {
  id: string;
  targetKey: string;
  contentId: string;
  contentUrl?: string;
  category: NoticeCategory;
  origin: 'notice' | 'screening';
  content: ContentFacts;
  /** Distinct reporters, oldest first, at most MAX_TRACKED_REPORTERS (the volume score is capped long before). */
  reporters: string[];
  noticeCount: number;
  trustedNotices: number;
  anonymousNotices: number;
  financialHarm: boolean;
  maxReputation: number;
  /** Screening signals that opened the case (own-initiative cases). */
  signals: string[];
  score: number;
  priority: Priority;
  firstNoticeAt: string;
  /** The earliest notice from an account that may earn a reward if the case leads to action. */
  firstRewardable?: { noticeId: string; reporterKey: string; accountId: string; receivedAt: string };
  status: 'open' | 'decided' | 'appealed' | 'closed';
  lease?: { moderatorId: string; expiresAt: string };
  decision?: DecisionRecord;
  appealIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const MAX_TRACKED_REPORTERS = 50;

/** What is in force after a decision and its appeal: the lesser measure, no_action once reversed, else the action. */
export const effectiveAction = (d: DecisionRecord): Action => (d.reversedAt ? 'no_action' : (d.replacedBy?.action ?? d.action));

/** A case opened by the screening of content before publication (own initiative, automated detection). */
export const openScreeningCase = (input: {
  id: string;
  contentId: string;
  category: NoticeCategory;
  content: ContentFacts;
  signals: string[];
  now: Date;
  policy?: ModerationPolicy;
}): CaseState => {
  const at = iso(input.now);
  return rescore(
    {
      id: input.id,
      targetKey: targetKeyOf(input.contentId),
      contentId: input.contentId,
      category: input.category,
      origin: 'screening',
      content: input.content,
      reporters: [],
      noticeCount: 0,
      trustedNotices: 0,
      anonymousNotices: 0,
      financialHarm: false,
      maxReputation: 0,
      signals: input.signals,
      score: 0,
      priority: 'low',
      firstNoticeAt: at,
      status: 'open',
      appealIds: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
    input.policy ?? moderationPolicy,
  );
};

/* ------------------------------------------------------------------------------ claiming */

export const leaseHeld = (c: CaseState, moderatorId: string, now: Date) =>
  c.lease !== undefined && c.lease.moderatorId === moderatorId && Date.parse(c.lease.expiresAt) > now.getTime();

/**
 * A moderator takes the case for a while; an expired lease is anyone's to take over. A moderator
 * who reported the content (`notices`: the case's notices) or wrote it may not take it.
 */
export const claimCase = (c: CaseState, moderatorId: string, now: Date, policy: ModerationPolicy = moderationPolicy, notices: readonly CaseNoticeLink[] = []) => {
  if (c.status !== 'open') throw new ModerationConflictError('case-decided', 'The case is decided; appeals go through /v1/appeals.');
  requireUninvolvedModerator(moderatorId, { caseState: c, notices }, 'claim');
  if (c.lease && c.lease.moderatorId !== moderatorId && Date.parse(c.lease.expiresAt) > now.getTime()) {
    throw new ModerationConflictError('already-claimed', `Another moderator holds this case until ${c.lease.expiresAt}.`);
  }
  const at = iso(now);
  const next: CaseState = {
    ...c,
    lease: { moderatorId, expiresAt: iso(new Date(now.getTime() + policy.leaseMs)) },
    updatedAt: at,
    version: c.version + 1,
  };
  const history: HistoryEntry[] = [
    {
      at,
      actor: { kind: 'staff', id: moderatorId },
      action: c.lease?.moderatorId === moderatorId ? 'lease-renewed' : 'claimed',
      details: { expiresAt: next.lease!.expiresAt, ...(c.lease && c.lease.moderatorId !== moderatorId && { takenOverFrom: c.lease.moderatorId }) },
    },
  ];
  return { caseState: next, history };
};
