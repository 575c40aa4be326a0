import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { printableText as text } from '#shared/http/text.ts';
import { actions, appealOutcomes } from '#shared/moderation/domain/index.ts';
import { DecisionRequestSchema } from '#shared/moderation/http/schemas/cases.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { AppealIdSchema, CaseIdSchema, NoticeIdSchema } from '#shared/moderation/domain/ids.ts';

/** Appeals (DSA Art. 20): filed by the affected account or a reporter, decided by another moderator. */

export const AppealRequestSchema = meta(
  z.strictObject({
    caseId: CaseIdSchema,
    explanation: describe(text(5000), 'Why the decision is wrong. Personal data: stored encrypted'),
  }),
  { id: 'AppealRequest' },
);

export const AppealSchema = meta(
  z.object({
    id: AppealIdSchema,
    caseId: CaseIdSchema,
    appellant: z.enum(['affected', 'reporter']),
    appealedAction: z.enum(actions),
    statementId: z.optional(z.string()),
    filedAt: isoTime,
    status: z.enum(['pending', 'decided']),
    outcome: z.optional(z.enum(appealOutcomes)),
    decidedAt: z.optional(isoTime),
    newStatementId: z.optional(z.string()),
    explanation: describe(z.optional(z.string()), "The appellant's explanation (appellant and moderators)"),
    decisionExplanation: describe(z.optional(z.string()), 'Why the appeal was decided so (the reasoned reply)'),
  }),
  { id: 'Appeal' },
);

export const AnonymousAppealRequestSchema = meta(
  z.strictObject({
    noticeId: describe(NoticeIdSchema, 'The notice whose decision to appeal'),
    explanation: describe(text(5000), 'Why the decision is wrong. Personal data: stored encrypted'),
  }),
  { id: 'AnonymousAppealRequest' },
);

export const AppealPageSchema = pageOf(AppealSchema, 'AppealPage');

export const AppealDecisionRequestSchema = meta(
  z.strictObject({
    outcome: z.enum(appealOutcomes),
    explanation: describe(text(5000), 'The reasoned reply to the appellant'),
    decision: describe(
      z.optional(DecisionRequestSchema),
      'partly_reversed: the lesser measure; reversed on a decision not to act: the action now taken',
    ),
  }),
  { id: 'AppealDecisionRequest' },
);
