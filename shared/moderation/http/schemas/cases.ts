import * as z from 'zod';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { printableText } from '#shared/http/text.ts';
import { actions, contentTypes, noticeCategories, priorities } from '#shared/moderation/domain/index.ts';
import { AccountIdSchema, isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema, NoticeIdSchema } from '#shared/moderation/domain/ids.ts';
import { EU_EEA } from '#shared/moderation/domain/transparency-db.ts';

/** Cases as moderators see and decide them. */

const caseStatuses = ['open', 'decided', 'appealed', 'closed'] as const;

export const CasesQuerySchema = z.strictObject({
  status: z.enum(caseStatuses).default('open'),
  limit: pageLimit,
  cursor: pageCursor,
});

export const CaseSchema = z
  .object({
    id: CaseIdSchema,
    contentId: z.string(),
    contentUrl: z.string().optional(),
    category: z.enum(noticeCategories),
    origin: z.enum(['notice', 'screening']),
    status: z.enum(caseStatuses),
    priority: z.enum(priorities),
    score: z.number(),
    noticeCount: z.number().int(),
    reporterCount: z.number().int(),
    trustedNotices: z.number().int(),
    financialHarm: z.boolean(),
    signals: z.array(z.string()),
    firstNoticeAt: isoTime,
    lease: z.object({ moderatorId: z.string(), expiresAt: isoTime }).optional(),
    decision: z
      .object({
        action: z.enum(actions),
        by: z.string(),
        at: isoTime,
        statementId: z.string().optional(),
        durationDays: z.number().optional(),
        reversedAt: isoTime.optional(),
        replacedBy: z.object({ action: z.enum(actions), statementId: z.string(), at: isoTime }).optional(),
      })
      .optional(),
    reviewId: z.string().optional(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'ModerationCase' });

export const CasePageSchema = z
  .object({ items: z.array(CaseSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ModerationCasePage', description: 'Highest priority first, then oldest' });

export const CaseDetailSchema = CaseSchema.extend({
  notices: z.array(
    z.object({
      noticeId: z.string(),
      source: z.enum(['user', 'trusted_flagger', 'anonymous']),
      receivedAt: isoTime,
      duplicate: z.boolean(),
      explanation: z.string().describe('The notifier explanation, decrypted for moderators'),
    }),
  ),
}).meta({ id: 'ModerationCaseDetail' });

export const DecisionRequestSchema = z
  .strictObject({
    action: z.enum(actions),
    ground: z.enum(['terms', 'illegal']).optional().describe('Required for a restriction: the terms of service or the law'),
    // Published in the statement of reasons: printable text only (no control or bidi-override characters).
    groundReference: printableText(500, { singleLine: true }).optional().describe('The clause of the terms or the legal provision (published; one line of printable text)'),
    groundExplanation: printableText(2000).optional().describe('Why the content is incompatible or illegal (published; printable text)'),
    facts: printableText(5000).optional().describe('The facts and circumstances relied on (published without personal data; printable text)'),
    durationDays: z.number().int().min(1).max(3650).optional().describe('Required for restrict_account and suspend_account'),
    affectedAccountId: AccountIdSchema.optional().describe('The account the measure affects, when the content has no known author'),
    accountType: z.enum(['private', 'business']).optional(),
    contentType: z.enum(contentTypes).optional(),
    contentDate: z.iso.date().optional(),
    territorialScope: z.array(z.enum(EU_EEA)).max(30).optional(),
    contentLanguage: z.string().regex(/^[A-Z]{2}$/, 'Must be an upper-case ISO 639-1 code').optional(),
    unfoundedNoticeIds: z.array(NoticeIdSchema).max(100).optional().describe('With no_action: notices that were manifestly unfounded (Art. 23)'),
  })
  .meta({
    id: 'DecisionRequest',
    example: {
      action: 'remove',
      ground: 'terms',
      groundReference: 'Terms of service 4.2: fraud and scams',
      groundExplanation: 'The post solicits payments with a promise of returns that are never made.',
      facts: 'Several notices and a blocklisted wallet address identify the post as an advance-fee scam.',
    },
  });
