import * as z from 'zod';
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
const slug = z.string().regex(SLUG, 'Must be 1 to 32 characters of a-z, 0-9 and _, starting with a letter');

const SurveyKindSchema = z.enum(surveyKinds);

const QuestionSchema = z
  .strictObject({
    id: slug.describe('Stable within a definition; the key of its answer'),
    type: z.enum(questionTypes).describe('csat 1-5, nps 0-10, ces 1-7, choice (one of options), text (free text, stored encrypted)'),
    prompt: printable(300),
    required: z.boolean().default(false).describe('The csat question is always required'),
    options: z.array(slug).min(2).max(10).optional().describe('Choice questions only'),
    maxLength: z.number().int().min(1).max(2000).optional().describe(`Text questions only (default ${TEXT_MAX_DEFAULT})`),
  })
  .meta({ id: 'SurveyQuestion' });

export const CreateDefinitionRequestSchema = z
  .strictObject({
    kind: SurveyKindSchema,
    title: printable(200),
    questions: z.array(QuestionSchema).min(1).max(20),
  })
  .meta({
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
  });

export const SurveyDefinitionSchema = z
  .object({
    kind: SurveyKindSchema,
    version: z.number().int(),
    title: z.string(),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.enum(questionTypes),
        prompt: z.string(),
        required: z.boolean(),
        options: z.array(z.string()).optional(),
        maxLength: z.number().int().optional(),
      }),
    ),
    createdAt: isoTime,
    createdBy: z.string().optional().describe('Staff only'),
  })
  .meta({ id: 'SurveyDefinition' });

export const DefinitionPathSchema = z.strictObject({ kind: SurveyKindSchema });
export const DefinitionQuerySchema = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'Must be a version number')
    .transform(Number)
    .optional()
    .describe('A version (default: the current one)'),
});

export const CampaignPathSchema = z.strictObject({
  id: z.string().regex(CAMPAIGN_ID, 'Must be a campaign id such as 2026-11-monthly'),
});

export const CommentsQuerySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^([1-9]|[1-9]\d|100)$/, 'Must be a whole number from 1 to 100')
    .transform(Number)
    .optional()
    .describe('Page size, 1 to 100 (default 50)'),
  cursor: z.string().min(1).max(1024).optional().describe('The `nextCursor` of the previous page'),
});

