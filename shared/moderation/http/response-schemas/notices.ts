import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { actions, noticeCategories, noticeOutcomes } from '#shared/moderation/domain/index.ts';
import { AppealSchema } from '#shared/moderation/http/response-schemas/appeals.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { FollowUpTokenSchema } from '#shared/moderation/http/schemas/notices.ts';
import { CaseIdSchema, NoticeIdSchema, PuidSchema } from '#shared/moderation/domain/ids.ts';

/**
 * Notices (DSA Art. 16) as received and followed; the wire names say "report". The answers: their
 * TypeScript types and their part of the OpenAPI document come from these schemas. Nothing parses
 * an answer at run time, so the functions import this module for its types only and never build
 * these schemas (requests are in schemas/notices.ts).
 */

export const NoticeReceiptSchema = meta(
  z.object({
    id: NoticeIdSchema,
    status: z.literal('received'),
    receivedAt: isoTime,
    category: z.enum(noticeCategories),
    contentId: z.string(),
  }),
  { id: 'ReportReceipt', description: 'Confirmation of receipt (DSA Art. 16(4)); the decision follows' },
);

export const NoticeViewSchema = meta(
  z.object({
    id: NoticeIdSchema,
    category: z.enum(noticeCategories),
    contentId: z.string(),
    contentUrl: z.string(),
    receivedAt: isoTime,
    outcome: z.enum(noticeOutcomes),
    decidedAt: z.optional(isoTime),
    action: describe(z.optional(z.enum(actions)), 'The measure taken on the content or account (an outcome, without the statement)'),
    statementId: describe(
      z.optional(PuidSchema),
      'The statement of reasons of the measure in force (as published in the Transparency Database)',
    ),
    manifestlyUnfounded: z.optional(z.boolean()),
    caseId: describe(z.optional(CaseIdSchema), 'Quote it to appeal a decision not to act'),
    appealableUntil: z.optional(isoTime),
    explanation: describe(z.optional(z.string()), 'Your own explanation, decrypted for you'),
  }),
  { id: 'Report' },
);
export type NoticeView = z.output<typeof NoticeViewSchema>;

export const NoticePageSchema = pageOf(NoticeViewSchema, 'ReportPage');

/* ------------------------------------------------- people without an account (DSA Art. 16, 20) */

export const AnonymousNoticeReceiptSchema = meta(
  z.extend(NoticeReceiptSchema, {
    followUpToken: describe(
      FollowUpTokenSchema,
      'Keep it: it is the only way to follow the notice and appeal its decision without an account (header X-Follow-Up-Token). ' +
        'It is not stored with the notice (it is derived from the notice id with a secret key); a repeat with the same ' +
        'Idempotency-Key and body answers the same token.',
    ),
  }),
  { id: 'AnonymousReportReceipt', description: 'Confirmation of receipt (DSA Art. 16(4)) with the follow-up token' },
);

export const AnonymousNoticeViewSchema = meta(
  z.extend(z.omit(NoticeViewSchema, { explanation: true }), {
    appeal: describe(
      z.optional(z.omit(AppealSchema, { explanation: true })),
      "The notifier's appeal on the decision, with the reasoned reply once decided",
    ),
  }),
  {
    id: 'AnonymousReport',
    description: 'A notice as its notifier sees it: the outcome, the appeal deadline, the appeal. Nothing of the personal data sealed with it.',
  },
);
