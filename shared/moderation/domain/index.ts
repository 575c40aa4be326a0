/**
 * Trust and safety as pure functions: notices merge into cases, moderators decide, decisions
 * carry statements of reasons, appeals reverse or uphold, rewards wait for the appeal window.
 * Each command returns the whole change (new states, history, events, figure counters), which
 * the store writes in one transaction. Nothing here reads a clock or a database.
 *
 * This file is the domain's public surface. Some modules are imported directly by the callers
 * that need them, so that a function importing the domain does not load what they carry:
 * `simhash.ts` and `source-address.ts` (hashing and address parsing), `ids.ts` and
 * `transparency-db.ts` (zod), and `screening.ts` (the pre-publication rules and the blocklists'
 * identifiers, used by the content review and the blocklists only).
 */

export { appealOutcomes, fileAppeal, type AppealState } from '#shared/moderation/domain/appeal.ts';
export { decideAppeal, type AppealDecisionInput } from '#shared/moderation/domain/appeal-decision.ts';
export {
  claimCase,
  effectiveAction,
  MAX_TRACKED_REPORTERS,
  openScreeningCase,
  type CaseState,
  type ContentFacts,
} from '#shared/moderation/domain/case.ts';
export type { Counters, DomainEvent, HistoryEntry } from '#shared/moderation/domain/change.ts';
export { reviewAfterDecision, screenReview, type ReviewState } from '#shared/moderation/domain/content-review.ts';
export { decideCase } from '#shared/moderation/domain/decision.ts';
export { ModerationConflictError, ModerationForbiddenError, ModerationInvalidError } from '#shared/moderation/domain/errors.ts';
export {
  anonymousAppellantOf,
  FOLLOW_UP_HEADER,
  followUpTokenMatches,
  followUpTokenOf,
  noticeOfAnonymousAppellant,
} from '#shared/moderation/domain/follow-up.ts';
export { mailboxOf } from '#shared/moderation/domain/mailbox.ts';
export {
  noticeReceived,
  targetKeyOf,
  type CaseNoticeLink,
  type NoticePersonalData,
  type NoticeState,
  type ReporterKind,
} from '#shared/moderation/domain/notice.ts';
export { noticeOutcome, noticeOutcomes } from '#shared/moderation/domain/notice-outcome.ts';
export { moderationPolicy, priorities, type Priority } from '#shared/moderation/domain/policy.ts';
export {
  emptyProfile,
  isSuspended,
  misuseStep,
  type MisuseTrigger,
  type ReporterDelta,
  type ReporterProfile,
} from '#shared/moderation/domain/reporter-standing.ts';
export {
  alreadyActionedRedress,
  noticeDecisionRedress,
  reversalRedress,
  statementRedress,
  type Redress,
} from '#shared/moderation/domain/redress.ts';
export {
  rewardAfterAppeal,
  rewardHeldByAppeal,
  rewardMovedByAppeal,
  settleReward,
  type PendingReward,
} from '#shared/moderation/domain/reward.ts';
export { statementFor, type DecisionInput, type StatementOfReasons } from '#shared/moderation/domain/statement.ts';
export {
  actions,
  contentTypes,
  isRestriction,
  noticeCategories,
  rewardPoints,
  type Action,
  type NoticeCategory,
  type Restriction,
} from '#shared/moderation/domain/taxonomy.ts';
export { triage } from '#shared/moderation/domain/triage.ts';
