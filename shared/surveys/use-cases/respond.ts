import { randomBytes } from 'node:crypto';
import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { NotFoundError, VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { checkAnswers, splitAnswers, type Answers } from '#shared/surveys/domain/answers.ts';
import { sealedIdOf, type Invitation } from '#shared/surveys/domain/invitations.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { decideResponse, type ResponseDecision } from '#shared/surveys/domain/responses.ts';
import type { DefinitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';
import type { CampaignStore, InvitationStore, SealedTexts } from '#shared/surveys/use-cases/ports.ts';
import { invitationView, RESPONSE_ENTITY, storedAnswers, type InvitationView } from '#shared/surveys/use-cases/survey-views.ts';

interface RespondDeps {
  campaigns: Pick<CampaignStore, 'get'>;
  invitations: Pick<InvitationStore, 'get' | 'saveResponse'>;
  definitions: Pick<DefinitionsInForce, 'of'>;
  cipher: PersonalDataCipher;
  clock: Clock;
  policy: SurveyPolicy;
}

interface RespondResult {
  outcome: ResponseDecision['outcome'];
  survey: InvitationView;
}

const isVersionConflict = (error: unknown) => error instanceof VersionConflictError;

/** A comment's id: 128 random bits, nothing of the person, the invitation or the time. */
const newCommentId = () => randomBytes(16).toString('base64url');

/** The free text sealed for the person (under their invitation) and for staff (under the comment's id alone). */
const sealTexts = async (cipher: PersonalDataCipher, invitation: Invitation, texts: Record<string, string>): Promise<SealedTexts> => {
  const [response, comment] = await Promise.all([
    cipher.seal(RESPONSE_ENTITY, sealedIdOf(invitation), texts),
    cipher.seal(RESPONSE_ENTITY, invitation.commentId!, texts),
  ]);
  return { response, comment };
};

/**
 * Answers one of the caller's invitations (PUT /v1/surveys/{id}/response): read the invitation,
 * check the answers against the definition it asks, let the domain decide (first answer, same
 * again, edit, or refused), seal the free text and store the answer with the counters it moves,
 * conditionally on the revision read. When another answer landed in between, read and decide
 * again, so concurrent identical answers store one response and the others see it as theirs.
 */
export const respondToSurvey =
  (deps: RespondDeps) =>
  (caller: Pick<Caller, 'sub'>, invitationId: string, answers: Answers): Promise<RespondResult> =>
    retryOnConflict(isVersionConflict, async () => {
      const stored = await deps.invitations.get(caller.sub, invitationId);
      if (!stored) throw new NotFoundError(`You have no survey ${invitationId}`);
      const { invitation } = stored;
      const [campaign, definition] = await Promise.all([deps.campaigns.get(invitation.campaignId), deps.definitions.of(invitation)]);
      if (!campaign) throw new Error(`Campaign ${invitation.campaignId} is missing`);
      const normalised = checkAnswers(definition, answers);
      const previous = await storedAnswers(deps.cipher, stored);
      const now = deps.clock.now();
      const { policy } = deps;
      const decision = decideResponse({ invitation, campaign, definition, answers: normalised, ...(previous && { previous }), now, policy });
      if (decision.outcome === 'unchanged') return { outcome: decision.outcome, survey: invitationView(invitation, definition, policy, previous) };
      const { scored, texts } = splitAnswers(definition, normalised);
      const hasText = Object.keys(texts).length > 0;
      const next: Invitation = {
        ...invitation,
        status: 'responded',
        revision: invitation.revision + 1,
        respondedAt: invitation.respondedAt ?? now.toISOString(),
        ...(decision.outcome === 'revised' && { revisedAt: now.toISOString() }),
        scored,
        ...(hasText && !invitation.commentId && { commentId: newCommentId() }),
      };
      const sealed = hasText ? await sealTexts(deps.cipher, next, texts) : undefined;
      await deps.invitations.saveResponse(next, sealed, decision.counters, invitation.revision);
      return { outcome: decision.outcome, survey: invitationView(next, definition, policy, normalised) };
    });
