import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { categoryNames, locales } from '#shared/notifications/domain/catalogue.ts';

/**
 * The notifications API's requests: their validation, their TypeScript types and their part of
 * the OpenAPI document come from these schemas. The answers' schemas are in response-schemas.ts,
 * which only the OpenAPI document loads: a schema is built when its module loads, and the
 * function, which never parses an answer, would build them all at every cold start.
 */

/** A category of notifications: a key of the preference change here, a field of several answers. */
export const Category = meta(z.enum(categoryNames as [string, ...string[]]), { id: 'NotificationCategory' });

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

export const TemplateTypePathSchema = z.strictObject({ type: z.string().check(z.minLength(1), z.maxLength(64)) });
export const PreviewQuerySchema = z.strictObject({ locale: z._default(z.enum(locales), 'en') });
