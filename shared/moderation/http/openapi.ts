import { IdempotencyKeySchema } from '#shared/http/request.ts';
import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { fullScope } from '#shared/manifest/platform.ts';
import { authenticatedErrors, jsonBodyErrors, problem, tooManyRequests } from '#shared/http/problem-schema.ts';
import { accessReasonHeader, invalidOrUnexplainedRead } from '#shared/http/access-reason-openapi.ts';
import { FiguresQuerySchema } from '#shared/figures/query.ts';
import {
  AnonymousAppealRequestSchema,
  AppealDecisionRequestSchema,
  AppealRequestSchema,
} from '#shared/moderation/http/schemas/appeals.ts';
import { AppealPageSchema, AppealSchema } from '#shared/moderation/http/response-schemas/appeals.ts';
import {
  BlocklistEntryPathSchema,
  BlocklistEntryRequestSchema,
  BlocklistKindPathSchema,
} from '#shared/moderation/http/schemas/blocklists.ts';
import { BlocklistEntrySchema, BlocklistPageSchema } from '#shared/moderation/http/response-schemas/blocklists.ts';
import { authorityOrderPaths } from '#shared/moderation/http/authority-orders-openapi.ts';
import { statementQuarantinePaths } from '#shared/moderation/http/statement-quarantine-openapi.ts';
import { CasesQuerySchema, DecisionRequestSchema } from '#shared/moderation/http/schemas/cases.ts';
import { CaseDetailSchema, CasePageSchema, CaseSchema } from '#shared/moderation/http/response-schemas/cases.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import { ContentReviewRequestSchema } from '#shared/moderation/http/schemas/content-reviews.ts';
import { ContentReviewSchema } from '#shared/moderation/http/response-schemas/content-reviews.ts';
import { ModerationFiguresSchema } from '#shared/moderation/http/response-schemas/figures.ts';
import { AnonymousNoticeRequestSchema, CreateNoticeRequestSchema, FollowUpTokenSchema } from '#shared/moderation/http/schemas/notices.ts';
import {
  AnonymousNoticeReceiptSchema,
  AnonymousNoticeViewSchema,
  NoticePageSchema,
  NoticeReceiptSchema,
  NoticeViewSchema,
} from '#shared/moderation/http/response-schemas/notices.ts';
import { RewardsSchema } from '#shared/moderation/http/response-schemas/rewards.ts';
import { ExportQuerySchema } from '#shared/moderation/http/schemas/statements.ts';
import { EnforcementSchema, ExportPageSchema, StatementSchema } from '#shared/moderation/http/response-schemas/statements.ts';
import { AppealIdSchema, CaseIdSchema, NoticeIdSchema, PuidSchema, ReviewIdSchema } from '#shared/moderation/domain/ids.ts';

/** The trust-and-safety paths of the OpenAPI document (shared/platform/http/openapi-document.ts spreads them in). */

const json = <S extends z.ZodMiniType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const body = <S extends z.ZodMiniType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });
const errors: ZodOpenApiResponsesObject = {
  ...authenticatedErrors,
  '403': problem('Not allowed for your role, or a platform client'),
};
const withNotFound = { ...errors, '404': problem('No such resource, or not yours') };
/** What reading a JSON body can refuse (shared/http/request.ts readJsonBody), besides a 400. */
const stateConflict = problem('The state does not allow it; `type` says why (already-claimed, claim-first, case-decided, appeal-pending, concurrent-update, ...)');
const command = { ...withNotFound, '409': stateConflict, ...jsonBodyErrors };
/** A filing with an Idempotency-Key: a repeat while the first runs, or the key reused with another body. */
const idempotent = {
  '409': problem('A request with this Idempotency-Key is still in progress (idempotency-in-progress); retry'),
  '422': problem('Idempotency-Key reused with a different body (idempotency-key-reused)'),
};
const reportingSuspended = 'reporting-suspended: reporting is suspended after repeated manifestly unfounded notices (DSA Art. 23)';
/** Separation of duties: staff never act on a case they are a party to. */
const partyToTheCase = (parties: string) =>
  problem(`Not a moderator; or conflict-of-interest: the caller is a party to the case (${parties}); another moderator must act`);
const idempotencyHeader = z.object({
  'idempotency-key': meta(z.optional(IdempotencyKeySchema), {
    description: 'Repeats with the same key and body return the first receipt for 24 hours',
  }),
});
const followUpHeader = z.object({
  'x-follow-up-token': meta(FollowUpTokenSchema, { description: 'The `followUpToken` of the receipt of POST /v1/reports/anonymous' }),
});
const followUpNotFound = problem('No such notice for this token: an unknown id, a notice filed from an account, a wrong or missing token all get this answer');
const followUpLimited = problem('Too many requests from this address; see Retry-After');
const moderationScope = [{ integration: [fullScope('content.review')] }];

