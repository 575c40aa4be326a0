import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { ReviewIdSchema } from '#shared/moderation/domain/ids.ts';

/**
 * The decision on content submitted for review, as the API answers it: its TypeScript type and its
 * part of the OpenAPI document come from these schemas. Nothing parses an answer at run time, so
 * the functions import this module for its type only and never build these schemas (the request is
 * in schemas/content-reviews.ts).
 */

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
