import type { Answers } from '#shared/surveys/domain/answers.ts';
import type { Campaign } from '#shared/surveys/domain/campaigns.ts';
import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';

/**
 * Invitations, pure: a person asked to answer one campaign (monthly), or one campaign about one
 * of their resolved complaints (post-resolution). The invitation also holds the response.
 */

export interface Invitation {
  userId: string;
  /**
   * The survey as the person answers it (`PUT /v1/surveys/{id}/response`): `2026-11-monthly`, or
   * `2026-11-post-resolution.cmp_...` for one complaint. Every invitee of a month shares the monthly one.
   */
  id: string;
  /**
   * The invitation's own id (`inv_...`), unique across all invitations: what domain events name
   * instead of the person. Absent on invitations stored before invitations had one.
   */
  ref?: string;
  campaignId: string;
  kind: SurveyKind;
  month: string;
  definitionVersion: number;
  invitedAt: string;
  expiresAt: string;
  complaintId?: string;
  channel?: string;
  category?: string;
  status: 'invited' | 'responded';
  /** Optimistic lock of the response: 0 before the first answer, +1 per accepted answer. */
  revision: number;
  respondedAt?: string;
  revisedAt?: string;
  /** Scored and choice answers (free text is stored encrypted beside them). */
  scored?: Answers;
  /**
   * The id of the free text filed under the campaign for staff, from the first answer with text
   * on: random, so that the comment's key and encryption say nothing of who wrote it.
   */
  commentId?: string;
  /** When the one reminder before the invitation closes was sent (never while it was answered). */
  remindedAt?: string;
  /** When retention removed its free-text answers (and their copy filed for staff); the scores stay. */
  textsRemovedAt?: string;
}

export const INVITATION_ID = /^\d{4}-(0[1-9]|1[0-2])-(monthly|post-resolution(\.cmp_[0-9A-HJKMNP-TV-Z]{26})?)$/;

/** Whose answers to which invitation: the encryption context's id of the free texts sealed on the invitation. */
export const sealedIdOf = (invitation: Pick<Invitation, 'userId' | 'id'>): string => `${invitation.userId}/${invitation.id}`;

const invitationIdFor = (campaign: Pick<Campaign, 'id'>, complaintId?: string): string =>
  complaintId ? `${campaign.id}.${complaintId}` : campaign.id;

/** `ref`: the invitation's own id, made by the caller; `complaint`: the resolved complaint a post-resolution survey is about. */
export const newInvitation = (
  campaign: Campaign,
  userId: string,
  now: Date,
  policy: SurveyPolicy,
  options: { ref?: string; complaint?: { id: string; channel: string; category: string } } = {},
): Invitation => {
  const { ref, complaint } = options;
  const expiresAt = complaint
    ? new Date(Math.min(now.getTime() + policy.postResolutionWindowMs, Date.parse(campaign.closesAt)))
    : new Date(campaign.closesAt);
  return {
    userId,
    id: invitationIdFor(campaign, complaint?.id),
    ...(ref && { ref }),
    campaignId: campaign.id,
    kind: campaign.kind,
    month: campaign.month,
    definitionVersion: campaign.definitionVersion,
    invitedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...(complaint && { complaintId: complaint.id, channel: complaint.channel, category: complaint.category }),
    status: 'invited',
    revision: 0,
  };
};