export const moderationPaths: ZodOpenApiPathsObject = {
  ...authorityOrderPaths,
  ...statementQuarantinePaths,
  '/v1/reports': {
    post: {
      operationId: 'fileReport',
      summary: 'File a notice of fraud, false information, false advertising, privacy violations (users and trusted flaggers)',
      description:
        'DSA Art. 16 notice. Answers 202 at once with a receipt; triage runs on the reports queue. Trusted flaggers (group trusted_flagger) get priority. ' +
        'Limited per reporter; reporters suspended for misuse (Art. 23) get 403 reporting-suspended.',
      requestParams: { header: idempotencyHeader },
      requestBody: body(CreateNoticeRequestSchema),
      responses: {
        '202': json('Received', NoticeReceiptSchema),
        ...errors,
        '403': problem(`Not allowed for a platform client; or ${reportingSuspended}; or conflict-of-interest: the content is the reporter's own`),
        ...idempotent,
        ...jsonBodyErrors,
        '429': tooManyRequests('Too many notices from this reporter'),
        '503': problem('Not queued; retry'),
      },
    },
    get: {
      operationId: 'listMyReports',
      summary: "The caller's notices with their outcomes, newest first",
      requestParams: { query: PageQuerySchema },
      responses: { '200': json('A page of notices', NoticePageSchema), ...errors },
    },
  },
  '/v1/reports/anonymous': {
    post: {
      operationId: 'fileAnonymousReport',
      summary: 'File a notice without an account, leaving a contact email',
      description:
        'Rate-limited per contact email and per source address (both pseudonymised). The email is stored encrypted. ' +
        'The receipt carries a follow-up token: keep it, it is the only way to follow the notice ' +
        '(GET /v1/reports/anonymous/{id}) and to appeal its decision (POST /v1/appeals/anonymous) without an account. ' +
        'A repeat with the same Idempotency-Key and body answers the same receipt and the same token.',
      security: [],
      requestParams: { header: idempotencyHeader },
      requestBody: body(AnonymousNoticeRequestSchema),
      responses: {
        '202': json('Received, with the follow-up token', AnonymousNoticeReceiptSchema),
        '400': errors['400']!,
        '403': problem(reportingSuspended),
        ...idempotent,
        ...jsonBodyErrors,
        '429': tooManyRequests('Too many notices from this address, or for this contact email'),
        '500': errors['500']!,
        '503': problem('Not queued; retry'),
      },
    },
  },
  '/v1/reports/anonymous/{id}': {
    get: {
      operationId: 'followAnonymousReport',
      summary: 'Without an account: a notice, its outcome, the appeal deadline and the appeal, by the follow-up token',
      description:
        'DSA Art. 16(5) and 20: the decision and the redress reach notifiers without an account. ' +
        'Nothing of the personal data given with the notice is shown. Each call counts against the limit of the source address.',
      security: [],
      requestParams: { path: z.object({ id: NoticeIdSchema }), header: followUpHeader },
      responses: {
        '200': json('The notice as its notifier sees it', AnonymousNoticeViewSchema),
        '400': errors['400']!,
        '404': followUpNotFound,
        '429': followUpLimited,
        '500': errors['500']!,
      },
    },
  },
  '/v1/reports/{id}': {
    get: {
      operationId: 'getReport',
      summary: 'One notice and its outcome (the reporter; moderators)',
      description: "A moderator's read of someone else's notice (its explanation) needs `X-Access-Reason` and is recorded in the access log.",
      requestParams: { path: z.object({ id: NoticeIdSchema }), header: accessReasonHeader('this notice') },
      responses: { '200': json('The notice', NoticeViewSchema), ...withNotFound, ...invalidOrUnexplainedRead },
    },
  },
  '/v1/moderation/cases': {
    get: {
      operationId: 'listModerationCases',
      summary: 'Moderators: cases of one status, highest priority first',
      requestParams: { query: CasesQuerySchema },
      responses: { '200': json('A page of cases', CasePageSchema), ...errors },
    },
  },
  '/v1/moderation/cases/{id}': {
    get: {
      operationId: 'getModerationCase',
      summary: 'Moderators: a case with its notices',
      description: "The notices' explanations are opened only once the read is recorded in the access log with the `X-Access-Reason` given.",
      requestParams: { path: z.object({ id: CaseIdSchema }), header: accessReasonHeader('this case') },
      responses: { '200': json('The case', CaseDetailSchema), ...withNotFound, ...invalidOrUnexplainedRead },
    },
  },
  '/v1/moderation/cases/{id}/claim': {
    post: {
      operationId: 'claimModerationCase',
      summary: 'Moderators: take a case for 15 minutes (a lease; an expired lease may be taken over)',
      requestParams: { path: z.object({ id: CaseIdSchema }) },
      // No body to refuse: no 413 or 415.
      responses: { '200': json('Claimed', CaseSchema), ...withNotFound, '403': partyToTheCase('reported the content or wrote it'), '409': stateConflict },
    },
  },
  '/v1/moderation/cases/{id}/decision': {
    post: {
      operationId: 'decideModerationCase',
      summary: 'Moderators: decide a claimed case',
      description: 'no_action, label, demote, remove, restrict/suspend (with durationDays) or terminate the account. Every restriction issues an immutable statement of reasons (DSA Art. 17).',
      requestParams: { path: z.object({ id: CaseIdSchema }) },
      requestBody: body(DecisionRequestSchema),
      responses: {
        '200': json('Decided', z.object({ case: CaseSchema, statementId: z.optional(PuidSchema) })),
        ...command,
        '403': partyToTheCase('reported the content, wrote it, or is the account the measure is about'),
      },
    },
  },
  '/v1/statements/{puid}': {
    get: {
      operationId: 'getStatementOfReasons',
      summary: 'A statement of reasons (the affected account; moderators, comms, admins)',
      requestParams: { path: z.object({ puid: PuidSchema }) },
      responses: { '200': json('The statement', StatementSchema), ...withNotFound },
    },
  },
  '/v1/transparency/statements': {
    get: {
      operationId: 'exportStatements',
      summary: "Comms, moderators, admins: a day's statements in the Transparency Database format, without personal data",
      requestParams: { query: ExportQuerySchema },
      responses: { '200': json('A page of statements', ExportPageSchema), ...errors },
    },
  },
  '/v1/appeals': {
    post: {
      operationId: 'fileAppeal',
      summary: 'Appeal a decision within 6 months (the affected account; a reporter against a decision not to act)',
      requestBody: body(AppealRequestSchema),
      responses: { '201': json('Filed', AppealSchema), ...command, '429': tooManyRequests('Too many appeals from this person') },
    },
  },
  '/v1/appeals/anonymous': {
    post: {
      operationId: 'fileAnonymousAppeal',
      summary: 'Without an account: appeal the decision not to act on your notice within 6 months, by the follow-up token',
      description:
        'DSA Art. 20: filed as a reporter\'s appeal, on the same terms (one per notice and decision, decided by another moderator). ' +
        'The appellant is the notice the token belongs to, not its contact email. ' +
        'Follow it, and read the reasoned reply, with GET /v1/reports/anonymous/{id}.',
      security: [],
      requestParams: { header: followUpHeader },
      requestBody: body(AnonymousAppealRequestSchema),
      responses: {
        '201': json('Filed', AppealSchema),
        '400': errors['400']!,
        '403': problem('Reporters appeal decisions not to act; this decision acted on the content'),
        '404': followUpNotFound,
        '409': problem('The state does not allow it; `type` says why (already-appealed, not-decided, appeal-window-closed, appeal-pending, ...)'),
        ...jsonBodyErrors,
        '429': tooManyRequests('Too many appeals from this address'),
        '500': errors['500']!,
      },
    },
  },
  '/v1/appeals/{id}': {
    get: {
      operationId: 'getAppeal',
      summary: 'An appeal and its reasoned reply (the appellant; moderators)',
      description: "A moderator's read of someone else's appeal needs `X-Access-Reason` and is recorded in the access log.",
      requestParams: { path: z.object({ id: AppealIdSchema }), header: accessReasonHeader('this appeal') },
      responses: { '200': json('The appeal', AppealSchema), ...withNotFound, ...invalidOrUnexplainedRead },
    },
  },
  '/v1/moderation/appeals': {
    get: {
      operationId: 'listPendingAppeals',
      summary: 'Moderators: pending appeals, oldest first',
      description: 'Each appeal shown (with its explanation) is a staff read, recorded in the access log with the `X-Access-Reason` given.',
      requestParams: { query: PageQuerySchema, header: accessReasonHeader('the pending appeals') },
      responses: { '200': json('A page of appeals', AppealPageSchema), ...errors, ...invalidOrUnexplainedRead },
    },
  },
  '/v1/moderation/appeals/{id}/decision': {
    post: {
      operationId: 'decideAppeal',
      summary: 'Moderators: decide an appeal (never anyone involved in the case: the moderator who decided it, a reporter, the author, the appellant)',
      description: 'upheld, partly_reversed (with the lesser measure) or reversed (the action is undone; on a decision not to act, with the action now taken).',
      requestParams: { path: z.object({ id: AppealIdSchema }) },
      requestBody: body(AppealDecisionRequestSchema),
      responses: { '200': json('Decided', AppealSchema), ...command, '403': partyToTheCase('decided it, reported the content, wrote it, or appealed') },
    },
  },
  '/v1/rewards/me': {
    get: {
      operationId: 'getMyRewards',
      summary: "The caller's reward balance, ledger, pending rewards, reputation and reporting status",
      responses: { '200': json('Rewards', RewardsSchema), '401': errors['401']!, '403': errors['403']!, '500': errors['500']! },
    },
  },
  '/v1/moderation/blocklists/{kind}': {
    get: {
      operationId: 'listBlocklist',
      summary: 'Moderators: a blocklist',
      description: 'Each value shown is a staff read of personal data, recorded in the access log with the `X-Access-Reason` given.',
      requestParams: { path: BlocklistKindPathSchema, query: PageQuerySchema, header: accessReasonHeader('this blocklist') },
      responses: { '200': json('A page of entries', BlocklistPageSchema), ...errors, ...invalidOrUnexplainedRead },
    },
    post: {
      operationId: 'addBlocklistEntry',
      summary: 'Moderators: block a media hash, URL or domain, phone number or payment account',
      requestParams: { path: BlocklistKindPathSchema },
      requestBody: body(BlocklistEntryRequestSchema),
      responses: {
        '201': json('Added', BlocklistEntrySchema),
        ...errors,
        '409': problem('already-blocklisted, or invalid-value: not a value of this list'),
        ...jsonBodyErrors,
      },
    },
  },
  '/v1/moderation/blocklists/{kind}/{entryId}': {
    delete: {
      operationId: 'removeBlocklistEntry',
      summary: 'Moderators: remove an entry',
      requestParams: { path: BlocklistEntryPathSchema },
      responses: { '204': { description: 'Removed' }, ...withNotFound },
    },
  },
  '/v1/figures/moderation': {
    get: {
      operationId: 'getModerationFigures',
      summary: 'Staff: notices, actions, automated vs human decisions, screening precision and recall, appeals, misuse, rewards',
      requestParams: { query: FiguresQuerySchema },
      responses: { '200': json('The figures of the range', ModerationFiguresSchema), ...errors },
    },
  },
  '/v1/content-reviews': {
    post: {
      operationId: 'submitContentReview',
      summary: 'Platform services: submit content for review before publication',
      description:
        'Every revision is reviewed: a revision is the content id with what it shows (type, text, URLs, media hashes; keyed by a SHA-256 digest of their canonical form). A new revision answers 202 with a new pending review (not publishable), including an edit of approved content, which is screened again; the worker approves, holds or sends to human review; read the decision with GET or the content-review.decided event. A repeat of the same revision answers 200 with its review.',
      security: moderationScope,
      requestBody: body(ContentReviewRequestSchema),
      responses: {
        '202': json('Queued for screening', ContentReviewSchema),
        '200': json('This revision was submitted before: its review', ContentReviewSchema),
        ...errors,
        '409': problem('Another client submitted this content id, or a concurrent submission of it is being stored'),
        ...jsonBodyErrors,
        '503': problem('Stored but not queued for screening (still pending, never publishable); resubmit the same revision'),
      },
    },
  },
  '/v1/content-reviews/{id}': {
    get: {
      operationId: 'getContentReview',
      summary: 'Platform services: the decision on submitted content',
      security: moderationScope,
      requestParams: { path: z.object({ id: ReviewIdSchema }) },
      responses: { '200': json('The review', ContentReviewSchema), ...withNotFound },
    },
  },
  '/v1/enforcement/statements/{puid}': {
    get: {
      operationId: 'getMeasureToEnforce',
      summary: 'Platform services: a measure on an account, to enforce it',
      description:
        'Domain events name no account: on moderation.decision-taken or action-reversed the platform reads the measure ' +
        'here (the account, the measure, its end, and whether it is in force, reversed or replaced).',
      security: [{ integration: [fullScope('moderation.enforcement')] }],
      requestParams: { path: z.object({ puid: PuidSchema }) },
      responses: { '200': json('The measure', EnforcementSchema), ...withNotFound },
    },
  },
};
