import { firstResponseBucket } from '#shared/figures/histogram.ts';
import type { AppealOutcome, AppealState } from '#shared/moderation/domain/appeal.ts';
import type { CaseState, DecisionRecord } from '#shared/moderation/domain/case.ts';
import { iso, type Counters, type DomainEvent, type HistoryEntry } from '#shared/moderation/domain/change.ts';
import { decisionTaken } from '#shared/moderation/domain/decision.ts';
import { ModerationConflictError, ModerationInvalidError } from '#shared/moderation/domain/errors.ts';
import type { CaseNoticeLink } from '#shared/moderation/domain/notice.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import { deltasOfActionOnAppeal, deltasOfReversal, type ReporterDelta } from '#shared/moderation/domain/reporter-standing.ts';
import { rewardOf, type PendingReward, type RewardMove } from '#shared/moderation/domain/reward.ts';
import { requireUninvolvedModerator } from '#shared/moderation/domain/separation-of-duties.ts';
import { statementFor, type DecisionInput, type StatementOfReasons } from '#shared/moderation/domain/statement.ts';
import { isRestriction, type Restriction } from '#shared/moderation/domain/taxonomy.ts';

/**
 * The decision on an appeal, by a moderator other than the one who decided the case. Upheld:
 * the decision stands and its reward is released. Reversed: an action is undone (its reward
 * cancelled, its reporters' "accepted" turned "rejected"), or a decision not to act becomes an
 * action with its statement. Partly reversed: a restriction is replaced by a lesser one.
 */

export interface AppealDecisionInput {
  outcome: AppealOutcome;
  /** Why: stored with the appeal and shown to the appellant. */
  explanation: string;
  /** partly_reversed: the lesser measure; reversed on a decision not to act: the action now taken. */
  decision?: DecisionInput;
}

/** The histogram (buckets of `firstResponseBucket`) of the time from an appeal's filing to its decision. */
export const APPEAL_TIME_TO_DECIDE = 'appealTimeToDecide#';

interface DecideAppealInput {
  caseState: CaseState;
  appeal: AppealState;
  moderatorId: string;
  decision: AppealDecisionInput;
  puid: string;
  now: Date;
  notices: CaseNoticeLink[];
  policy?: ModerationPolicy;
}

interface AppealDecisionChange {
  appeal: AppealState;
  caseState: CaseState;
  statement?: StatementOfReasons;
  reward?: PendingReward;
  /** What happens to the reward the original decision started, if it is still pending or held. */
  rewardMove: RewardMove | undefined;
  reporterDeltas: ReporterDelta[];
  history: HistoryEntry[];
  events: DomainEvent[];
  counters: Counters;
}

/** What the outcome does to the decision, its reward and its reporters. */
interface AppealRuling {
  decision: DecisionRecord;
  statement?: StatementOfReasons;
  reward?: PendingReward;
  rewardMove?: RewardMove;
  reporterDeltas: ReporterDelta[];
  events: DomainEvent[];
  counters: Counters;
}

interface RulingContext {
  input: DecideAppealInput;
  original: DecisionRecord;
  policy: ModerationPolicy;
  at: string;
}

/** Lesser measures a partial reversal may replace each restriction with. */
const lesser: Record<Restriction, Restriction[]> = {
  terminate_account: ['suspend_account', 'restrict_account', 'remove', 'demote', 'label'],
  suspend_account: ['restrict_account', 'remove', 'demote', 'label'],
  restrict_account: ['remove', 'demote', 'label'],
  remove: ['demote', 'label'],
  demote: ['label'],
  label: [],
};

/**
 * A pending appeal on a decided case, decided by someone who is no party to it (not the moderator
 * who took the decision, a reporter, the content's author or the appellant); returns the decision
 * appealed.
 */
const requireAppealPending = (input: DecideAppealInput): DecisionRecord => {
  const { caseState: c, appeal, moderatorId, notices } = input;
  if (appeal.status !== 'pending') throw new ModerationConflictError('appeal-decided', 'The appeal is decided already.');
  const original = c.decision;
  if (!original || c.status !== 'appealed') throw new ModerationConflictError('not-appealed', 'The case has no pending appeal.');
  // Art. 20(6): not solely automated, and a second opinion.
  requireUninvolvedModerator(moderatorId, { caseState: c, notices, appeals: [appeal] }, 'decide the appeal on');
  return original;
};

const uphold = ({ original }: RulingContext): AppealRuling => ({
  decision: original,
  rewardMove: 'release',
  reporterDeltas: [],
  events: [],
  counters: {},
});

const reverseRestriction = ({ input, original, policy, at }: RulingContext, action: Restriction): AppealRuling => ({
  decision: { ...original, reversedAt: at },
  rewardMove: 'cancel',
  // The affected user was right: the reporters' "accepted" becomes "rejected".
  reporterDeltas: deltasOfReversal(input.notices, action, policy),
  events: [
    {
      type: 'moderation.action-reversed',
      at,
      detail: {
        caseId: input.caseState.id,
        contentId: input.caseState.contentId,
        undo: action,
        ...(original.statementId && { statementId: original.statementId }),
      },
    },
  ],
  counters: { reversals: 1 },
});

