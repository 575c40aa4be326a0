import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { granularities } from '#shared/figures/periods.ts';
import { count, countsBy } from '#shared/figures/schemas.ts';
import { actions, appealOutcomes, noticeCategories } from '#shared/moderation/domain/index.ts';

/**
 * The trust-and-safety figures (DSA Art. 15 and 24 headings), per period and over the range: an
 * answer only (the query is FiguresQuerySchema, shared by every context's figures). Its TypeScript
 * types and its part of the OpenAPI document come from these schemas. Nothing parses an answer at
 * run time, so the functions import this module for its types only and never build these schemas.
 */

const share = z.nullable(z.number());

const ModerationPeriodSchema = meta(
  z.object({
    period: z.string(),
    notices: count,
    noticesByCategory: countsBy(noticeCategories),
    noticesBySource: countsBy(['user', 'trusted_flagger', 'anonymous']),
    duplicateNotices: count,
    casesOpened: count,
    medianNoticeToActionMinutes: describe(
      z.nullable(z.number()),
      'From the first notice of a case to the action on it (histogram upper edge)',
    ),
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
      precision: describe(share, 'Flagged items a moderator then acted on / flagged items decided'),
      recall: describe(share, 'Flagged-and-confirmed / (flagged-and-confirmed + approved automatically and later acted on)'),
    }),
    appeals: z.object({ total: count, byAffected: count, byReporter: count, ...Object.fromEntries(appealOutcomes.map((o) => [o, count])), reversals: count }),
    misuse: z.object({ warnings: count, suspensions: count }),
    rewards: z.object({ paid: count, points: count }),
  }),
  { id: 'ModerationPeriodFigures' },
);
export type ModerationPeriod = z.output<typeof ModerationPeriodSchema>;

export const ModerationFiguresSchema = meta(
  z.object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: z.array(ModerationPeriodSchema),
    total: ModerationPeriodSchema,
  }),
  { id: 'ModerationFigures' },
);
