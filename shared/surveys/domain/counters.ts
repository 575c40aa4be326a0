import type { Answers } from '#shared/surveys/domain/answers.ts';
import { isScored, type SurveyDefinition, type SurveyKind } from '#shared/surveys/domain/definitions.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';

/**
 * What sampling and responses add to their month's figures, as counters prefixed by the survey
 * kind: the results are computed from these (results.ts), never from the responses themselves.
 */

/** Named counts, added to the figures of a period (`monthly#csat#5: 1`). */
export type Counters = Record<string, number>;

/**
 * What one response adds: the score of each scored question, the option of each choice question,
 * the CSAT by channel and category (post-resolution), and whether a comment was left (never its text).
 */
export const responseCounters = (
  invitation: Pick<Invitation, 'kind' | 'channel' | 'category'>,
  definition: Pick<SurveyDefinition, 'questions'>,
  answers: Answers,
): Counters => {
  const k = invitation.kind;
  const counters: Counters = { [`${k}#responses`]: 1 };
  for (const question of definition.questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (isScored(question.type)) counters[`${k}#${question.type}#${value}`] = 1;
    else if (question.type === 'choice') counters[`${k}#choice#${question.id}#${value}`] = 1;
    else counters[`${k}#comments`] = 1;
    if (question.type === 'csat' && typeof value === 'number') {
      const satisfied = value >= 4 ? 1 : 0;
      for (const [dimension, key] of [['channel', invitation.channel], ['category', invitation.category]] as const) {
        if (!key) continue;
        counters[`${k}#${dimension}#${key}#n`] = 1;
        counters[`${k}#${dimension}#${key}#satisfied`] = satisfied;
      }
    }
  }
  return counters;
};

/** `after - before`, without the zeros: what an edited response moves. */
export const counterDiff = (before: Counters, after: Counters): Counters => {
  const out: Counters = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[key] ?? 0) - (before[key] ?? 0);
    if (delta !== 0) out[key] = delta;
  }
  return out;
};

/** Counters kept about the sampling itself, beside the responses. */
export const samplingCounters = (kind: SurveyKind, invited: boolean, firstSeen: boolean): Counters => ({
  ...(firstSeen && { [`${kind}#active`]: 1 }),
  ...(invited && { [`${kind}#invited`]: 1 }),
});
