import { ulid } from 'ulid';
import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { sealedIdOf, type Invitation } from '#shared/surveys/domain/invitations.ts';

/**
 * The keys of the surveys table, single-table design (its access patterns are listed with the
 * table in shared/surveys/manifest.ts):
 *   DEFINITION#<kind>  V#<version>          a survey definition, immutable once written
 *   CAMPAIGN#<id>      CAMPAIGN             a campaign; while open also in the sparse `openCampaigns` index
 *   CAMPAIGN#<id>      COMMENT#<key>        a response's free text (sealed), for staff to read without the person
 *   CAMPAIGN#<id>      ACCESS#<at>#<ulid>   a staff read of the comments (who, when, why)
 *   USER#<sub>         SEEN#<campaign>      the user was seen while the monthly campaign ran (its sampling frame)
 *   USER#<sub>         INVITE#<invitation>  an invitation and, once answered, its response (free text sealed)
 *   COMPLAINT#<id>     SURVEYED             a resolved complaint's survey exists: one per complaint, ever
 */
export const keys = {
  definitions: (kind: SurveyKind) => `DEFINITION#${kind}`,
  definition: (kind: SurveyKind, version: number) => ({ pk: keys.definitions(kind), sk: `V#${String(version).padStart(6, '0')}` }),
  campaignPartition: (id: string) => `CAMPAIGN#${id}`,
  campaign: (id: string) => ({ pk: keys.campaignPartition(id), sk: 'CAMPAIGN' }),
  user: (userId: string) => `USER#${userId}`,
  seen: (userId: string, campaignId: string) => ({ pk: keys.user(userId), sk: `SEEN#${campaignId}` }),
  invitation: (userId: string, id: string) => ({ pk: keys.user(userId), sk: `INVITE#${id}` }),
  surveyed: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'SURVEYED' }),
  comment: (invitation: Pick<Invitation, 'campaignId' | 'userId' | 'id'>) => ({
    pk: keys.campaignPartition(invitation.campaignId),
    sk: `COMMENT#${sealedIdOf(invitation)}`,
  }),
  access: (campaignId: string, at: string) => ({ pk: keys.campaignPartition(campaignId), sk: `ACCESS#${at}#${ulid()}` }),
};

/** The partition key of the sparse `openCampaigns` index: only open campaigns carry it. */
export const OPEN = 'OPEN';

