import * as z from 'zod';
import { printableText as text } from '#shared/http/text.ts';
import { actions, appealOutcomes } from '#shared/moderation/domain/index.ts';
import { DecisionRequestSchema } from '#shared/moderation/http/schemas/cases.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { AppealIdSchema, CaseIdSchema, NoticeIdSchema } from '#shared/moderation/domain/ids.ts';

/** Appeals (DSA Art. 20): filed by the affected account or a reporter, decided by another moderator. */

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

export const AnonymousAppealRequestSchema = z
  .strictObject({
    noticeId: NoticeIdSchema.describe('The notice whose decision to appeal'),
    explanation: text(5000).describe('Why the decision is wrong. Personal data: stored encrypted'),
  })
  .meta({ id: 'AnonymousAppealRequest' });

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
