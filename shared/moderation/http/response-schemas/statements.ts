import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { actions, appealOutcomes, contentTypes, noticeCategories } from '#shared/moderation/domain/index.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema, PuidSchema } from '#shared/moderation/domain/ids.ts';

/**
 * Statements of reasons (DSA Art. 17), for the affected account and staff, and their Transparency
 * Database export, as the API answers them: their part of the OpenAPI document (and of the data
 * export's schema) comes from these schemas. Nothing parses an answer at run time, so the function
 * never loads this module and never builds these schemas (the export's query is in
 * schemas/statements.ts).
 */

/** What every view of a statement of reasons holds: the DSA Art. 17 fields, as issued. */
export const StatementFieldsSchema = z.object({
  puid: PuidSchema,
  caseId: CaseIdSchema,
  createdAt: isoTime,
  action: z.enum(actions),
  durationDays: z.optional(z.number()),
  endsAt: z.optional(isoTime),
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
});

export const StatementSchema = meta(
  z.extend(StatementFieldsSchema, {
    replaces: z.optional(z.string()),
    redress: z.array(z.string()),
    appeal: describe(
      z.object({ status: z.enum(['none', 'pending', 'decided']), outcome: z.optional(z.enum(appealOutcomes)), appealableUntil: isoTime }),
      'Where redress stands',
    ),
  }),
  { id: 'StatementOfReasons', description: 'DSA Art. 17; immutable once issued' },
);

export const ExportPageSchema = meta(
  z.object({
    items: describe(
      z.array(z.record(z.string(), z.unknown())),
      'Statements in the Transparency Database format (POST /api/v1/statements)',
    ),
    nextCursor: z.nullable(z.string()),
  }),
  { id: 'TransparencyExportPage' },
);

/** What platform services read to enforce a measure on an account. */
export const EnforcementSchema = meta(
  z.object({
    puid: PuidSchema,
    caseId: z.string(),
    action: z.string(),
    affectedAccountId: z.optional(z.string()),
    durationDays: z.optional(z.number()),
    endsAt: z.optional(z.string()),
    createdAt: z.string(),
    status: z.enum(['in_force', 'reversed', 'replaced']),
    reversedAt: z.optional(z.string()),
    replacedBy: describe(z.optional(PuidSchema), 'The statement of the lesser measure that replaced this one'),
  }),
  { id: 'MeasureToEnforce' },
);
