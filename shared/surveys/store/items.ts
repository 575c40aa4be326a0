import { ConditionFailedError } from '#shared/aws/table.ts';
import type { Campaign } from '#shared/surveys/domain/campaigns.ts';
import type { SurveyDefinition } from '#shared/surveys/domain/definitions.ts';
import { sealedIdOf, type Invitation } from '#shared/surveys/domain/invitations.ts';
import { freeTextRetentionDayOf } from '#shared/surveys/domain/personal-data.ts';
import type { StoredComment, StoredInvitation } from '#shared/surveys/use-cases/ports.ts';
import { keys, OPEN, REMINDERS } from '#shared/surveys/store/keys.ts';

/** The items of the surveys table and back: each entity's attributes beside its keys. */

type Item = Record<string, unknown>;

const INVITATION_ATTRIBUTES = [
  'userId',
  'id',
  'campaignId',
  'kind',
  'month',
  'definitionVersion',
  'invitedAt',
  'expiresAt',
  'complaintId',
  'channel',
  'category',
  'status',
  'revision',
  'respondedAt',
  'revisedAt',
  'scored',
  'commentId',
  'ref',
  'remindedAt',
  'textsRemovedAt',
] as const satisfies readonly (keyof Invitation)[];

const CAMPAIGN_ATTRIBUTES = [
  'id',
  'kind',
  'month',
  'status',
  'definitionVersion',
  'samplingRate',
  'target',
  'openedAt',
  'closesAt',
  'closedAt',
  'verdict',
] as const satisfies readonly (keyof Campaign)[];

const DEFINITION_ATTRIBUTES = ['kind', 'version', 'title', 'questions', 'createdAt', 'createdBy'] as const satisfies readonly (keyof SurveyDefinition)[];

const pickAttributes = <T>(item: Item, names: readonly string[]): T =>
  Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]])) as T;

export const definitionFrom = (item: Item): SurveyDefinition => pickAttributes(item, DEFINITION_ATTRIBUTES);
export const campaignFrom = (item: Item): Campaign => pickAttributes(item, CAMPAIGN_ATTRIBUTES);

export const storedInvitationFrom = (item: Item): StoredInvitation => ({
  invitation: pickAttributes<Invitation>(item, INVITATION_ATTRIBUTES),
  ...(item.sealedTexts ? { sealedTexts: item.sealedTexts as Uint8Array } : {}),
});

export const storedCommentFrom = (item: Item): StoredComment => ({
  sealedFor: item.sealedFor as string,
  sealedTexts: item.sealedTexts as Uint8Array,
  respondedAt: item.respondedAt as string,
  definitionVersion: item.definitionVersion as number,
  ...(item.channel ? { channel: item.channel as string } : {}),
  ...(item.category ? { category: item.category as string } : {}),
});

export const definitionItem = (definition: SurveyDefinition) => ({
  ...keys.definition(definition.kind, definition.version),
  entity: 'definition',
  ...definition,
});

/** An open campaign is also in the sparse `openCampaigns` index, by closing time. */
export const campaignItem = (campaign: Campaign) => ({
  ...keys.campaign(campaign.id),
  entity: 'campaign',
  openPk: OPEN,
  openSk: `${campaign.closesAt}#${campaign.id}`,
  ...campaign,
});

/**
 * An invitation that awaits its reminder (not answered, not reminded, with an id events can name)
 * is also in the sparse `reminders` index, soonest closing first; answering or reminding it takes
 * it out. One with free text is also in the sparse `byRetentionDay` index, under the day its text
 * is due to go.
 */
export const invitationItem = (invitation: Invitation, sealedTexts?: Uint8Array) => ({
  ...keys.invitation(invitation.userId, invitation.id),
  entity: 'invitation',
  ...invitation,
  ...(sealedTexts && { sealedTexts, ...retentionKeysOf(invitation) }),
  ...(invitation.status === 'invited' &&
    !invitation.remindedAt &&
    invitation.ref && { reminderPk: REMINDERS, reminderSk: `${invitation.expiresAt}#${invitation.ref}` }),
});

const retentionKeysOf = (invitation: Invitation) => {
  const day = freeTextRetentionDayOf(invitation);
  return day && { retentionDay: day, retentionSk: sealedIdOf(invitation) };
};

/** Where an invitation is, by its own id: the person and the survey, nothing else. */
export const invitationRefItem = (invitation: Invitation & { ref: string }) => ({
  ...keys.invitationRef(invitation.ref),
  entity: 'invitation-ref',
  userId: invitation.userId,
  invitationId: invitation.id,
});

/**
 * A response's free text filed under its campaign, for staff: keyed and sealed under the
 * invitation's random comment id, with nothing of the person.
 */
export const commentItem = (invitation: Invitation & { commentId: string }, sealedTexts: Uint8Array) => ({
  ...keys.comment(invitation.campaignId, invitation.commentId),
  entity: 'survey-comment',
  sealedFor: invitation.commentId,
  sealedTexts,
  respondedAt: invitation.revisedAt ?? invitation.respondedAt,
  definitionVersion: invitation.definitionVersion,
  ...(invitation.channel && { channel: invitation.channel }),
  ...(invitation.category && { category: invitation.category }),
});

/**
 * A write that only one writer may make, marked by the condition of its item `marker` (0 for a
 * put or an update): false when that condition failed (another writer made it first). Any other
 * refusal, such as concurrent transactions on the counters written beside it, is thrown: the
 * write was not made, and is not a duplicate.
 */
export const wroteFirst = (write: Promise<void>, marker = 0): Promise<boolean> =>
  write.then(
    () => true,
    (error: unknown) => {
      if (error instanceof ConditionFailedError && error.failedOn(marker)) return false;
      throw error;
    },
  );
