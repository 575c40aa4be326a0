import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { printableText } from '#shared/http/text.ts';
import { actions, contentTypes, noticeCategories, priorities } from '#shared/moderation/domain/index.ts';
import { AccountIdSchema, isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema, NoticeIdSchema } from '#shared/moderation/domain/ids.ts';
import { EU_EEA } from '#shared/moderation/domain/transparency-db.ts';

/** Cases as moderators see and decide them. */

const caseStatuses = ['open', 'decided', 'appealed', 'closed'] as const;

export const CasesQuerySchema = z.strictObject({
  status: z._default(z.enum(caseStatuses), 'open'),
  limit: pageLimit,
  cursor: pageCursor,
});

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

export const DecisionRequestSchema = meta(
  z.strictObject({
    action: z.enum(actions),
    ground: describe(z.optional(z.enum(['terms', 'illegal'])), 'Required for a restriction: the terms of service or the law'),
    // Published in the statement of reasons: printable text only (no control or bidi-override characters).
    groundReference: describe(
      z.optional(printableText(500, { singleLine: true })),
      'The clause of the terms or the legal provision (published; one line of printable text)',
    ),
    groundExplanation: describe(z.optional(printableText(2000)), 'Why the content is incompatible or illegal (published; printable text)'),
    facts: describe(
      z.optional(printableText(5000)),
      'The facts and circumstances relied on (published without personal data; printable text)',
    ),
    durationDays: describe(z.optional(z.int().check(z.minimum(1), z.maximum(3650))), 'Required for restrict_account and suspend_account'),
    affectedAccountId: describe(z.optional(AccountIdSchema), 'The account the measure affects, when the content has no known author'),
    accountType: z.optional(z.enum(['private', 'business'])),
    contentType: z.optional(z.enum(contentTypes)),
    contentDate: z.optional(z.iso.date()),
    territorialScope: z.optional(z.array(z.enum(EU_EEA)).check(z.maxLength(30))),
    contentLanguage: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'Must be an upper-case ISO 639-1 code'))),
    unfoundedNoticeIds: describe(
      z.optional(z.array(NoticeIdSchema).check(z.maxLength(100))),
      'With no_action: notices that were manifestly unfounded (Art. 23)',
    ),
  }),
  {
    id: 'DecisionRequest',
    example: {
      action: 'remove',
      ground: 'terms',
      groundReference: 'Terms of service 4.2: fraud and scams',
      groundExplanation: 'The post solicits payments with a promise of returns that are never made.',
      facts: 'Several notices and a blocklisted wallet address identify the post as an advance-fee scam.',
    },
  },
);
