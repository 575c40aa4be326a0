import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { printableText as text } from '#shared/http/text.ts';
import { appealOutcomes } from '#shared/moderation/domain/index.ts';
import { DecisionRequestSchema } from '#shared/moderation/http/schemas/cases.ts';
import { CaseIdSchema, NoticeIdSchema } from '#shared/moderation/domain/ids.ts';

/**
 * Appeals (DSA Art. 20): filed by the affected account or a reporter, decided by another moderator.
 * The requests: their validation, their TypeScript types and their part of the OpenAPI document
 * come from these schemas. The answers' schemas are in response-schemas/appeals.ts, which only the
 * OpenAPI document loads: a schema is built when its module loads, and the function, which never
 * parses an answer, would build them all at every cold start.
 */

export const AppealRequestSchema = meta(
  z.strictObject({
    caseId: CaseIdSchema,
    explanation: describe(text(5000), 'Why the decision is wrong. Personal data: stored encrypted'),
  }),
  { id: 'AppealRequest' },
);

export const AnonymousAppealRequestSchema = meta(
  z.strictObject({
    noticeId: describe(NoticeIdSchema, 'The notice whose decision to appeal'),
    explanation: describe(text(5000), 'Why the decision is wrong. Personal data: stored encrypted'),
  }),
  { id: 'AnonymousAppealRequest' },
);

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
