import * as z from 'zod';
import { httpUrl } from '#shared/http/text.ts';
import { contentTypes } from '#shared/moderation/domain/index.ts';
import { AccountIdSchema, ContentIdSchema, isoTime } from '#shared/moderation/http/schemas/common.ts';
import { ReviewIdSchema } from '#shared/moderation/domain/ids.ts';

/** Content submitted by platform services for review before publication, and the decision on it. */

const mediaHash = z.string().regex(/^[A-Fa-f0-9]{16,128}$/, 'Must be a hex digest (16 to 128 hex digits)');
export const ContentReviewRequestSchema = z
  .strictObject({
    contentId: ContentIdSchema,
    contentType: z.enum(contentTypes),
    text: z.string().max(20_000).optional().describe('The text of the content. Stored encrypted'),
    urls: z.array(httpUrl).max(50).default([]),
    mediaHashes: z.array(mediaHash).max(50).default([]),
    authorRef: AccountIdSchema.describe('The account that wants to publish it'),
  })
  .refine((r) => r.text !== undefined || r.urls.length > 0 || r.mediaHashes.length > 0, {
    message: 'Give the text, URLs or media hashes to review',
    path: ['text'],
  })
  .meta({
    id: 'ContentReviewRequest',
    example: {
      contentId: 'post-9001',
      contentType: 'text',
      text: 'Spring sale: hand-made mugs, 20% off this week.',
      urls: ['https://shop.example/mugs'],
      mediaHashes: [],
      authorRef: 'user-77',
    },
  });
export type ContentReviewRequest = z.output<typeof ContentReviewRequestSchema>;

const reviewStatuses = ['pending', 'approved', 'held', 'human_review', 'rejected'] as const;
export const ContentReviewSchema = z
  .object({
    id: ReviewIdSchema,
    contentId: z.string(),
    status: z.enum(reviewStatuses),
    publishable: z.boolean().describe('True only once approved: nothing is published without a decision'),
    restriction: z.enum(['label', 'demote']).optional().describe('Approved with a visibility restriction'),
    decidedBy: z.enum(['automated', 'moderator']).optional(),
    signals: z.array(z.string()),
    caseId: z.string().optional(),
    statementId: z.string().optional(),
    submittedAt: isoTime,
    decidedAt: isoTime.optional(),
  })
  .meta({ id: 'ContentReview' });
export type ContentReviewView = z.output<typeof ContentReviewSchema>;
