import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { granularities } from '#shared/figures/periods.ts';
import { channels, locales, messageTypes } from '#shared/notifications/domain/catalogue.ts';
import { Category } from '#shared/notifications/http/schemas.ts';

/**
 * The notifications API's answers: their part of the OpenAPI document comes from these schemas.
 * Nothing parses an answer at run time, so the function never imports this module and never
 * builds these schemas (requests are in schemas.ts, which the function loads).
 */

const Channel = z.enum(channels);

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

export const UnsubscribedSchema = meta(z.object({ category: Category, channel: Channel, unsubscribed: z.literal(true) }), {
  id: 'Unsubscribed',
});

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
