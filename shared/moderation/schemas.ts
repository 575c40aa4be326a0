import * as z from 'zod';
import { granularities } from '#shared/figures/periods.ts';
import { count, countsBy } from '#shared/figures/schemas.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { httpUrl, printableText } from '#shared/http/text.ts';
import { appealOutcomes, noticeOutcomes } from '#shared/moderation/domain.ts';
import {
  AppealIdSchema,
  BlocklistEntryIdSchema,
  CaseIdSchema,
  NoticeIdSchema,
  PuidSchema,
  ReviewIdSchema,
} from '#shared/moderation/ids.ts';
import { priorities } from '#shared/moderation/policy.ts';
import { blocklistKinds } from '#shared/moderation/screening.ts';
import { EU_EEA } from '#shared/moderation/transparency-db.ts';
import { actions, contentTypes, noticeCategories } from '#shared/moderation/taxonomy.ts';

/** The trust-and-safety API's contract: validation, types and the OpenAPI document. */

const text = printableText;
const isoTime = z.iso.datetime();
const ContentIdSchema = z.string().regex(/^[\w.:-]{1,128}$/, 'Must be the content id: 1 to 128 of A-Z, a-z, 0-9, "_", ".", ":", "-"');
const AccountIdSchema = z.string().regex(/^[\w.@:-]{1,128}$/, 'Must be an account id');

export { AppealIdSchema, BlocklistEntryIdSchema, CaseIdSchema, NoticeIdSchema, PuidSchema, ReviewIdSchema };

const noticeFields = {
  contentId: ContentIdSchema.describe('The platform id of the content reported'),
  contentUrl: httpUrl.describe('Where the content is (its exact location, DSA Art. 16(2)(b))'),
  category: z.enum(noticeCategories),
  explanation: text(5000).describe('Why the content is fraud, false information, ... (substantiated). Personal data: stored encrypted'),
  goodFaith: z.literal(true, 'Confirm that the notice is accurate and complete, in good faith (DSA Art. 16(2)(d))'),
  financialHarm: z.boolean().optional().describe('The content caused or attempts a financial loss'),
  notifierName: text(200).optional().describe('Your name, if you wish to give it. Personal data: stored encrypted'),
};

