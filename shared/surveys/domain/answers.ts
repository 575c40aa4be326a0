import { showsNothing, UNPRINTABLE } from '#shared/text.ts';
import { isScored, scales, TEXT_MAX_DEFAULT, type AnswerError, type SurveyDefinition } from '#shared/surveys/domain/definitions.ts';

/** Answers to a survey, by question id: checked against the definition version they respond to. */

type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

/** Answers that do not fit the definition (answered 400 with each offending path). */
export class InvalidAnswersError extends Error {
  override name = 'InvalidAnswersError';
  constructor(readonly errors: AnswerError[]) {
    super('The answers do not fit the survey');
  }
}

/**
 * Checks answers against the definition they respond to. Unknown question ids, missing required
 * answers, out-of-range scores and unknown options are all reported, each at its path.
 * Returns the answers normalised (texts trimmed).
 */
export const checkAnswers = (definition: Pick<SurveyDefinition, 'questions'>, answers: Answers): Answers => {
  const errors: AnswerError[] = [];
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const out: Answers = {};
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) errors.push({ path: `answers.${id}`, message: 'No such question in this survey' });
  }
  for (const question of definition.questions) {
    const path = `answers.${question.id}`;
    const value = answers[question.id];
    if (value === undefined) {
      if (question.required) errors.push({ path, message: 'Required' });
      continue;
    }
    if (isScored(question.type)) {
      const [low, high] = scales[question.type];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
        errors.push({ path, message: `Must be a whole number from ${low} to ${high}` });
      } else out[question.id] = value;
    } else if (question.type === 'choice') {
      if (typeof value !== 'string' || !question.options?.includes(value)) {
        errors.push({ path, message: `Must be one of ${question.options?.join(', ')}` });
      } else out[question.id] = value;
    } else {
      const max = question.maxLength ?? TEXT_MAX_DEFAULT;
      const text = typeof value === 'string' ? value.trim() : undefined;
      if (text === undefined || text === '' || showsNothing(text)) errors.push({ path, message: 'Must be a non-empty text' });
      else if (text.length > max) errors.push({ path, message: `Must be at most ${max} characters` });
      else if (UNPRINTABLE.test(text)) errors.push({ path, message: 'Must not contain control characters' });
      else out[question.id] = text;
    }
  }
  if (errors.length > 0) throw new InvalidAnswersError(errors);
  return out;
};

/** Free-text answers are personal data: they are split off and stored encrypted. */
export const splitAnswers = (definition: Pick<SurveyDefinition, 'questions'>, answers: Answers) => {
  const textIds = new Set(definition.questions.filter((q) => q.type === 'text').map((q) => q.id));
  const scored: Answers = {};
  const texts: Record<string, string> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (textIds.has(id)) texts[id] = String(value);
    else scored[id] = value;
  }
  return { scored, texts };
};

export const sameAnswers = (a: Answers, b: Answers): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};
