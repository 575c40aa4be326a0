import * as z from 'zod';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { actions, appealOutcomes, contentTypes, noticeCategories } from '#shared/moderation/domain/index.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { CaseIdSchema, PuidSchema } from '#shared/moderation/domain/ids.ts';

/** Statements of reasons (DSA Art. 17), for the affected account and staff, and their Transparency Database export. */

/** What every view of a statement of reasons holds: the DSA Art. 17 fields, as issued. */
export const StatementFieldsSchema = z.object({
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
});

export const StatementSchema = StatementFieldsSchema.extend({
  replaces: z.string().optional(),
  redress: z.array(z.string()),
  appeal: z
    .object({ status: z.enum(['none', 'pending', 'decided']), outcome: z.enum(appealOutcomes).optional(), appealableUntil: isoTime })
    .describe('Where redress stands'),
}).meta({ id: 'StatementOfReasons', description: 'DSA Art. 17; immutable once issued' });

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

/** What platform services read to enforce a measure on an account. */
export const EnforcementSchema = z
  .object({
    puid: PuidSchema,
    caseId: z.string(),
    action: z.string(),
    affectedAccountId: z.string().optional(),
    durationDays: z.number().optional(),
    endsAt: z.string().optional(),
    createdAt: z.string(),
    status: z.enum(['in_force', 'reversed', 'replaced']),
    reversedAt: z.string().optional(),
    replacedBy: PuidSchema.optional().describe('The statement of the lesser measure that replaced this one'),
  })
  .meta({ id: 'MeasureToEnforce' });