export const CommentPageSchema = z
  .object({
    campaignId: z.string(),
    items: z.array(
      z.object({
        respondedAt: z.string(),
        definitionVersion: z.number(),
        channel: z.string().optional(),
        category: z.string().optional(),
        answers: z.record(z.string(), z.string()).describe('Question id to the free text given'),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SurveyCommentPage' });

export const InvitationPathSchema = z.strictObject({
  id: z.string().regex(INVITATION_ID, 'Must be a survey id from GET /v1/surveys/current'),
});

const AnswerSchema = z.union([z.number(), z.string().max(4000)]);
export const ResponseRequestSchema = z
  .strictObject({
    answers: z
      .record(z.string().regex(SLUG, 'Must be a question id'), AnswerSchema)
      .refine((answers) => Object.keys(answers).length <= 20, 'At most 20 answers')
      .describe('Question id to answer: a whole number for csat/nps/ces, an option id for choice, a text for text'),
  })
  .meta({ id: 'SurveyResponseRequest', example: { answers: { satisfaction: 5, recommend: 9, comment: 'Quick and kind.' } } });

const SurveyInvitationSchema = z
  .object({
    id: z.string().describe('The survey to answer: PUT /v1/surveys/{id}/response'),
    kind: SurveyKindSchema,
    campaignId: z.string(),
    status: z.enum(['invited', 'responded']),
    invitedAt: isoTime,
    expiresAt: isoTime.describe('Answers are accepted until then'),
    complaintId: z.string().optional().describe('Post-resolution surveys: the complaint they are about'),
    respondedAt: isoTime.optional(),
    editableUntil: isoTime.optional().describe('After answering: the answers can be changed until then'),
    answers: z.record(z.string(), AnswerSchema).optional().describe("The caller's own answers"),
    definition: SurveyDefinitionSchema,
  })
  .meta({ id: 'SurveyInvitation' });

export const CurrentSurveysSchema = z
  .object({
    open: z.boolean().describe('Whether the caller has a survey to answer now'),
    surveys: z.array(SurveyInvitationSchema).describe('Surveys the caller was invited to that have not expired'),
  })
  .meta({ id: 'CurrentSurveys' });

const MonthSchema = z.string().refine(isMonth, 'Must be a month such as 2026-11');
export const ResultsQuerySchema = z
  .strictObject({
    kind: SurveyKindSchema.default('monthly'),
    from: MonthSchema.optional().describe('First month, e.g. 2026-09 (default: the last one)'),
    to: MonthSchema.optional().describe('Last month, inclusive (default: the current month)'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must not be after `to`' });
  });

const IntervalSchema = z.object({ lower: z.number(), upper: z.number() }).meta({ id: 'Interval' });
const CsatSchema = z
  .object({
    n: z.number().int(),
    satisfied: z.number().int().describe('Answers of 4 or 5'),
    score: z.number().nullable().describe('satisfied / n'),
    wilson95: IntervalSchema.nullable().describe('95% Wilson score interval of the score'),
  })
  .meta({ id: 'CsatFigures' });
const TargetRuleSchema = z.object({
  rule: z.enum(['pointEstimateAtLeast', 'lowerBoundAtLeast']),
  threshold: z.number(),
  minimumResponses: z.number().int(),
});

const MonthResultsSchema = z
  .object({
    month: z.string(),
    campaignId: z.string(),
    campaign: z
      .object({
        status: z.enum(['open', 'closed']),
        openedAt: isoTime,
        closesAt: isoTime,
        closedAt: isoTime.optional(),
        definitionVersion: z.number().int(),
        samplingRate: z.number(),
      })
      .nullable(),
    sampling: z.object({
      active: z.number().int().nullable().describe('Monthly: distinct users seen while the campaign ran'),
      invited: z.number().int(),
      responses: z.number().int(),
      responseRate: z.number().nullable(),
    }),
    csat: CsatSchema.extend({ distribution: z.record(z.string(), z.number().int()) }),
    nps: z.object({
      n: z.number().int(),
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      score: z.number().nullable().describe('Promoters minus detractors, in points (-100 to 100)'),
    }),
    ces: z.object({ n: z.number().int(), mean: z.number().nullable() }),
    choices: z.record(z.string(), z.record(z.string(), z.number().int())),
    comments: z.number().int().describe('Responses with a free-text comment'),
    byChannel: z.record(z.string(), CsatSchema).describe('Post-resolution: CSAT by the channel of the complaint'),
    byCategory: z.record(z.string(), CsatSchema).describe('Post-resolution: CSAT by complaint category'),
    target: TargetRuleSchema.extend({ verdict: z.enum(['met', 'not-met', 'not-enough-responses']) }),
  })
  .meta({ id: 'SurveyMonthResults' });

export const SurveyResultsSchema = z
  .object({
    kind: SurveyKindSchema,
    from: z.string(),
    to: z.string(),
    months: z.array(MonthResultsSchema).describe('Every month of the range, oldest first'),
    trend: z
      .array(
        z.object({
          month: z.string(),
          n: z.number().int(),
          csat: z.number().nullable(),
          lower: z.number().nullable(),
          upper: z.number().nullable(),
          verdict: z.enum(['met', 'not-met', 'not-enough-responses']),
          change: z.number().nullable().describe('CSAT change from the previous month, in points'),
        }),
      )
      .describe('CSAT month by month'),
  })
  .meta({ id: 'SurveyResults' });

export const ResponseResultSchema = z
  .object({
    outcome: z.enum(['created', 'unchanged', 'revised']),
    survey: SurveyInvitationSchema,
  })
  .meta({ id: 'SurveyResponseResult' });
