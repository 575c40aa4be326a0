import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { printableText } from '#shared/http/text.ts';
import { CAMPAIGN_ID } from '#shared/surveys/domain/campaigns.ts';
import { questionTypes, surveyKinds, TEXT_MAX_DEFAULT } from '#shared/surveys/domain/definitions.ts';
import { INVITATION_ID } from '#shared/surveys/domain/invitations.ts';
import { isMonth } from '#shared/surveys/domain/months.ts';

/** The surveys API's contract: validation, types and the OpenAPI document come from these schemas. */

const isoTime = z.iso.datetime();
/** Titles and prompts: printable text on one line (no tabs or line breaks either). */
const printable = (max: number) => printableText(max, { singleLine: true });
const SLUG = /^[a-z][a-z0-9_]{0,31}$/;
const slug = z.string().check(z.regex(SLUG, 'Must be 1 to 32 characters of a-z, 0-9 and _, starting with a letter'));

const SurveyKindSchema = z.enum(surveyKinds);

const QuestionSchema = meta(
  z.strictObject({
    id: describe(slug, 'Stable within a definition; the key of its answer'),
    type: describe(z.enum(questionTypes), 'csat 1-5, nps 0-10, ces 1-7, choice (one of options), text (free text, stored encrypted)'),
    prompt: printable(300),
    required: describe(z._default(z.boolean(), false), 'The csat question is always required'),
    options: describe(z.optional(z.array(slug).check(z.minLength(2), z.maxLength(10))), 'Choice questions only'),
    maxLength: describe(z.optional(z.int().check(z.minimum(1), z.maximum(2000))), `Text questions only (default ${TEXT_MAX_DEFAULT})`),
  }),
  { id: 'SurveyQuestion' },
);

export const CreateDefinitionRequestSchema = meta(
  z.strictObject({
    kind: SurveyKindSchema,
    title: printable(200),
    questions: z.array(QuestionSchema).check(z.minLength(1), z.maxLength(20)),
  }),
  {
    id: 'CreateSurveyDefinitionRequest',
    description: 'A new version of the survey of this kind; campaigns opened from now on ask it',
    example: {
      kind: 'monthly',
      title: 'How are we doing?',
      questions: [
        { id: 'satisfaction', type: 'csat', prompt: 'How satisfied are you with the platform?', required: true },
        { id: 'recommend', type: 'nps', prompt: 'Would you recommend us?' },
        { id: 'comment', type: 'text', prompt: 'Anything else?' },
      ],
    },
  },
);

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

export const DefinitionPathSchema = z.strictObject({ kind: SurveyKindSchema });
export const DefinitionQuerySchema = z.strictObject({
  version: describe(
    z.optional(z.pipe(z.string().check(z.regex(/^[1-9]\d{0,5}$/, 'Must be a version number')), z.transform(Number))),
    'A version (default: the current one)',
  ),
});

export const CampaignPathSchema = z.strictObject({
  id: z.string().check(z.regex(CAMPAIGN_ID, 'Must be a campaign id such as 2026-11-monthly')),
});

export const CommentsQuerySchema = z.strictObject({
  limit: describe(
    z.optional(z.pipe(z.string().check(z.regex(/^([1-9]|[1-9]\d|100)$/, 'Must be a whole number from 1 to 100')), z.transform(Number))),
    'Page size, 1 to 100 (default 50)',
  ),
  cursor: describe(z.optional(z.string().check(z.minLength(1), z.maxLength(1024))), 'The `nextCursor` of the previous page'),
});

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

export const InvitationPathSchema = z.strictObject({
  id: z.string().check(z.regex(INVITATION_ID, 'Must be a survey id from GET /v1/surveys/current')),
});

const AnswerSchema = z.union([z.number(), z.string().check(z.maxLength(4000))]);
export const ResponseRequestSchema = meta(
  z.strictObject({
    answers: describe(
      z
        .record(z.string().check(z.regex(SLUG, 'Must be a question id')), AnswerSchema)
        .check(z.refine((answers) => Object.keys(answers).length <= 20, 'At most 20 answers')),
      'Question id to answer: a whole number for csat/nps/ces, an option id for choice, a text for text',
    ),
  }),
  { id: 'SurveyResponseRequest', example: { answers: { satisfaction: 5, recommend: 9, comment: 'Quick and kind.' } } },
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

const MonthSchema = z.string().check(z.refine(isMonth, 'Must be a month such as 2026-11'));
export const ResultsQuerySchema = z
  .strictObject({
    kind: z._default(SurveyKindSchema, 'monthly'),
    from: describe(z.optional(MonthSchema), 'First month, e.g. 2026-09 (default: the last one)'),
    to: describe(z.optional(MonthSchema), 'Last month, inclusive (default: the current month)'),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must not be after `to`' });
    }),
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
