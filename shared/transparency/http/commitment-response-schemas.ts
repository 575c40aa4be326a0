import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { promiseIds, verdicts } from '#shared/transparency/domain/commitments.ts';

/**
 * The promise scorecard's public answer: its part of the OpenAPI document comes from these
 * schemas. Nothing parses an answer at run time, so the function never imports this module and
 * never builds these schemas (the request's query is in commitment-schemas.ts).
 */

const FigureSchema = meta(z.object({ value: z.nullable(z.number()), unit: z.enum(['share', 'count', 'version']) }), {
  id: 'CommitmentFigure',
  description: 'A share from 0 to 1, a count, or a version number; null when there is nothing to count',
});
const VerdictSchema = z.enum(verdicts);

const ScorecardPromiseSchema = meta(
  z.object({
    id: z.enum(promiseIds),
    promise: z.object({ en: z.string(), 'zh-CN': z.string() }),
    target: FigureSchema,
    figure: describe(FigureSchema, 'The live figure of the quarter to date'),
    verdict: VerdictSchema,
    since: describe(
      z.iso.datetime(),
      'Since when the verdict holds, as the hourly checks saw it (the time of reading, if it changed since the last check)',
    ),
    history: describe(
      z.array(z.object({ quarter: z.string(), verdict: VerdictSchema, figure: FigureSchema, final: z.boolean() })),
      'The verdict quarter by quarter, newest first: at the last hourly check in the quarter; final once the quarter ended',
    ),
  }),
  { id: 'ScorecardPromise' },
);

export const ScorecardSchema = meta(
  z.object({
    quarter: z.string(),
    readAt: z.iso.datetime(),
    checkedAt: describe(z.nullable(z.iso.datetime()), 'The last hourly check; null before the first'),
    promises: z.array(ScorecardPromiseSchema),
  }),
  { id: 'Scorecard' },
);
