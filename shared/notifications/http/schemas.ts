import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { granularities } from '#shared/figures/periods.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { categoryNames, channels, locales, messageTypes } from '#shared/notifications/domain/catalogue.ts';

const Category = meta(z.enum(categoryNames as [string, ...string[]]), { id: 'NotificationCategory' });
const Channel = z.enum(channels);

export const InboxQuerySchema = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  unread: meta(z.optional(z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'))), {
    description: 'Only unread notifications',
  }),
});

export const NotificationIdPathSchema = z.strictObject({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a notification id')),
});

const InboxItemSchema = meta(
  z.object({
    id: z.string(),
    type: z.enum(messageTypes as [string, ...string[]]),
    category: Category,
    createdAt: z.iso.datetime(),
    readAt: z.nullable(z.iso.datetime()),
    subject: z.string(),
    text: z.string(),
  }),
  { id: 'InboxItem' },
);

export const InboxPageSchema = meta(
  z.object({ items: z.array(InboxItemSchema), unreadCount: z.int().check(z.minimum(0)), nextCursor: z.nullable(z.string()) }),
  { id: 'InboxPage' },
);

export const MarkedSchema = meta(z.object({ marked: z.int().check(z.minimum(0)) }), { id: 'MarkedRead' });

export const PreferencesSchema = meta(
  z.object({
    categories: z.array(
      z.object({
        category: Category,
        required: meta(z.boolean(), { description: 'Required by law: cannot be turned off on any channel' }),
        channels: z.object({ inbox: z.boolean(), email: z.boolean() }),
      }),
    ),
  }),
  { id: 'NotificationPreferences' },
);

export const PreferenceChangeSchema = meta(
  z.strictObject({
    categories: meta(
      z.partialRecord(Category, z.strictObject({ inbox: z.optional(z.boolean()), email: z.optional(z.boolean()) })),
      { description: 'Per category, per channel: true (on) or false (off); what is not named stays as it is' },
    ),
  }),
  { id: 'NotificationPreferenceChange' },
);

export const UnsubscribeQuerySchema = z.strictObject({
  token: meta(z.string().check(z.minLength(1), z.maxLength(2048)), { description: 'The token of the link in the email' }),
});

export const UnsubscribedSchema = meta(z.object({ category: Category, channel: Channel, unsubscribed: z.literal(true) }), {
  id: 'Unsubscribed',
});

export const TemplateTypePathSchema = z.strictObject({ type: z.string().check(z.minLength(1), z.maxLength(64)) });
export const PreviewQuerySchema = z.strictObject({ locale: z._default(z.enum(locales), 'en') });

export const TemplatePreviewSchema = meta(
  z.object({
    type: z.enum(messageTypes as [string, ...string[]]),
    category: Category,
    locale: z.enum(locales),
    subject: z.string(),
    text: meta(z.string(), { description: 'The email’s plain-text body' }),
    html: meta(z.string(), { description: 'The email’s HTML body' }),
    inboxText: meta(z.string(), { description: 'The text the in-app inbox shows (no email footer)' }),
  }),
  { id: 'TemplatePreview' },
);

const ByCategoryAndChannel = z.record(z.string(), z.object({ inbox: z.int(), email: z.int() }));
export const NotificationFiguresSchema = meta(
  z.object({
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
        timeToSendMs: meta(z.object({ p50: z.nullable(z.number()), p95: z.nullable(z.number()) }), {
          description: 'From the event to the message sent, as the upper edge of a histogram bucket; null when nothing was sent',
        }),
      }),
    ),
  }),
  { id: 'NotificationFigures' },
);
