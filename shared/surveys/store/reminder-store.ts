import type { Table } from '#shared/aws/table.ts';
import type { InvitationStore } from '#shared/surveys/use-cases/ports.ts';
import { storedInvitationFrom, wroteFirst } from '#shared/surveys/store/items.ts';
import { keys, REMINDERS } from '#shared/surveys/store/keys.ts';

/** Invitations read per page of the reminders' index. */
const REMINDER_PAGE = 100;

/**
 * The invitations that await their one reminder, in the sparse `reminders` index (items.ts puts an
 * unanswered, unreminded invitation there, by closing time; an answer takes it out). Reminding an
 * invitation takes it out too, in the transaction that writes its event, on the condition that it
 * is still there and not answered: that condition is what reminds each invitation once.
 */
export const createReminderStore = (table: Table): Pick<InvitationStore, 'awaitingReminder' | 'markReminded' | 'dropFromReminders'> => ({
  async *awaitingReminder(before) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.page(
        {
          IndexName: 'reminders',
          KeyConditionExpression: 'reminderPk = :pk AND reminderSk < :before',
          ExpressionAttributeValues: { ':pk': REMINDERS, ':before': `${before.toISOString()}#~` },
          Limit: REMINDER_PAGE,
        },
        startKey,
      );
      for (const item of page.items) yield storedInvitationFrom(item).invitation;
      startKey = page.lastKey;
    } while (startKey);
  },

  markReminded: (invitation, at, outboxItems) =>
    wroteFirst(
      table.transact([
        {
          Update: {
            TableName: table.name,
            Key: keys.invitation(invitation.userId, invitation.id),
            UpdateExpression: 'SET remindedAt = :at REMOVE reminderPk, reminderSk',
            ConditionExpression: 'attribute_exists(reminderPk) AND #status = :invited',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':at': at.toISOString(), ':invited': 'invited' },
          },
        },
        ...outboxItems,
      ]),
    ),

  async dropFromReminders(invitation) {
    // False when an answer or another run took it out meanwhile: nothing left to do either way.
    await wroteFirst(
      table.update({
        Key: keys.invitation(invitation.userId, invitation.id),
        UpdateExpression: 'REMOVE reminderPk, reminderSk',
        ConditionExpression: 'attribute_exists(reminderPk)',
      }),
    );
  },
});
