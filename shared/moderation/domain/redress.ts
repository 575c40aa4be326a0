import type { AppealState } from '#shared/moderation/domain/appeal.ts';
import type { DecisionRecord } from '#shared/moderation/domain/case.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/statement.ts';
import { isRestriction } from '#shared/moderation/domain/taxonomy.ts';

/**
 * What a person told of a decision may still do about it here (DSA Art. 16(5), 17(3)(f), 20),
 * beside the out-of-court bodies (Art. 21) and the courts, which are always open: appeal to us
 * until a deadline, or no internal appeal because a notifier cannot appeal an action taken, or
 * because the decision was taken on appeal (final here). It describes the decision as it was
 * taken, whatever happened to the case since (a message may be sent after a later appeal). The
 * notifications word it in the reader's language.
 */
export type Redress = { kind: 'appeal'; until: string } | { kind: 'no_internal_appeal' } | { kind: 'final_on_appeal' };

const NO_APPEAL_BY_NOTIFIER: Redress = { kind: 'no_internal_appeal' };
const FINAL_ON_APPEAL: Redress = { kind: 'final_on_appeal' };

const appealUntil = (decidedAt: string, policy: ModerationPolicy): Redress => ({
  kind: 'appeal',
  until: new Date(Date.parse(decidedAt) + policy.appealWindowMs).toISOString(),
});

/** A statement an appeal's decision issued (a lesser measure, or an action after a decision not to act; `appeals` are the case's). */
const issuedOnAppeal = (statementId: string | undefined, appeals: readonly Pick<AppealState, 'newStatementId'>[]) =>
  statementId !== undefined && appeals.some((a) => a.newStatementId === statementId);

/**
 * The redress of a notifier against the decision on the case of their notice: a notifier appeals
 * only a decision not to act, and a decision taken on appeal is final here.
 */
export const noticeDecisionRedress = (
  d: Pick<DecisionRecord, 'action' | 'at' | 'statementId'>,
  appeals: readonly Pick<AppealState, 'newStatementId'>[],
  policy: ModerationPolicy = moderationPolicy,
): Redress => {
  if (issuedOnAppeal(d.statementId, appeals)) return FINAL_ON_APPEAL;
  return isRestriction(d.action) ? NO_APPEAL_BY_NOTIFIER : appealUntil(d.at, policy);
};

/** The redress of a notifier whose notice was closed because its content had been removed already: an action, not theirs to appeal. */
export const alreadyActionedRedress = (): Redress => NO_APPEAL_BY_NOTIFIER;

/** The redress of a notifier once an appeal reversed the action on their notice: the decision not to act now in force was taken on appeal. */
export const reversalRedress = (): Redress => FINAL_ON_APPEAL;

/**
 * The redress of the account a statement of reasons affects. A statement issued by an appeal's
 * decision (a lesser measure replacing another, or an action after a decision not to act; `appeals`
 * are the case's) leaves no internal appeal.
 */
export const statementRedress = (
  s: Pick<StatementOfReasons, 'puid' | 'createdAt' | 'replaces'>,
  appeals: readonly Pick<AppealState, 'newStatementId'>[],
  policy: ModerationPolicy = moderationPolicy,
): Redress => (s.replaces !== undefined || issuedOnAppeal(s.puid, appeals) ? FINAL_ON_APPEAL : appealUntil(s.createdAt, policy));
