import { ConflictOfInterestError } from '#shared/errors.ts';
import { firstResponseBucket } from '#shared/figures/histogram.ts';
import { leaseHeld, type CaseState, type DecisionRecord } from '#shared/moderation/domain/case.ts';
import { iso, type Counters, type DomainEvent, type HistoryEntry } from '#shared/moderation/domain/change.ts';
import { ModerationConflictError, ModerationInvalidError } from '#shared/moderation/domain/errors.ts';
import type { CaseNoticeLink } from '#shared/moderation/domain/notice.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import { misuseTriggers, reporterDeltas, type MisuseTrigger, type ReporterDelta } from '#shared/moderation/domain/reporter-standing.ts';
import { requireUninvolvedModerator } from '#shared/moderation/domain/separation-of-duties.ts';
import { rewardOf, type PendingReward } from '#shared/moderation/domain/reward.ts';
import { statementFor, type DecisionInput, type StatementOfReasons } from '#shared/moderation/domain/statement.ts';
import { isRestriction, type Action } from '#shared/moderation/domain/taxonomy.ts';

/**
 * A moderator's decision on a case: an action with its statement of reasons, or no action
 * (possibly finding notices manifestly unfounded). It moves the reporters' standing and, on an
 * action, starts the reward of the first rewardable notice, due when the appeal window closes.
 */

interface DecisionChange {
  caseState: CaseState;
  statement?: StatementOfReasons;
  reward?: PendingReward;
  reporterDeltas: ReporterDelta[];
  /** The reporters of manifestly unfounded notices, for the misuse policy's next step after the commit. */
  misuse: MisuseTrigger[];
  history: HistoryEntry[];
  events: DomainEvent[];
  counters: Counters;
}

interface DecideCaseInput {
  caseState: CaseState;
  moderatorId: string;
  decision: DecisionInput;
  notices: CaseNoticeLink[];
  puid: string;
  now: Date;
  policy?: ModerationPolicy;
}

/** Only the moderator holding an unexpired claim decides an open case, and never one they are a party to. */
const requireDecidable = (c: CaseState, moderatorId: string, now: Date, notices: readonly CaseNoticeLink[]) => {
  if (c.status !== 'open') throw new ModerationConflictError('case-decided', 'The case is decided already.');
  requireUninvolvedModerator(moderatorId, { caseState: c, notices }, 'decide');
  if (!leaseHeld(c, moderatorId, now)) {
    throw new ModerationConflictError(
      c.lease?.moderatorId === moderatorId ? 'lease-expired' : 'claim-first',
      'Claim the case (POST .../claim) before deciding it; a claim lasts 15 minutes.',
    );
  }
};

/** The notices found manifestly unfounded: only with a decision not to act, and only notices of this case. */
const unfoundedNotices = (d: DecisionInput, notices: CaseNoticeLink[]): Set<string> => {
  const unfounded = new Set(d.unfoundedNoticeIds ?? []);
  if (unfounded.size > 0 && d.action !== 'no_action') {
    throw new ModerationInvalidError('unfoundedNoticeIds', 'Only a decision not to act can find notices manifestly unfounded');
  }
  for (const id of unfounded) {
    if (!notices.some((n) => n.noticeId === id)) throw new ModerationInvalidError('unfoundedNoticeIds', `${id} is not a notice of this case`);
  }
  return unfounded;
};

/** A moderator's decision (screenReview counts the automated approvals). */
const decisionCounters = (c: CaseState, action: Action, now: Date): Counters => ({
  decisions: 1,
  'decisions#human': 1,
  [`actions#${action}`]: 1,
  ...(isRestriction(action) && { statements: 1 }),
  // Median time from notice to action: one sample per actioned case, from its first notice.
  ...(isRestriction(action) &&
    c.noticeCount > 0 && { [`noticeToAction#${firstResponseBucket(now.getTime() - Date.parse(c.firstNoticeAt))}`]: 1, noticesActioned: 1 }),
  // Screening measured against human decisions: a flagged item confirmed or not, an approved item later acted on.
  ...(c.origin === 'screening' && { [isRestriction(action) ? 'screening#truePositive' : 'screening#falsePositive']: 1 }),
  ...(c.origin === 'notice' && c.content.automatedApproval && isRestriction(action) && { 'screening#falseNegative': 1 }),
});

const decidedCounters = (c: CaseState, d: DecisionInput, now: Date): Counters => ({
  ...decisionCounters(c, d.action, now),
  ...(d.ground && isRestriction(d.action) && { [`decisions#ground#${d.ground}`]: 1 }),
  ...(c.trustedNotices > 0 && { 'decisions#trustedFlagger': 1 }),
});

const decisionHistory = (moderatorId: string, d: DecisionInput, statement: StatementOfReasons | undefined, unfounded: number, at: string): HistoryEntry => ({
  at,
  actor: { kind: 'staff', id: moderatorId },
  action: 'decided',
  details: {
    action: d.action,
    ...(statement && { statementId: statement.puid }),
    ...(d.durationDays !== undefined && { durationDays: d.durationDays }),
    unfounded,
  },
});

/** The event of a decision taken, by a moderator on the case or on an appeal against a decision not to act. */
export const decisionTaken = (c: CaseState, action: Action, statement: StatementOfReasons | undefined, at: string, onAppeal = false): DomainEvent => ({
  type: 'moderation.decision-taken',
  at,
  detail: {
    caseId: c.id,
    contentId: c.contentId,
    action,
    automated: false,
    ...(statement && { statementId: statement.puid }),
    ...(onAppeal && { onAppeal: true }),
    ...(statement?.endsAt && { endsAt: statement.endsAt }),
  },
});

/** A moderator holding the case decides it. */
export const decideCase = (input: DecideCaseInput): DecisionChange => {
  const { caseState: c, moderatorId, decision: d, now } = input;
  const policy = input.policy ?? moderationPolicy;
  requireDecidable(c, moderatorId, now, input.notices);
  const unfounded = unfoundedNotices(d, input.notices);
  const at = iso(now);
  const statement = isRestriction(d.action) ? statementFor({ caseState: c, decision: { ...d, action: d.action }, puid: input.puid, now }) : undefined;
  const affectedAccountId = statement?.affectedAccountId ?? d.affectedAccountId ?? c.content.authorRef;
  if (affectedAccountId === moderatorId) {
    throw new ConflictOfInterestError('author', 'The measure is about your own account: another moderator must decide this case.');
  }
  const decision: DecisionRecord = {
    action: d.action,
    by: moderatorId,
    at,
    ...(statement && { statementId: statement.puid }),
    ...(d.durationDays !== undefined && { durationDays: d.durationDays }),
    ...(affectedAccountId && { affectedAccountId }),
    unfoundedNoticeIds: [...unfounded],
  };
  const { lease: _lease, ...rest } = c;
  const reward = statement ? rewardOf(c, iso(new Date(now.getTime() + policy.appealWindowMs)), at) : undefined;
  const deltas = reporterDeltas(input.notices, d.action, unfounded, policy);
  return {
    caseState: { ...rest, status: 'decided', decision, updatedAt: at, version: c.version + 1 },
    ...(statement && { statement }),
    ...(reward && { reward }),
    reporterDeltas: deltas,
    misuse: misuseTriggers(deltas, input.notices, unfounded),
    history: [decisionHistory(moderatorId, d, statement, unfounded.size, at)],
    events: [decisionTaken(c, d.action, statement, at)],
    counters: decidedCounters(c, d, now),
  };
};
