import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { httpUrl } from '#shared/http/text.ts';
import { contentTypes } from '#shared/moderation/domain/index.ts';
import { AccountIdSchema, ContentIdSchema, isoTime } from '#shared/moderation/http/schemas/common.ts';
import { ReviewIdSchema } from '#shared/moderation/domain/ids.ts';

/** Content submitted by platform services for review before publication, and the decision on it. */

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

const reviewStatuses = ['pending', 'approved', 'held', 'human_review', 'rejected'] as const;
export const ContentReviewSchema = meta(
  z.object({
    id: ReviewIdSchema,
    contentId: z.string(),
    status: z.enum(reviewStatuses),
    publishable: describe(z.boolean(), 'True only once approved: nothing is published without a decision'),
    restriction: describe(z.optional(z.enum(['label', 'demote'])), 'Approved with a visibility restriction'),
    decidedBy: z.optional(z.enum(['automated', 'moderator'])),
    signals: z.array(z.string()),
    caseId: z.optional(z.string()),
    statementId: z.optional(z.string()),
    submittedAt: isoTime,
    decidedAt: z.optional(isoTime),
  }),
  { id: 'ContentReview' },
);
export type ContentReviewView = z.output<typeof ContentReviewSchema>;
