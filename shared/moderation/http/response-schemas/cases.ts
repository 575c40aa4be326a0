import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { actions, noticeCategories, priorities } from '#shared/moderation/domain/index.ts';
import { caseStatuses } from '#shared/moderation/http/schemas/cases.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema } from '#shared/moderation/domain/ids.ts';

/**
 * Cases as moderators see them: their part of the OpenAPI document comes from these schemas.
 * Nothing parses an answer at run time, so only the OpenAPI document loads this module and the
 * function never builds these schemas (requests are in schemas/cases.ts).
 */

export const CaseSchema = meta(
  z.object({
    id: CaseIdSchema,
    contentId: z.string(),
    contentUrl: z.optional(z.string()),
    category: z.enum(noticeCategories),
    origin: z.enum(['notice', 'screening']),
    status: z.enum(caseStatuses),
    priority: z.enum(priorities),
    score: z.number(),
    noticeCount: z.int(),
    reporterCount: z.int(),
    trustedNotices: z.int(),
    financialHarm: z.boolean(),
    signals: z.array(z.string()),
    firstNoticeAt: isoTime,
    lease: z.optional(z.object({ moderatorId: z.string(), expiresAt: isoTime })),
    decision: z.optional(
      z.object({
        action: z.enum(actions),
        by: z.string(),
        at: isoTime,
        statementId: z.optional(z.string()),
        durationDays: z.optional(z.number()),
        reversedAt: z.optional(isoTime),
        replacedBy: z.optional(z.object({ action: z.enum(actions), statementId: z.string(), at: isoTime })),
      }),
    ),
    reviewId: z.optional(z.string()),
    createdAt: isoTime,
    updatedAt: isoTime,
  }),
  { id: 'ModerationCase' },
);

export const CasePageSchema = meta(
  z.object({ items: z.array(CaseSchema), nextCursor: z.nullable(z.string()) }),
  { id: 'ModerationCasePage', description: 'Highest priority first, then oldest' },
);

export const CaseDetailSchema = meta(
  z.extend(CaseSchema, {
    notices: z.array(
      z.object({
        noticeId: z.string(),
        source: z.enum(['user', 'trusted_flagger', 'anonymous']),
        receivedAt: isoTime,
        duplicate: z.boolean(),
        explanation: describe(z.string(), 'The notifier explanation, decrypted for moderators'),
      }),
    ),
  }),
  { id: 'ModerationCaseDetail' },
);
