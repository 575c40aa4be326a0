import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';

/**
 * The keys of the surveys table, single-table design (its access patterns are listed with the
 * table in shared/surveys/manifest.ts):
 *   DEFINITION#<kind>  V#<version>          a survey definition, immutable once written
 *   CAMPAIGN#<id>      CAMPAIGN             a campaign; while open also in the sparse `openCampaigns` index
 *   CAMPAIGN#<id>      COMMENT#<random id>  a response's free text (sealed), for staff to read without the person
 *   USER#<sub>         SEEN#<campaign>      the user was seen while the monthly campaign ran (its sampling frame)
 *   USER#<sub>         INVITE#<invitation>  an invitation and, once answered, its response (free text sealed);
 *                                           while unanswered and unreminded also in the sparse `reminders` index
 *   INVITATION#<inv_>  INVITATION           where an invitation is, by its own id (the one events name)
 *   COMPLAINT#<id>     SURVEYED             a resolved complaint's survey exists: one per complaint, ever
 *   OUTBOX#<shard>     <at>#<change>        domain events not yet published (shared/events/outbox.ts)
 */
export const keys = {
  definitions: (kind: SurveyKind) => `DEFINITION#${kind}`,
  definition: (kind: SurveyKind, version: number) => ({ pk: keys.definitions(kind), sk: `V#${String(version).padStart(6, '0')}` }),
  campaignPartition: (id: string) => `CAMPAIGN#${id}`,
  campaign: (id: string) => ({ pk: keys.campaignPartition(id), sk: 'CAMPAIGN' }),
  user: (userId: string) => `USER#${userId}`,
  seen: (userId: string, campaignId: string) => ({ pk: keys.user(userId), sk: `SEEN#${campaignId}` }),
  invitation: (userId: string, id: string) => ({ pk: keys.user(userId), sk: `INVITE#${id}` }),
  invitationRef: (ref: string) => ({ pk: `INVITATION#${ref}`, sk: 'INVITATION' }),
  surveyed: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'SURVEYED' }),
  comment: (campaignId: string, commentId: string) => ({ pk: keys.campaignPartition(campaignId), sk: `COMMENT#${commentId}` }),
};

/** The partition key of the sparse `openCampaigns` index: only open campaigns carry it. */
export const OPEN = 'OPEN';

/** The partition key of the sparse `reminders` index: only invitations awaiting their reminder carry it. */
export const REMINDERS = 'REMINDERS';
