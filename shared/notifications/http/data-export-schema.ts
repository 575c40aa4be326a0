import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { categoryNames, channels, messageTypes } from '#shared/notifications/domain/catalogue.ts';

const Category = describe(
  z.enum(categoryNames as [string, ...string[]]),
  'The category of notifications, as the preferences name it',
);
const Channel = describe(z.enum(channels), 'Where a notification goes: the in-app inbox or email');

const InboxItemSchema = describe(
  z.object({
    id: describe(z.string(), 'The notification id'),
    type: describe(z.enum(messageTypes as [string, ...string[]]), 'What the notification is about (e.g. complaint-received)'),
    category: Category,
    subject: describe(z.string(), 'Its subject, as shown in the inbox'),
    text: describe(z.string(), 'Its text, as shown in the inbox'),
    createdAt: describe(z.iso.datetime(), 'When it was delivered to the inbox'),
    readAt: describe(z.nullable(z.iso.datetime()), 'When it was marked read; null while unread'),
  }),
  'One notification in the in-app inbox',
);

/** The notifications section of a person's data export: what `exportOf` of the notifications context returns. */
export const NotificationsExportSchema = describe(
  z.object({
    inbox: describe(
      z.array(InboxItemSchema),
      'The notifications in the in-app inbox, newest first (items are deleted 12 months after delivery)',
    ),
    preferences: describe(
      z.nullable(
        z.object({
          turnedOff: describe(
            z.partialRecord(Category, z.array(Channel)),
            'Per category, the channels turned off; everything else is on',
          ),
          updatedAt: describe(z.string(), 'When the preferences were last saved'),
        }),
      ),
      'The notification preferences saved; null when they were never changed (everything on)',
    ),
    emailSuppression: describe(
      z.optional(
        z.object({
          suppressed: describe(z.boolean(), 'Whether email to the account’s address is stopped'),
          reason: describe(
            z.optional(z.enum(['bounce', 'complaint'])),
            'Why: the address bounced, or its owner marked an email as spam',
          ),
          since: describe(z.optional(z.string()), 'Since when'),
        }),
      ),
      'Whether the email address of the account is on the suppression list (absent when no address is known)',
    ),
  }),
  'Notifications: the in-app inbox, the notification preferences and the email suppression state',
);

export type NotificationsExport = z.infer<typeof NotificationsExportSchema>;
