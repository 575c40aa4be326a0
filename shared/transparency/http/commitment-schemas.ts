import * as z from 'zod';
import { promiseIds, verdicts } from '#shared/transparency/domain/commitments.ts';
import { policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/** The promise scorecard's public answer. */

const FigureSchema = z
  .object({ value: z.number().nullable(), unit: z.enum(['share', 'count', 'version']) })
  .meta({ id: 'CommitmentFigure', description: 'A share from 0 to 1, a count, or a version number; null when there is nothing to count' });
const VerdictSchema = z.enum(verdicts);

const ScorecardPromiseSchema = z
  .object({
    id: z.enum(promiseIds),
    promise: z.object({ en: z.string(), 'zh-CN': z.string() }),
    target: FigureSchema,
    figure: FigureSchema.describe('The live figure of the quarter to date'),
    verdict: VerdictSchema,
    since: z.iso.datetime().describe('Since when the verdict holds, as the hourly checks saw it (the time of reading, if it changed since the last check)'),
    history: z
      .array(z.object({ quarter: z.string(), verdict: VerdictSchema, figure: FigureSchema, final: z.boolean() }))
      .describe('The verdict quarter by quarter, newest first: at the last hourly check in the quarter; final once the quarter ended'),
  })
  .meta({ id: 'ScorecardPromise' });

export const ScorecardSchema = z
  .object({
    quarter: z.string(),
    readAt: z.iso.datetime(),
    checkedAt: z.iso.datetime().nullable().describe('The last hourly check; null before the first'),
    promises: z.array(ScorecardPromiseSchema),
  })
  .meta({ id: 'Scorecard' });

export const ScorecardQuerySchema = z
  .strictObject({ lang: z.enum(policyLanguages).optional().meta({ description: "The HTML page's language; else the best of Accept-Language, else en" }) })
  .meta({ id: 'ScorecardQuery' });
