import * as z from 'zod';
import { httpUrl, printableText as text } from '#shared/http/text.ts';
import { actions, noticeCategories, noticeOutcomes } from '#shared/moderation/domain/index.ts';
import { AppealSchema } from '#shared/moderation/http/schemas/appeals.ts';
import { ContentIdSchema, isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema, NoticeIdSchema, PuidSchema } from '#shared/moderation/domain/ids.ts';

/** Notices (DSA Art. 16) as filed, received and followed; the wire names say "report". */

const noticeFields = {
  contentId: ContentIdSchema.describe('The platform id of the content reported'),
  contentUrl: httpUrl.describe('Where the content is (its exact location, DSA Art. 16(2)(b))'),
  category: z.enum(noticeCategories),
  explanation: text(5000).describe('Why the content is fraud, false information, ... (substantiated). Personal data: stored encrypted'),
  goodFaith: z.literal(true, 'Confirm that the notice is accurate and complete, in good faith (DSA Art. 16(2)(d))'),
  financialHarm: z.boolean().optional().describe('The content caused or attempts a financial loss'),
  notifierName: text(200).optional().describe('Your name, if you wish to give it. Personal data: stored encrypted'),
};

export const CreateNoticeRequestSchema = z.strictObject(noticeFields).meta({
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

export const AnonymousNoticeRequestSchema = z
  .strictObject({
    ...noticeFields,
    contactEmail: z.email().max(254).describe('Where the decision is sent. Personal data: stored encrypted, used pseudonymised for limits'),
  })
  .meta({ id: 'AnonymousReportRequest' });
export type AnonymousNoticeRequest = z.output<typeof AnonymousNoticeRequestSchema>;

export const NoticeReceiptSchema = z
  .object({
    id: NoticeIdSchema,
    status: z.literal('received'),
    receivedAt: isoTime,
    category: z.enum(noticeCategories),
    contentId: z.string(),
  })
  .meta({ id: 'ReportReceipt', description: 'Confirmation of receipt (DSA Art. 16(4)); the decision follows' });

export const NoticeViewSchema = z
  .object({
    id: NoticeIdSchema,
    category: z.enum(noticeCategories),
    contentId: z.string(),
    contentUrl: z.string(),
    receivedAt: isoTime,
    outcome: z.enum(noticeOutcomes),
    decidedAt: isoTime.optional(),
    action: z.enum(actions).optional().describe('The measure taken on the content or account (an outcome, without the statement)'),
    statementId: PuidSchema.optional().describe('The statement of reasons of the measure in force (as published in the Transparency Database)'),
    manifestlyUnfounded: z.boolean().optional(),
    caseId: CaseIdSchema.optional().describe('Quote it to appeal a decision not to act'),
    appealableUntil: isoTime.optional(),
    explanation: z.string().optional().describe('Your own explanation, decrypted for you'),
  })
  .meta({ id: 'Report' });
export type NoticeView = z.output<typeof NoticeViewSchema>;

export const NoticePageSchema = z.object({ items: z.array(NoticeViewSchema), nextCursor: z.string().nullable() }).meta({ id: 'ReportPage' });

/* ------------------------------------------------- people without an account (DSA Art. 16, 20) */

/** 160 bits in base64url (the follow-up token of the domain). */
export const FollowUpTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{27}$/, 'Must be the follow-up token of the receipt (27 characters of A-Z, a-z, 0-9, "-", "_")');

export const AnonymousNoticeReceiptSchema = NoticeReceiptSchema.extend({
  followUpToken: FollowUpTokenSchema.describe(
    'Keep it: it is the only way to follow the notice and appeal its decision without an account (header X-Follow-Up-Token). ' +
      'It is not stored with the notice (it is derived from the notice id with a secret key); a repeat with the same ' +
      'Idempotency-Key and body answers the same token.',
  ),
}).meta({ id: 'AnonymousReportReceipt', description: 'Confirmation of receipt (DSA Art. 16(4)) with the follow-up token' });

export const AnonymousNoticeViewSchema = NoticeViewSchema.omit({ explanation: true })
  .extend({
    appeal: AppealSchema.omit({ explanation: true })
      .optional()
      .describe("The notifier's appeal on the decision, with the reasoned reply once decided"),
  })
  .meta({
    id: 'AnonymousReport',
    description: 'A notice as its notifier sees it: the outcome, the appeal deadline, the appeal. Nothing of the personal data sealed with it.',
  });
