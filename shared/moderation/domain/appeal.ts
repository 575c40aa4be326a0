import type { CaseState, DecisionRecord } from '#shared/moderation/domain/case.ts';
import { iso, type Counters } from '#shared/moderation/domain/change.ts';
import { ModerationConflictError, ModerationForbiddenError } from '#shared/moderation/domain/errors.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import { isRestriction, type Action } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Appeals (DSA Art. 20): the affected user appeals a restriction, a reporter a decision not to
 * act, within six months of the decision, once per decision. appeal-decision.ts decides them.
 */

export const appealOutcomes = ['upheld', 'partly_reversed', 'reversed'] as const;
export type AppealOutcome = (typeof appealOutcomes)[number];

export interface AppealState {
  id: string;
  caseId: string;
  appellantKind: 'affected' | 'reporter';
  appellantId: string;
  /** The decision appealed: its action and statement. */
  appealedAction: Action;
  statementId?: string;
  filedAt: string;
  status: 'pending' | 'decided';
  outcome?: AppealOutcome;
  decidedBy?: string;
  decidedAt?: string;
  /** A statement issued by the appeal (a lesser measure, or an action after a decision not to act). */
  newStatementId?: string;
  /** When the explanations were erased (at the appellant's request, or when their retention ended). */
  erasedAt?: string;
  version: number;
}

/** Who may appeal the decision, and whether it is still open to appeal. */
const requireAppealable = (c: CaseState, appellantKind: 'affected' | 'reporter', now: Date, policy: ModerationPolicy): DecisionRecord => {
  const d = c.decision;
  if (!d) throw new ModerationConflictError('not-decided', 'The case is not decided yet: there is nothing to appeal.');
  if (now.getTime() - Date.parse(d.at) > policy.appealWindowMs) {
    throw new ModerationConflictError('appeal-window-closed', 'Appeals are open for 6 months after the decision.');
  }
  if (appellantKind === 'reporter' && d.action !== 'no_action') {
    throw new ModerationForbiddenError('Reporters may appeal a decision not to act; this decision acted on the content.');
  }
  if (appellantKind === 'affected' && !isRestriction(d.action)) {
    throw new ModerationForbiddenError('There is no restriction to appeal.');
  }
  if (c.status === 'appealed') throw new ModerationConflictError('appeal-pending', 'An appeal on this decision is being decided.');
  if (d.reversedAt) throw new ModerationConflictError('already-reversed', 'The decision was reversed already.');
  if (c.status === 'closed') throw new ModerationConflictError('appeal-decided', 'An appeal on this decision was decided; the reply is final here.');
  return d;
};

/** An appeal filed against the case's decision: the case waits for its decision under appeal. */
export const fileAppeal = (input: {
  caseState: CaseState;
  appellantId: string;
  appellantKind: 'affected' | 'reporter';
  id: string;
  now: Date;
  policy?: ModerationPolicy;
}) => {
  const { caseState: c, now } = input;
  const d = requireAppealable(c, input.appellantKind, now, input.policy ?? moderationPolicy);
  const at = iso(now);
  const appeal: AppealState = {
    id: input.id,
    caseId: c.id,
    appellantKind: input.appellantKind,
    appellantId: input.appellantId,
    appealedAction: d.action,
    ...(d.statementId && { statementId: d.statementId }),
    filedAt: at,
    status: 'pending',
    version: 1,
  };
  const next: CaseState = { ...c, status: 'appealed', appealIds: [...c.appealIds, appeal.id], updatedAt: at, version: c.version + 1 };
  return {
    appeal,
    caseState: next,
    history: [{ at, actor: { kind: 'user' as const, id: input.appellantId }, action: 'appealed', details: { appealId: appeal.id, by: input.appellantKind } }],
    events: [{ type: 'moderation.appeal-filed', at, detail: { appealId: appeal.id, caseId: c.id, by: input.appellantKind } }],
    counters: { appeals: 1, [`appeals#by#${input.appellantKind}`]: 1 } as Counters,
  };
};
