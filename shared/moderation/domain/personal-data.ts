import type { AppealState } from '#shared/moderation/domain/appeal.ts';
import { effectiveAction, type CaseState } from '#shared/moderation/domain/case.ts';
import type { NoticeState } from '#shared/moderation/domain/notice.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import type { PendingReward } from '#shared/moderation/domain/reward.ts';
import { isRestriction } from '#shared/moderation/domain/taxonomy.ts';
import type { HoldReason } from '#shared/personal-data/holder.ts';
import { dueDayOf, retentionEndOf, retentionPolicy } from '#shared/personal-data/retention.ts';

/**
 * What of a person's trust-and-safety data must outlive their erasure request, and when the
 * retention of notices and appeals ends. Pure rules over the states; the use cases read them.
 *
 * Holds, as a person would expect them: what they wrote stays only while someone else's right to
 * an effective redress depends on it, or it is what a pending appeal decides. Their own pending
 * appeal stays until it is decided. A notice that led to action stays while the person affected may
 * still appeal (the appeal is decided on the record the decision was taken on), and while such an
 * appeal is being decided. A notice whose case was not acted on is erased at once, even under the
 * person's own appeal (only reporters could appeal that, each on their own notice, and this one chose
 * erasure); so is a notice still under review (it is withdrawn from the case). Submitted content stays
 * while an appeal on its case is pending (the content is what the appeal decides). A reward waits
 * for its appeal window whatever happens, so its record is kept until it is credited or cancelled.
 */

export interface Hold {
  reason: HoldReason;
  /** The reason as the person reads it. */
  explanation: string;
  /** ISO time at which the hold ends on its own, when that is known. */
  until?: string;
}

const ownAppealPending: Hold = {
  reason: 'open-appeal',
  explanation: 'Your appeal is still being decided. What you wrote is kept until the decision, then erased.',
};

const actionUnderAppeal: Hold = {
  reason: 'open-appeal',
  explanation: 'Your notice led to action, and the person affected appealed. A second moderator decides the appeal on the record the action was taken on, which includes your notice. It is erased once the appeal is decided.',
};

const contentUnderAppeal: Hold = {
  reason: 'open-appeal',
  explanation: 'An appeal on the decision about this content is being decided by a second moderator, who needs to see it. It is erased once the appeal is decided.',
};

const decisionAppealable = (until: string): Hold => ({
  reason: 'appeal-window',
  explanation: 'Your notice led to action against the content. The person affected may appeal for 6 months, and the appeal is decided on the record that includes your notice, so it is kept until that window ends, then erased.',
  until,
});

const rewardWaiting = (until: string | undefined): Hold => ({
  reason: 'reward-appeal-window',
  explanation: until
    ? 'Your reward is credited once the appeal window of the decision ends. Its record (no text of yours) is kept until it is credited or cancelled.'
    : 'Your reward waits for the decision on an appeal. Its record (no text of yours) is kept until it is credited or cancelled.',
  ...(until && { until }),
});

/** A notice is held while the action it led to is under appeal, or may still be appealed, by the person affected. */
export const noticeHold = (notice: NoticeState, c: CaseState | undefined, now: Date, policy: ModerationPolicy = moderationPolicy): Hold | undefined => {
  if (notice.status !== 'triaged' || !c?.decision || !isRestriction(effectiveAction(c.decision))) return undefined;
  if (c.status === 'appealed') return actionUnderAppeal;
  if (c.status !== 'decided') return undefined;
  const until = Date.parse(c.decision.at) + policy.appealWindowMs;
  return until > now.getTime() ? decisionAppealable(new Date(until).toISOString()) : undefined;
};

/** An appeal is held while it is pending. */
export const appealHold = (appeal: AppealState): Hold | undefined => (appeal.status === 'pending' ? ownAppealPending : undefined);

/** Submitted content is held while an appeal on its case is being decided. */
export const reviewHold = (c: CaseState | undefined): Hold | undefined => (c?.status === 'appealed' ? contentUnderAppeal : undefined);

/** A reward is held until it is credited or cancelled: until its due time, or, held by an appeal, until the appeal's decision. */
export const rewardHold = (reward: PendingReward, now: Date): Hold | undefined => {
  if (reward.status === 'held') return rewardWaiting(undefined);
  if (reward.status !== 'pending') return undefined;
  return rewardWaiting(Date.parse(reward.dueAt) > now.getTime() ? reward.dueAt : undefined);
};

/** The day the personal fields of what a decision at `decidedAt` concerns are removed (retentionPolicy.noticesAndAppeals). */
export const retentionDayOf = (decidedAt: string): string => dueDayOf(retentionEndOf(retentionPolicy.noticesAndAppeals, new Date(decidedAt)));

/**
 * A case's due day, for the notices merged into it: from its decision, or from the decision on its
 * appeal once closed; none while it is open or under appeal.
 */
export const caseRetentionDay = (c: CaseState): string | undefined => {
  if (!c.decision) return undefined;
  if (c.status === 'decided') return retentionDayOf(c.decision.at);
  return c.status === 'closed' ? retentionDayOf(c.updatedAt) : undefined;
};

/** A notice closed as already acted on has its clock started by its closing (its case is decided already). */
export const noticeRetentionDay = (n: NoticeState): string | undefined => (n.status === 'closed' && !n.erasedAt ? retentionDayOf(n.updatedAt) : undefined);

/** An appeal's clock starts with its decision. */
export const appealRetentionDay = (a: AppealState): string | undefined => (a.decidedAt && !a.erasedAt ? retentionDayOf(a.decidedAt) : undefined);

/** What the views show in place of a personal field that was erased. */
export const ERASED = '[erased]';