export const CreateReportRequestSchema = z.strictObject(noticeFields).meta({
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
export type CreateReportRequest = z.output<typeof CreateReportRequestSchema>;

export const AnonymousReportRequestSchema = z
  .strictObject({
    ...noticeFields,
    contactEmail: z.email().max(254).describe('Where the decision is sent. Personal data: stored encrypted, used pseudonymised for limits'),
  })
  .meta({ id: 'AnonymousReportRequest' });
export type AnonymousReportRequest = z.output<typeof AnonymousReportRequestSchema>;

export const ReportReceiptSchema = z
  .object({
    id: NoticeIdSchema,
    status: z.literal('received'),
    receivedAt: isoTime,
    category: z.enum(noticeCategories),
    contentId: z.string(),
  })
  .meta({ id: 'ReportReceipt', description: 'Confirmation of receipt (DSA Art. 16(4)); the decision follows' });

export const ReportViewSchema = z
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
export type ReportView = z.output<typeof ReportViewSchema>;

export const PageQuerySchema = z.strictObject({ limit: pageLimit, cursor: pageCursor });

export const ReportPageSchema = z
  .object({ items: z.array(ReportViewSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ReportPage' });

export const CasesQuerySchema = z.strictObject({
  status: z.enum(['open', 'decided', 'appealed', 'closed']).default('open'),
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
    status: z.enum(['open', 'decided', 'appealed', 'closed']),
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
    groundReference: z.string().max(500).optional().describe('The clause of the terms or the legal provision'),
    groundExplanation: z.string().max(2000).optional().describe('Why the content is incompatible or illegal'),
    facts: z.string().max(5000).optional().describe('The facts and circumstances relied on (published without personal data)'),
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

export const StatementSchema = z
  .object({
    puid: PuidSchema,
    caseId: CaseIdSchema,
    createdAt: isoTime,
    action: z.enum(actions),
    durationDays: z.number().optional(),
    endsAt: isoTime.optional(),
    ground: z.enum(['terms', 'illegal']),
    groundReference: z.string(),
    groundExplanation: z.string(),
    facts: z.string(),
    source: z.enum(['notice', 'trusted_flagger', 'own_initiative']),
    automatedDetection: z.boolean(),
    automatedDecision: z.enum(['fully', 'partially', 'not_automated']),
    category: z.enum(noticeCategories),
    contentType: z.enum(contentTypes),
    contentDate: z.string(),
    replaces: z.string().optional(),
    redress: z.array(z.string()),
    appeal: z
      .object({ status: z.enum(['none', 'pending', 'decided']), outcome: z.enum(appealOutcomes).optional(), appealableUntil: isoTime })
      .describe('Where redress stands'),
  })
  .meta({ id: 'StatementOfReasons', description: 'DSA Art. 17; immutable once issued' });

export const ExportQuerySchema = z.strictObject({
  date: z.iso.date().describe('The day (UTC) whose statements to export'),
  limit: pageLimit,
  cursor: pageCursor,
});

export const ExportPageSchema = z
  .object({
    items: z.array(z.record(z.string(), z.unknown())).describe('Statements in the Transparency Database format (POST /api/v1/statements)'),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'TransparencyExportPage' });

export const AppealRequestSchema = z
  .strictObject({
    caseId: CaseIdSchema,
    explanation: text(5000).describe('Why the decision is wrong. Personal data: stored encrypted'),
  })
  .meta({ id: 'AppealRequest' });

export const AppealSchema = z
  .object({
    id: AppealIdSchema,
    caseId: CaseIdSchema,
    appellant: z.enum(['affected', 'reporter']),
    appealedAction: z.enum(actions),
    statementId: z.string().optional(),
    filedAt: isoTime,
    status: z.enum(['pending', 'decided']),
    outcome: z.enum(appealOutcomes).optional(),
    decidedAt: isoTime.optional(),
    newStatementId: z.string().optional(),
    explanation: z.string().optional().describe("The appellant's explanation (appellant and moderators)"),
    decisionExplanation: z.string().optional().describe('Why the appeal was decided so (the reasoned reply)'),
  })
  .meta({ id: 'Appeal' });

/* ------------------------------------------------- people without an account (DSA Art. 16, 20) */

/** 160 bits in base64url (shared/moderation/follow-up.ts). */
export const FollowUpTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{27}$/, 'Must be the follow-up token of the receipt (27 characters of A-Z, a-z, 0-9, "-", "_")');

export const AnonymousReportReceiptSchema = ReportReceiptSchema.extend({
  followUpToken: FollowUpTokenSchema.describe(
    'Keep it: it is the only way to follow the notice and appeal its decision without an account (header X-Follow-Up-Token). ' +
      'It is not stored with the notice (it is derived from the notice id with a secret key); a repeat with the same ' +
      'Idempotency-Key and body answers the same token.',
  ),
}).meta({ id: 'AnonymousReportReceipt', description: 'Confirmation of receipt (DSA Art. 16(4)) with the follow-up token' });

export const AnonymousAppealRequestSchema = z
  .strictObject({
    noticeId: NoticeIdSchema.describe('The notice whose decision to appeal'),
    explanation: text(5000).describe('Why the decision is wrong. Personal data: stored encrypted'),
  })
  .meta({ id: 'AnonymousAppealRequest' });

export const AnonymousReportViewSchema = ReportViewSchema.omit({ explanation: true })
  .extend({
    appeal: AppealSchema.omit({ explanation: true })
      .optional()
      .describe("The notifier's appeal on the decision, with the reasoned reply once decided"),
  })
  .meta({
    id: 'AnonymousReport',
    description: 'A notice as its notifier sees it: the outcome, the appeal deadline, the appeal. Nothing of the personal data sealed with it.',
  });

export const AppealPageSchema = z.object({ items: z.array(AppealSchema), nextCursor: z.string().nullable() }).meta({ id: 'AppealPage' });

export const AppealDecisionRequestSchema = z
  .strictObject({
    outcome: z.enum(appealOutcomes),
    explanation: text(5000).describe('The reasoned reply to the appellant'),
    decision: DecisionRequestSchema.optional().describe(
      'partly_reversed: the lesser measure; reversed on a decision not to act: the action now taken',
    ),
  })
  .meta({ id: 'AppealDecisionRequest' });

export const RewardsSchema = z
  .object({
    balance: z.number().int().min(0),
    reputation: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    warned: z.boolean(),
    reportingSuspendedUntil: isoTime.optional(),
    pending: z.array(z.object({ noticeId: z.string(), points: z.number().int(), status: z.string(), dueAt: isoTime })),
    ledger: z.array(z.object({ noticeId: z.string(), points: z.number().int(), creditedAt: isoTime })),
  })
  .meta({ id: 'Rewards' });

export const BlocklistKindPathSchema = z.strictObject({ kind: z.enum(blocklistKinds) });
export const BlocklistEntryPathSchema = z.strictObject({ kind: z.enum(blocklistKinds), entryId: BlocklistEntryIdSchema });
export const BlocklistEntryRequestSchema = z
  .strictObject({
    value: text(2048).describe('A media hash (hex), a URL or domain, a phone number or a payment account (IBAN, card, wallet)'),
    reason: text(500).describe('Why it is blocked'),
  })
  .meta({ id: 'BlocklistEntryRequest', example: { value: '+44 20 7946 0999', reason: 'Advance-fee scam hotline (case_...)' } });
export const BlocklistEntrySchema = z
  .object({ id: BlocklistEntryIdSchema, kind: z.enum(blocklistKinds), value: z.string(), reason: z.string(), addedBy: z.string(), addedAt: isoTime })
  .meta({ id: 'BlocklistEntry' });
export const BlocklistPageSchema = z
  .object({ items: z.array(BlocklistEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'BlocklistPage' });

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

/* ---------------------------------------------------------------------- figures */

const share = z.number().nullable();

const ModerationPeriodSchema = z
  .object({
    period: z.string(),
    notices: count,
    noticesByCategory: countsBy(noticeCategories),
    noticesBySource: countsBy(['user', 'trusted_flagger', 'anonymous']),
    duplicateNotices: count,
    casesOpened: count,
    medianNoticeToActionMinutes: z.number().nullable().describe('From the first notice of a case to the action on it (histogram upper edge)'),
    actions: countsBy(actions),
    decisions: z.object({ total: count, automated: count, human: count, onTermsGround: count, onLegalGround: count }),
    statements: count,
    screening: z.object({
      screened: count,
      approved: count,
      held: count,
      humanReview: count,
      truePositives: count,
      falsePositives: count,
      falseNegatives: count,
      precision: share.describe('Flagged items a moderator then acted on / flagged items decided'),
      recall: share.describe('Flagged-and-confirmed / (flagged-and-confirmed + approved automatically and later acted on)'),
    }),
    appeals: z.object({ total: count, byAffected: count, byReporter: count, ...Object.fromEntries(appealOutcomes.map((o) => [o, count])), reversals: count }),
    misuse: z.object({ warnings: count, suspensions: count }),
    rewards: z.object({ paid: count, points: count }),
  })
  .meta({ id: 'ModerationPeriodFigures' });
export type ModerationPeriod = z.output<typeof ModerationPeriodSchema>;

export const ModerationFiguresSchema = z
  .object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: z.array(ModerationPeriodSchema),
    total: ModerationPeriodSchema,
  })
  .meta({ id: 'ModerationFigures' });
