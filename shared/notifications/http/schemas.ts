import * as z from 'zod';
import { granularities } from '#shared/figures/periods.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { categoryNames, channels, locales, messageTypes } from '#shared/notifications/domain/catalogue.ts';

const Category = z.enum(categoryNames as [string, ...string[]]).meta({ id: 'NotificationCategory' });
const Channel = z.enum(channels);

export const InboxQuerySchema = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional().meta({ description: 'Only unread notifications' }),
});

export const NotificationIdPathSchema = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a notification id'),
});

const InboxItemSchema = z
  .object({
    id: z.string(),
    type: z.enum(messageTypes as [string, ...string[]]),
    category: Category,
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
    subject: z.string(),
    text: z.string(),
  })
  .meta({ id: 'InboxItem' });

export const InboxPageSchema = z
  .object({ items: z.array(InboxItemSchema), unreadCount: z.number().int().min(0), nextCursor: z.string().nullable() })
  .meta({ id: 'InboxPage' });

export const MarkedSchema = z.object({ marked: z.number().int().min(0) }).meta({ id: 'MarkedRead' });

export const PreferencesSchema = z
  .object({
    categories: z.array(
      z.object({
        category: Category,
        required: z.boolean().meta({ description: 'Required by law: cannot be turned off on any channel' }),
        channels: z.object({ inbox: z.boolean(), email: z.boolean() }),
      }),
    ),
  })
  .meta({ id: 'NotificationPreferences' });

export const PreferenceChangeSchema = z
  .strictObject({
    categories: z
      .partialRecord(Category, z.strictObject({ inbox: z.boolean().optional(), email: z.boolean().optional() }))
      .meta({ description: 'Per category, per channel: true (on) or false (off); what is not named stays as it is' }),
  })
  .meta({ id: 'NotificationPreferenceChange' });

export const UnsubscribeQuerySchema = z.strictObject({
  token: z.string().min(1).max(2048).meta({ description: 'The token of the link in the email' }),
});

export const UnsubscribedSchema = z
  .object({ category: Category, channel: Channel, unsubscribed: z.literal(true) })
  .meta({ id: 'Unsubscribed' });

export const TemplateTypePathSchema = z.strictObject({ type: z.string().min(1).max(64) });
export const PreviewQuerySchema = z.strictObject({ locale: z.enum(locales).default('en') });

export const TemplatePreviewSchema = z
  .object({
    type: z.enum(messageTypes as [string, ...string[]]),
    category: Category,
    locale: z.enum(locales),
    subject: z.string(),
    text: z.string().meta({ description: 'The email’s plain-text body' }),
    html: z.string().meta({ description: 'The email’s HTML body' }),
    inboxText: z.string().meta({ description: 'The text the in-app inbox shows (no email footer)' }),
  })
  .meta({ id: 'TemplatePreview' });

const ByCategoryAndChannel = z.record(z.string(), z.object({ inbox: z.number().int(), email: z.number().int() }));
export const NotificationFiguresSchema = z
  .object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: z.array(
      z.object({
        period: z.string(),
        sent: ByCategoryAndChannel,
        delivered: ByCategoryAndChannel,
        bounced: ByCategoryAndChannel,
        complained: ByCategoryAndChannel,
        suppressed: ByCategoryAndChannel,
        turnedOff: ByCategoryAndChannel,
        timeToSendMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }).meta({
          description: 'From the event to the message sent, as the upper edge of a histogram bucket; null when nothing was sent',
        }),
      }),
    ),
  })
  .meta({ id: 'NotificationFigures' });
