import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { printableText } from '#shared/http/text.ts';
import { CAMPAIGN_ID } from '#shared/surveys/domain/campaigns.ts';
import { questionTypes, surveyKinds, TEXT_MAX_DEFAULT } from '#shared/surveys/domain/definitions.ts';
import { INVITATION_ID } from '#shared/surveys/domain/invitations.ts';
import { isMonth } from '#shared/surveys/domain/months.ts';

/**
 * The surveys API's requests: their validation and their part of the OpenAPI document come from
 * these schemas. The answers' schemas are in response-schemas.ts, which only the OpenAPI document
 * loads: a schema is built when its module loads, and the function, which never parses an answer,
 * would build them all at every cold start. The survey kind and an answer to one question are in
 * both requests and answers, so they stay here and response-schemas.ts imports them.
 */

/** Titles and prompts: printable text on one line (no tabs or line breaks either). */
const printable = (max: number) => printableText(max, { singleLine: true });
const SLUG = /^[a-z][a-z0-9_]{0,31}$/;
const slug = z.string().check(z.regex(SLUG, 'Must be 1 to 32 characters of a-z, 0-9 and _, starting with a letter'));

export const SurveyKindSchema = z.enum(surveyKinds);

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

export const InvitationPathSchema = z.strictObject({
  id: z.string().check(z.regex(INVITATION_ID, 'Must be a survey id from GET /v1/surveys/current')),
});

export const AnswerSchema = z.union([z.number(), z.string().check(z.maxLength(4000))]);
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

