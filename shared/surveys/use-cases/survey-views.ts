import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Answers } from '#shared/surveys/domain/answers.ts';
import type { Question, SurveyDefinition, SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { sealedIdOf, type Invitation } from '#shared/surveys/domain/invitations.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { editableUntilOf } from '#shared/surveys/domain/responses.ts';
import type { StoredInvitation } from '#shared/surveys/use-cases/ports.ts';

/**
 * How the survey use cases answer: a definition (its author for staff only) and an invitation with
 * the caller's own answers, free text opened with the personal-data cipher.
 */

/** The entity name under which free-text answers are sealed (the encryption context). */
export const RESPONSE_ENTITY = 'survey-response';

export interface DefinitionView {
  kind: SurveyKind;
  version: number;
  title: string;
  questions: Question[];
  createdAt: string;
  createdBy?: string;
}

export interface InvitationView {
  id: string;
  kind: SurveyKind;
  campaignId: string;
  status: Invitation['status'];
  invitedAt: string;
  expiresAt: string;
  complaintId?: string;
  respondedAt?: string;
  editableUntil?: string;
  answers?: Answers;
  definition: DefinitionView;
}

export const definitionView = (definition: SurveyDefinition, staff: boolean): DefinitionView => ({
  kind: definition.kind,
  version: definition.version,
  title: definition.title,
  questions: definition.questions.map((q) => ({ ...q })),
  createdAt: definition.createdAt,
  ...(staff && { createdBy: definition.createdBy }),
});

export const invitationView = (
  invitation: Invitation,
  definition: SurveyDefinition,
  policy: Pick<SurveyPolicy, 'editWindowMs'>,
  answers?: Answers,
): InvitationView => {
  const editableUntil = editableUntilOf(invitation, policy);
  return {
    id: invitation.id,
    kind: invitation.kind,
    campaignId: invitation.campaignId,
    status: invitation.status,
    invitedAt: invitation.invitedAt,
    expiresAt: invitation.expiresAt,
    ...(invitation.complaintId && { complaintId: invitation.complaintId }),
    ...(invitation.respondedAt && { respondedAt: invitation.respondedAt }),
    ...(editableUntil && { editableUntil: editableUntil.toISOString() }),
    ...(answers && { answers }),
    definition: definitionView(definition, false),
  };
};

/** The stored answers of an answered invitation, free text decrypted. */
export const storedAnswers = async (cipher: Pick<PersonalDataCipher, 'open'>, stored: StoredInvitation): Promise<Answers | undefined> => {
  if (stored.invitation.status !== 'responded') return undefined;
  const texts = stored.sealedTexts
    ? await cipher.open<Record<string, string>>(RESPONSE_ENTITY, sealedIdOf(stored.invitation), stored.sealedTexts)
    : {};
  return { ...stored.invitation.scored, ...texts };
};
