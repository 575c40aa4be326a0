import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import type { Counters } from '#shared/surveys/domain/counters.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import { monthStart } from '#shared/surveys/domain/months.ts';
import type { InvitationStore, SealedTexts } from '#shared/surveys/use-cases/ports.ts';
import { commentItem, invitationItem, invitationRefItem, storedInvitationFrom, wroteFirst } from '#shared/surveys/store/items.ts';
import { keys } from '#shared/surveys/store/keys.ts';
import { createReminderStore } from '#shared/surveys/store/reminder-store.ts';

/**
 * Invitations and responses in the surveys table. Every write that changes a figure carries the
 * figure's counters in the same transaction, so a month's results are a couple of reads whatever
 * the number of responses, and nothing is counted twice; every write that raises domain events
 * carries their outbox item (shared/events/outbox.ts), so no invitation or reminder exists without
 * its event. A new invitation is written with the item that finds it by its own id.
 */
export const createInvitationStore = (table: Table, figures: Pick<FiguresStore, 'periodUpdates'>): InvitationStore => {
  /** A campaign's figures live in its month (and quarter), whenever the response arrives. */
  const figureItems = (month: string, counters: Counters): TransactItem[] =>
    figures.periodUpdates(monthStart(month), counters, ['month', 'quarter']);
  const putNew = (Item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const exists = async (key: Record<string, unknown>) => (await table.get(key, { consistent: true })) !== undefined;
  const newInvitationItems = (invitation: Invitation): TransactItem[] => [
    putNew(invitationItem(invitation)),
    ...(invitation.ref ? [putNew(invitationRefItem({ ...invitation, ref: invitation.ref }))] : []),
  ];

  return {
    ...createReminderStore(table),

    seen: (userId, campaignId) => exists(keys.seen(userId, campaignId)),

    recordSeen: (userId, campaign, at, invitation, counters, outboxItems) =>
      wroteFirst(
        table.transact([
          putNew({ ...keys.seen(userId, campaign.id), entity: 'seen', at: at.toISOString(), sampled: invitation !== undefined }),
          ...(invitation ? newInvitationItems(invitation) : []),
          ...figureItems(campaign.month, counters),
          ...outboxItems,
        ]),
      ),

    complaintSurveyed: (complaintId) => exists(keys.surveyed(complaintId)),

    invitePostResolution: (invitation, counters, outboxItems) =>
      wroteFirst(
        table.transact([
          putNew({ ...keys.surveyed(invitation.complaintId!), entity: 'surveyed', invitationId: invitation.id, userId: invitation.userId }),
          ...newInvitationItems(invitation),
          ...figureItems(invitation.month, counters),
          ...outboxItems,
        ]),
      ),

    async get(userId, id) {
      const item = await table.get(keys.invitation(userId, id), { consistent: true });
      return item ? storedInvitationFrom(item) : undefined;
    },

    async since(userId, fromMonth) {
      const items = await table.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.user(userId), ':from': `INVITE#${fromMonth}`, ':to': 'INVITE#~' },
        ConsistentRead: true,
      });
      return items.map(storedInvitationFrom);
    },

    saveResponse: (invitation, texts, counters, readRevision) =>
      table.transact([...responseItems(table.name, invitation, texts, readRevision), ...figureItems(invitation.month, counters)]),
  };
};

/**
 * An answer, written only if the invitation is still at the revision read; its free text is also
 * filed under the campaign, for staff, at the invitation's comment id (an answer without text
 * removes it there). The invitation's condition is what keeps one comment per invitation: the
 * comment's key names no invitation.
 */
const responseItems = (TableName: string, invitation: Invitation, texts: SealedTexts | undefined, readRevision: number): TransactItem[] => {
  const { commentId } = invitation;
  if (texts && !commentId) throw new Error(`Invitation ${invitation.id} has free text but no comment id`);
  const comment: TransactItem[] = !commentId
    ? []
    : texts
      ? [{ Put: { TableName, Item: commentItem({ ...invitation, commentId }, texts.comment) } }]
      : [{ Delete: { TableName, Key: keys.comment(invitation.campaignId, commentId) } }];
  return [
    {
      Put: {
        TableName,
        Item: invitationItem(invitation, texts?.response),
        ConditionExpression: 'revision = :read',
        ExpressionAttributeValues: { ':read': readRevision },
      },
    },
    ...comment,
  ];
};
