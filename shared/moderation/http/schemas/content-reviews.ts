import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { httpUrl } from '#shared/http/text.ts';
import { contentTypes } from '#shared/moderation/domain/index.ts';
import { AccountIdSchema, ContentIdSchema } from '#shared/moderation/http/schemas/common.ts';

/**
 * Content submitted by platform services for review before publication: the request. Its
 * validation, its TypeScript type and its part of the OpenAPI document come from these schemas.
 * The decision's schema is in response-schemas/content-reviews.ts, which the functions import for
 * its type only: a schema is built when its module loads, and a function, which never parses an
 * answer, would build it at every cold start.
 */

const mediaHash = z.string().check(z.regex(/^[A-Fa-f0-9]{16,128}$/, 'Must be a hex digest (16 to 128 hex digits)'));
export const ContentReviewRequestSchema = meta(
  z
    .strictObject({
      contentId: ContentIdSchema,
      contentType: z.enum(contentTypes),
      text: describe(z.optional(z.string().check(z.maxLength(20_000))), 'The text of the content. Stored encrypted'),
      urls: z._default(z.array(httpUrl).check(z.maxLength(50)), []),
      mediaHashes: z._default(z.array(mediaHash).check(z.maxLength(50)), []),
      authorRef: describe(AccountIdSchema, 'The account that wants to publish it'),
    })
    .check(
      z.refine((r) => r.text !== undefined || r.urls.length > 0 || r.mediaHashes.length > 0, {
        message: 'Give the text, URLs or media hashes to review',
        path: ['text'],
      }),
    ),
  {
    id: 'ContentReviewRequest',
    example: {
      contentId: 'post-9001',
      contentType: 'text',
      text: 'Spring sale: hand-made mugs, 20% off this week.',
      urls: ['https://shop.example/mugs'],
      mediaHashes: [],
      authorRef: 'user-77',
    },
  },
);
export type ContentReviewRequest = z.output<typeof ContentReviewRequestSchema>;
