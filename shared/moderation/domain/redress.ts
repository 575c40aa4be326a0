import type { AppealState } from '#shared/moderation/domain/appeal.ts';
import type { DecisionRecord } from '#shared/moderation/domain/case.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/statement.ts';
import { isRestriction } from '#shared/moderation/domain/taxonomy.ts';

/**
 * What a person told of a decision may still do about it, here (DSA Art. 16(5), 17(3)(f), 20):
 * one sentence beside the out-of-court and court routes that are always open. It describes the
 * decision as it was taken, whatever happened to the case since (a message may be sent after a
 * later appeal): an appeal is open for the appeal window after a moderator's decision, a notifier
 * appeals only a decision not to act, and a decision taken on appeal is final here.
 */

const appealDeadline = (decidedAt: string, policy: ModerationPolicy) => new Date(Date.parse(decidedAt) + policy.appealWindowMs).toISOString();

const OUTSIDE_ROUTES = 'the out-of-court and court routes remain open';
const BY_ANOTHER = 'a moderator who took no part in the decision decides it';

/** The redress of a notifier against the decision on the case of their notice. */
export const noticeDecisionRedress = (caseId: string, d: Pick<DecisionRecord, 'action' | 'at'>, policy: ModerationPolicy = moderationPolicy): string => {
  if (isRestriction(d.action)) return `A notifier cannot appeal an action taken on the reported content; ${OUTSIDE_ROUTES}.`;
  return (
    `You may appeal this decision until ${appealDeadline(d.at, policy)}: POST /v1/appeals with case ${caseId} from your account, ` +
    `or POST /v1/appeals/anonymous with your notice and the follow-up token of its receipt; ${BY_ANOTHER}.`
  );
};

/**
 * The redress of the account a statement of reasons affects. A statement issued by an appeal's
 * decision (a lesser measure replacing another, or an action after a decision not to act; `appeals`
 * are the case's) leaves no internal appeal.
 */
export const statementRedress = (
  s: Pick<StatementOfReasons, 'puid' | 'caseId' | 'createdAt' | 'replaces'>,
  appeals: readonly Pick<AppealState, 'newStatementId'>[],
  policy: ModerationPolicy = moderationPolicy,
): string => {
  const onAppeal = s.replaces !== undefined || appeals.some((a) => a.newStatementId === s.puid);
  if (onAppeal) return `This decision was taken on appeal, which ends our internal complaint handling of it; ${OUTSIDE_ROUTES}.`;
  return `You may appeal this decision until ${appealDeadline(s.createdAt, policy)}: POST /v1/appeals with case ${s.caseId}; ${BY_ANOTHER}.`;
};
