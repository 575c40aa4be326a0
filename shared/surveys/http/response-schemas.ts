import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { questionTypes } from '#shared/surveys/domain/definitions.ts';
import { AnswerSchema, SurveyKindSchema } from '#shared/surveys/http/schemas.ts';

/**
 * The surveys API's answers: their part of the OpenAPI document comes from these schemas. Nothing
 * parses an answer at run time, so the surveys function never imports this module and never
 * builds these schemas (requests are in schemas.ts; the answers' TypeScript types come from the
 * domain and the use cases, not from here).
 */

const isoTime = z.iso.datetime();

export const SurveyDefinitionSchema = meta(
  z.object({
    kind: SurveyKindSchema,
    version: z.int(),
    title: z.string(),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.enum(questionTypes),
        prompt: z.string(),
        required: z.boolean(),
        options: z.optional(z.array(z.string())),
        maxLength: z.optional(z.int()),
      }),
    ),
    createdAt: isoTime,
    createdBy: describe(z.optional(z.string()), 'Staff only'),
  }),
  { id: 'SurveyDefinition' },
);

export const CommentPageSchema = meta(
  z.object({
    campaignId: z.string(),
    items: z.array(
      z.object({
        respondedAt: z.string(),
        definitionVersion: z.number(),
        channel: z.optional(z.string()),
        category: z.optional(z.string()),
        answers: describe(z.record(z.string(), z.string()), 'Question id to the free text given'),
      }),
    ),
    nextCursor: z.nullable(z.string()),
  }),
  { id: 'SurveyCommentPage' },
);

const SurveyInvitationSchema = meta(
  z.object({
    id: describe(z.string(), 'The survey to answer: PUT /v1/surveys/{id}/response'),
    kind: SurveyKindSchema,
    campaignId: z.string(),
    status: z.enum(['invited', 'responded']),
    invitedAt: isoTime,
    expiresAt: describe(isoTime, 'Answers are accepted until then'),
    complaintId: describe(z.optional(z.string()), 'Post-resolution surveys: the complaint they are about'),
    respondedAt: z.optional(isoTime),
    editableUntil: describe(z.optional(isoTime), 'After answering: the answers can be changed until then'),
    answers: describe(z.optional(z.record(z.string(), AnswerSchema)), "The caller's own answers"),
    definition: SurveyDefinitionSchema,
  }),
  { id: 'SurveyInvitation' },
);

export const CurrentSurveysSchema = meta(
  z.object({
    open: describe(z.boolean(), 'Whether the caller has a survey to answer now'),
    surveys: describe(z.array(SurveyInvitationSchema), 'Surveys the caller was invited to that have not expired'),
  }),
  { id: 'CurrentSurveys' },
);

const IntervalSchema = meta(z.object({ lower: z.number(), upper: z.number() }), { id: 'Interval' });
const CsatSchema = meta(
  z.object({
    n: z.int(),
    satisfied: describe(z.int(), 'Answers of 4 or 5'),
    score: describe(z.nullable(z.number()), 'satisfied / n'),
    wilson95: describe(z.nullable(IntervalSchema), '95% Wilson score interval of the score'),
  }),
  { id: 'CsatFigures' },
);
const TargetRuleSchema = z.object({
  rule: z.enum(['pointEstimateAtLeast', 'lowerBoundAtLeast']),
  threshold: z.number(),
  minimumResponses: z.int(),
});

const MonthResultsSchema = meta(
  z.object({
    month: z.string(),
    campaignId: z.string(),
    campaign: z.nullable(
      z.object({
        status: z.enum(['open', 'closed']),
        openedAt: isoTime,
        closesAt: isoTime,
        closedAt: z.optional(isoTime),
        definitionVersion: z.int(),
        samplingRate: z.number(),
      }),
    ),
    sampling: z.object({
      active: describe(z.nullable(z.int()), 'Monthly: distinct users seen while the campaign ran'),
      invited: z.int(),
      responses: z.int(),
      responseRate: z.nullable(z.number()),
    }),
    csat: z.extend(CsatSchema, { distribution: z.record(z.string(), z.int()) }),
    nps: z.object({
      n: z.int(),
      promoters: z.int(),
      passives: z.int(),
      detractors: z.int(),
      score: describe(z.nullable(z.number()), 'Promoters minus detractors, in points (-100 to 100)'),
    }),
    ces: z.object({ n: z.int(), mean: z.nullable(z.number()) }),
    choices: z.record(z.string(), z.record(z.string(), z.int())),
    comments: describe(z.int(), 'Responses with a free-text comment'),
    byChannel: describe(z.record(z.string(), CsatSchema), 'Post-resolution: CSAT by the channel of the complaint'),
    byCategory: describe(z.record(z.string(), CsatSchema), 'Post-resolution: CSAT by complaint category'),
    target: z.extend(TargetRuleSchema, { verdict: z.enum(['met', 'not-met', 'not-enough-responses']) }),
  }),
  { id: 'SurveyMonthResults' },
);

export const SurveyResultsSchema = meta(
  z.object({
    kind: SurveyKindSchema,
    from: z.string(),
    to: z.string(),
    months: describe(z.array(MonthResultsSchema), 'Every month of the range, oldest first'),
    trend: describe(
      z.array(
        z.object({
          month: z.string(),
          n: z.int(),
          csat: z.nullable(z.number()),
          lower: z.nullable(z.number()),
          upper: z.nullable(z.number()),
          verdict: z.enum(['met', 'not-met', 'not-enough-responses']),
          change: describe(z.nullable(z.number()), 'CSAT change from the previous month, in points'),
        }),
      ),
      'CSAT month by month',
    ),
  }),
  { id: 'SurveyResults' },
);

export const ResponseResultSchema = meta(
  z.object({
    outcome: z.enum(['created', 'unchanged', 'revised']),
    survey: SurveyInvitationSchema,
  }),
  { id: 'SurveyResponseResult' },
);
