import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { httpUrl, printableText as text } from '#shared/http/text.ts';
import { actions, noticeCategories, noticeOutcomes } from '#shared/moderation/domain/index.ts';
import { AppealSchema } from '#shared/moderation/http/schemas/appeals.ts';
import { ContentIdSchema, isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema, NoticeIdSchema, PuidSchema } from '#shared/moderation/domain/ids.ts';

/** Notices (DSA Art. 16) as filed, received and followed; the wire names say "report". */

const noticeFields = {
  contentId: describe(ContentIdSchema, 'The platform id of the content reported'),
  contentUrl: describe(httpUrl, 'Where the content is (its exact location, DSA Art. 16(2)(b))'),
  category: z.enum(noticeCategories),
  explanation: describe(text(5000), 'Why the content is fraud, false information, ... (substantiated). Personal data: stored encrypted'),
  goodFaith: z.literal(true, 'Confirm that the notice is accurate and complete, in good faith (DSA Art. 16(2)(d))'),
  financialHarm: describe(z.optional(z.boolean()), 'The content caused or attempts a financial loss'),
  notifierName: describe(z.optional(text(200)), 'Your name, if you wish to give it. Personal data: stored encrypted'),
};

export const CreateNoticeRequestSchema = meta(z.strictObject(noticeFields), {
  id: 'CreateReportRequest',
  example: {
    contentId: 'post-8812',
    contentUrl: 'https://platform.example/p/post-8812',
    category: 'fraud_or_scam',
    explanation: 'The post promises to double any bitcoin sent to the address and links to a fake exchange.',
    goodFaith: true,
    financialHarm: true,
  },
});
export type CreateNoticeRequest = z.output<typeof CreateNoticeRequestSchema>;

export const AnonymousNoticeRequestSchema = meta(
  z.strictObject({
    ...noticeFields,
    contactEmail: describe(
      z.email().check(z.maxLength(254)),
      'Where the decision is sent. Personal data: stored encrypted, used pseudonymised for limits',
    ),
  }),
  { id: 'AnonymousReportRequest' },
);
export type AnonymousNoticeRequest = z.output<typeof AnonymousNoticeRequestSchema>;

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

/** 160 bits in base64url (the follow-up token of the domain). */
export const FollowUpTokenSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{27}$/, 'Must be the follow-up token of the receipt (27 characters of A-Z, a-z, 0-9, "-", "_")'));

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
