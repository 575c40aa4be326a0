import * as z from 'zod';
import { categoryNames, channels, messageTypes } from '#shared/notifications/domain/catalogue.ts';

const Category = z.enum(categoryNames as [string, ...string[]]).describe('The category of notifications, as the preferences name it');
const Channel = z.enum(channels).describe('Where a notification goes: the in-app inbox or email');

const InboxItemSchema = z
  .object({
    id: z.string().describe('The notification id'),
    type: z.enum(messageTypes as [string, ...string[]]).describe('What the notification is about (e.g. complaint-received)'),
    category: Category,
    subject: z.string().describe('Its subject, as shown in the inbox'),
    text: z.string().describe('Its text, as shown in the inbox'),
    createdAt: z.iso.datetime().describe('When it was delivered to the inbox'),
    readAt: z.iso.datetime().nullable().describe('When it was marked read; null while unread'),
  })
  .describe('One notification in the in-app inbox');

/** The notifications section of a person's data export: what `exportOf` of the notifications context returns. */
export const NotificationsExportSchema = z
  .object({
    inbox: z.array(InboxItemSchema).describe('The notifications in the in-app inbox, newest first (items are deleted 12 months after delivery)'),
    preferences: z
      .object({
        turnedOff: z.partialRecord(Category, z.array(Channel)).describe('Per category, the channels turned off; everything else is on'),
        updatedAt: z.string().describe('When the preferences were last saved'),
      })
      .nullable()
      .describe('The notification preferences saved; null when they were never changed (everything on)'),
    emailSuppression: z
      .object({
        suppressed: z.boolean().describe('Whether email to the account’s address is stopped'),
        reason: z.enum(['bounce', 'complaint']).optional().describe('Why: the address bounced, or its owner marked an email as spam'),
        since: z.string().optional().describe('Since when'),
      })
      .optional()
      .describe('Whether the email address of the account is on the suppression list (absent when no address is known)'),
  })
  .describe('Notifications: the in-app inbox, the notification preferences and the email suppression state');

export type NotificationsExport = z.infer<typeof NotificationsExportSchema>;
