import { sameAnswers, type Answers } from '#shared/surveys/domain/answers.ts';
import { isAccepting, type Campaign } from '#shared/surveys/domain/campaigns.ts';
import { counterDiff, responseCounters, type Counters } from '#shared/surveys/domain/counters.ts';
import type { SurveyDefinition } from '#shared/surveys/domain/definitions.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';

/** The request conflicts with the survey's state (answered 409 with the reason). */
export class SurveyConflictError extends Error {
  override name = 'SurveyConflictError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export type ResponseDecision =
  | { outcome: 'created'; counters: Counters }
  | { outcome: 'unchanged' }
  | { outcome: 'revised'; counters: Counters };

/**
 * A response to an invitation, given what is stored: the first answer is stored and counted; the
 * same answer again changes nothing; a different one is an edit within `editWindowMs` of the
 * first answer (its counters move from the old answer to the new), refused after it. Nothing is
 * accepted once the survey has closed.
 */
export const decideResponse = (options: {
  invitation: Invitation;
  campaign: Campaign;
  definition: Pick<SurveyDefinition, 'questions'>;
  answers: Answers;
  /** The stored answers, texts included, when the invitation was answered before. */
  previous?: Answers;
  now: Date;
  policy: Pick<SurveyPolicy, 'editWindowMs'>;
}): ResponseDecision => {
  const { invitation, campaign, definition, answers, previous, now, policy } = options;
  if (invitation.status === 'responded' && previous && sameAnswers(previous, answers)) return { outcome: 'unchanged' };
  if (!isAccepting(campaign, now) || now >= new Date(invitation.expiresAt)) {
    throw new SurveyConflictError('survey-closed', 'This survey is closed; answers are no longer accepted.');
  }
  const counters = responseCounters(invitation, definition, answers);
  if (invitation.status === 'invited') return { outcome: 'created', counters };
  const editableUntil = editableUntilOf(invitation, policy);
  if (!editableUntil || now >= editableUntil) {
    throw new SurveyConflictError(
      'response-final',
      `This survey was answered already; answers can be changed for ${policy.editWindowMs / 3_600_000} hours after the first answer.`,
    );
  }
  return { outcome: 'revised', counters: counterDiff(responseCounters(invitation, definition, previous ?? {}), counters) };
};

export const editableUntilOf = (invitation: Pick<Invitation, 'respondedAt' | 'expiresAt'>, policy: Pick<SurveyPolicy, 'editWindowMs'>) =>
  invitation.respondedAt
    ? new Date(Math.min(Date.parse(invitation.respondedAt) + policy.editWindowMs, Date.parse(invitation.expiresAt)))
    : undefined;
