import { ConditionFailedError, type Table, type TransactItem } from '#shared/aws/table.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import type { SeenRecord, SurveyPersonalDataStore } from '#shared/surveys/use-cases/ports.ts';
import { storedInvitationFrom } from '#shared/surveys/store/items.ts';
import { keys } from '#shared/surveys/store/keys.ts';

/** The surveys table's side of a person's export and erasure, and of the retention of free text. */

const SEEN = 'SEEN#';

/** The invitation, only while it is at the revision read (an answer landing meanwhile moves it). */
const atRevision = (invitation: Pick<Invitation, 'revision'>) => ({
  ConditionExpression: 'revision = :read',
  ExpressionAttributeValues: { ':read': invitation.revision },
});

export const createSurveyPersonalDataStore = (table: Table): SurveyPersonalDataStore => {
  const { name: TableName } = table;
  const userItems = (userId: string, prefix: string) =>
    table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.user(userId), ':prefix': prefix },
      ConsistentRead: true,
    });
  const deleteComment = (invitation: Pick<Invitation, 'campaignId' | 'commentId'>): TransactItem[] =>
    invitation.commentId ? [{ Delete: { TableName, Key: keys.comment(invitation.campaignId, invitation.commentId) } }] : [];

  return {
    invitationsOf: async (userId) => (await userItems(userId, 'INVITE#')).map(storedInvitationFrom),

    seenBy: async (userId) =>
      (await userItems(userId, SEEN)).map((item): SeenRecord => ({
        campaignId: String(item.sk).slice(SEEN.length),
        at: item.at as string,
        sampled: item.sampled === true,
      })),

    async deleteInvitation(invitation) {
      await table.transact([
        { Delete: { TableName, Key: keys.invitation(invitation.userId, invitation.id), ...atRevision(invitation) } },
        ...(invitation.ref ? [{ Delete: { TableName, Key: keys.invitationRef(invitation.ref) } }] : []),
        ...deleteComment(invitation),
      ]);
      if (!invitation.complaintId) return;
      // The marker stays (one survey per complaint, ever) without the person; it may predate this field.
      await table
        .update({ Key: keys.surveyed(invitation.complaintId), UpdateExpression: 'REMOVE userId', ConditionExpression: 'attribute_exists(pk)' })
        .catch((error: unknown) => {
          if (!(error instanceof ConditionFailedError)) throw error;
        });
    },

    deleteSeen: (userId, campaignIds) => table.deleteAll(campaignIds.map((campaignId) => keys.seen(userId, campaignId))),

    textsDue: (day) =>
      table.queryAll({
        IndexName: 'byRetentionDay',
        KeyConditionExpression: 'retentionDay = :day',
        ExpressionAttributeValues: { ':day': day },
        ProjectionExpression: 'userId, id, campaignId, revision, commentId',
      }),

    removeTexts: (invitation, at) =>
      table.transact([
        {
          Update: {
            TableName,
            Key: keys.invitation(invitation.userId, invitation.id),
            UpdateExpression: 'SET textsRemovedAt = :at REMOVE sealedTexts, retentionDay, retentionSk',
            ConditionExpression: 'revision = :read',
            ExpressionAttributeValues: { ':read': invitation.revision, ':at': at.toISOString() },
          },
        },
        ...deleteComment(invitation),
      ]),
  };
};