const reduceRestriction = ({ input, original, at }: RulingContext, action: Restriction): AppealRuling => {
  const { caseState: c, decision: d } = input;
  const replacement = d.decision?.action;
  if (!replacement || !isRestriction(replacement) || !lesser[action].includes(replacement)) {
    throw new ModerationInvalidError(
      'decision.action',
      `A partial reversal replaces ${action} with a lesser measure: ${lesser[action].join(', ') || 'none exists'}`,
    );
  }
  const statement = statementFor({
    caseState: c,
    decision: { ...d.decision!, action: replacement, affectedAccountId: d.decision?.affectedAccountId ?? original.affectedAccountId },
    puid: input.puid,
    now: input.now,
    ...(original.statementId && { replaces: original.statementId }),
  });
  return {
    decision: { ...original, replacedBy: { action: replacement, statementId: statement.puid, at } },
    statement,
    rewardMove: 'release',
    reporterDeltas: [],
    events: [
      {
        type: 'moderation.action-reduced',
        at,
        detail: { caseId: c.id, contentId: c.contentId, from: action, to: replacement, statementId: statement.puid },
      },
    ],
    counters: { partialReversals: 1, statements: 1 },
  };
};

/** A reporter's appeal against a decision not to act, reversed: the action is taken now, with its statement. */
const actOnAppeal = ({ input, policy, at }: RulingContext): AppealRuling => {
  const { caseState: c, decision: d, moderatorId } = input;
  if (d.outcome === 'partly_reversed') {
    throw new ModerationInvalidError('outcome', 'A decision not to act is upheld or reversed (with the action to take).');
  }
  const action = d.decision?.action;
  if (!action || !isRestriction(action)) {
    throw new ModerationInvalidError('decision.action', 'Reversing a decision not to act takes an action: give the decision.');
  }
  const statement = statementFor({ caseState: c, decision: { ...d.decision!, action }, puid: input.puid, now: input.now });
  const decision: DecisionRecord = {
    action,
    by: moderatorId,
    at,
    statementId: statement.puid,
    ...(d.decision?.durationDays !== undefined && { durationDays: d.decision.durationDays }),
    ...(statement.affectedAccountId && { affectedAccountId: statement.affectedAccountId }),
    unfoundedNoticeIds: [],
  };
  // The appeal itself confirmed the action: the reward has nothing left to wait for.
  const reward = rewardOf(c, at, at);
  return {
    decision,
    statement,
    ...(reward && { reward }),
    // The reporters were right after all: their earlier "rejected" becomes "accepted".
    reporterDeltas: deltasOfActionOnAppeal(input.notices, action, policy),
    events: [decisionTaken(c, action, statement, at, true)],
    counters: { reversals: 1, statements: 1, [`actions#${action}`]: 1 },
  };
};

const rulingOf = (context: RulingContext): AppealRuling => {
  const { outcome } = context.input.decision;
  const action = context.original.action;
  if (outcome === 'upheld') return uphold(context);
  if (!isRestriction(action)) return actOnAppeal(context);
  return outcome === 'reversed' ? reverseRestriction(context, action) : reduceRestriction(context, action);
};

const decided = (appeal: AppealState, outcome: AppealOutcome, moderatorId: string, statement: StatementOfReasons | undefined, at: string): AppealState => ({
  ...appeal,
  status: 'decided',
  outcome,
  decidedBy: moderatorId,
  decidedAt: at,
  ...(statement && { newStatementId: statement.puid }),
  version: appeal.version + 1,
});

/** A second moderator decides the pending appeal; the case closes with the decision as the outcome leaves it. */
export const decideAppeal = (input: DecideAppealInput): AppealDecisionChange => {
  const { caseState: c, appeal, moderatorId, decision: d } = input;
  const original = requireAppealPending(input);
  const at = iso(input.now);
  const ruling = rulingOf({ input, original, policy: input.policy ?? moderationPolicy, at });
  const { statement } = ruling;
  const statementRef = statement && { statementId: statement.puid };
  return {
    appeal: decided(appeal, d.outcome, moderatorId, statement, at),
    caseState: { ...c, status: 'closed', decision: ruling.decision, updatedAt: at, version: c.version + 1 },
    ...(statement && { statement }),
    ...(ruling.reward && { reward: ruling.reward }),
    rewardMove: ruling.rewardMove,
    reporterDeltas: ruling.reporterDeltas,
    history: [{ at, actor: { kind: 'staff', id: moderatorId }, action: 'appeal-decided', details: { appealId: appeal.id, outcome: d.outcome, ...statementRef } }],
    events: [
      ...ruling.events,
      { type: 'moderation.appeal-decided', at, detail: { appealId: appeal.id, caseId: c.id, outcome: d.outcome, ...statementRef } },
    ],
    counters: {
      [`appeals#outcome#${d.outcome}`]: 1,
      [`${APPEAL_TIME_TO_DECIDE}${firstResponseBucket(input.now.getTime() - Date.parse(appeal.filedAt))}`]: 1,
      ...ruling.counters,
    },
  };
};
