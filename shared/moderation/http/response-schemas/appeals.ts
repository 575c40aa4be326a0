import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { actions, appealOutcomes } from '#shared/moderation/domain/index.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { AppealIdSchema, CaseIdSchema } from '#shared/moderation/domain/ids.ts';

/**
 * Appeals (DSA Art. 20) as the API answers them: their part of the OpenAPI document comes from
 * these schemas. Nothing parses an answer at run time, so only the OpenAPI document loads this
 * module and the function never builds these schemas (requests are in schemas/appeals.ts).
 */

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

export const AppealPageSchema = pageOf(AppealSchema, 'AppealPage');
