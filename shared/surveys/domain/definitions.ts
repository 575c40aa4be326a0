/**
 * Survey definitions, pure. A definition is a versioned list of questions of known types; a
 * campaign pins the version it asks, and each answer is checked against that version (answers.ts).
 * The headline figures are per question type (one CSAT question, at most one NPS and one CES per
 * definition), so versions can reword questions without breaking the month-on-month trend.
 */

export const surveyKinds = ['monthly', 'post-resolution'] as const;
export type SurveyKind = (typeof surveyKinds)[number];

export const questionTypes = ['csat', 'nps', 'ces', 'choice', 'text'] as const;
export type QuestionType = (typeof questionTypes)[number];

/** The scale of each scored type, inclusive. */
export const scales = { csat: [1, 5], nps: [0, 10], ces: [1, 7] } as const satisfies Record<string, readonly [number, number]>;
export type ScoredType = keyof typeof scales;
export const isScored = (type: QuestionType): type is ScoredType => type in scales;

export interface Question {
  id: string;
  type: QuestionType;
  prompt: string;
  required: boolean;
  /** Choice questions: the option ids, in display order. */
  options?: string[];
  /** Text questions: the longest answer accepted. */
  maxLength?: number;
}

export interface SurveyDefinition {
  kind: SurveyKind;
  version: number;
  title: string;
  questions: Question[];
  createdAt: string;
  createdBy: string;
}

export interface AnswerError {
  /** Dotted path inside the request body, e.g. `answers.satisfaction`. */
  path: string;
  message: string;
}

/** A definition that breaks the rules below (answered 400 with each offending path). */
export class InvalidDefinitionError extends Error {
  override name = 'InvalidDefinitionError';
  constructor(readonly errors: AnswerError[]) {
    super('The survey definition is not valid');
  }
}

export const TEXT_MAX_DEFAULT = 1000;

/**
 * Rules a definition must follow: exactly one CSAT question (the headline, always required),
 * at most one NPS and one CES question, options on choice questions only.
 */
export const checkDefinition = (questions: readonly Question[]): void => {
  const errors: AnswerError[] = [];
  const count = (type: QuestionType) => questions.filter((q) => q.type === type).length;
  if (count('csat') !== 1) errors.push({ path: 'questions', message: 'Must hold exactly one csat question' });
  for (const type of ['nps', 'ces'] as const) {
    if (count(type) > 1) errors.push({ path: 'questions', message: `Must hold at most one ${type} question` });
  }
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) errors.push({ path: `questions.${i}.id`, message: `Duplicate question id ${q.id}` });
    seen.add(q.id);
    if (q.type === 'choice' && (q.options?.length ?? 0) < 2) {
      errors.push({ path: `questions.${i}.options`, message: 'A choice question needs at least 2 options' });
    }
    if (q.type !== 'choice' && q.options !== undefined) {
      errors.push({ path: `questions.${i}.options`, message: 'Only choice questions have options' });
    }
    if (q.type !== 'text' && q.maxLength !== undefined) {
      errors.push({ path: `questions.${i}.maxLength`, message: 'Only text questions have a maxLength' });
    }
    if (q.type === 'csat' && !q.required) errors.push({ path: `questions.${i}.required`, message: 'The csat question is always required' });
  });
  if (errors.length > 0) throw new InvalidDefinitionError(errors);
};

/** The built-in version 1 of each kind: in force until staff create a version of their own. */
export const builtInDefinitions: Record<SurveyKind, SurveyDefinition> = {
  monthly: {
    kind: 'monthly',
    version: 1,
    title: 'How are we doing?',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'system',
    questions: [
      { id: 'satisfaction', type: 'csat', prompt: 'Overall, how satisfied are you with the platform this month?', required: true },
      { id: 'recommend', type: 'nps', prompt: 'How likely are you to recommend the platform to a friend?', required: false },
      {
        id: 'focus',
        type: 'choice',
        prompt: 'What should we improve first?',
        required: false,
        options: ['safety', 'reliability', 'support', 'transparency', 'other'],
      },
      { id: 'comment', type: 'text', prompt: 'Anything else you want to tell us?', required: false, maxLength: TEXT_MAX_DEFAULT },
    ],
  },
  'post-resolution': {
    kind: 'post-resolution',
    version: 1,
    title: 'How did we handle your complaint?',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'system',
    questions: [
      { id: 'satisfaction', type: 'csat', prompt: 'How satisfied are you with how your complaint was handled?', required: true },
      { id: 'effort', type: 'ces', prompt: 'How easy was it to get your complaint resolved? (1 very hard, 7 very easy)', required: false },
      { id: 'comment', type: 'text', prompt: 'What could we have done better?', required: false, maxLength: TEXT_MAX_DEFAULT },
    ],
  },
};
