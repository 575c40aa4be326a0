import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localPseudonymizer } from '#shared/crypto/pseudonym.ts';
import { checkAnswers, InvalidAnswersError } from '#shared/surveys/domain/answers.ts';
import { newCampaign } from '#shared/surveys/domain/campaigns.ts';
import { responseCounters } from '#shared/surveys/domain/counters.ts';
import { builtInDefinitions, checkDefinition, InvalidDefinitionError, type Question } from '#shared/surveys/domain/definitions.ts';
import { newInvitation, type Invitation } from '#shared/surveys/domain/invitations.ts';
import { surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { decideResponse, SurveyConflictError } from '#shared/surveys/domain/responses.ts';
import { isSampled, samplingDraw, uniformFromPseudonym } from '#shared/surveys/domain/sampling.ts';

const HOUR_MS = 3_600_000;
const monthly = builtInDefinitions.monthly;
const postResolution = builtInDefinitions['post-resolution'];

const errorsOf = (act: () => unknown): Array<{ path: string; message: string }> => {
  try {
    act();
  } catch (error) {
    if (error instanceof InvalidAnswersError || error instanceof InvalidDefinitionError) return error.errors;
    throw error;
  }
  throw new Error('expected the answers or definition to be refused');
};

describe('answers are checked against the definition they respond to', () => {
  it('accepts answers in range and trims free text', () => {
    expect(checkAnswers(monthly, { satisfaction: 5, recommend: 0, focus: 'safety', comment: '  Fine.  ' })).toEqual({
      satisfaction: 5,
      recommend: 0,
      focus: 'safety',
      comment: 'Fine.',
    });
  });

  it.each([
    [{ satisfaction: 6 }, 'answers.satisfaction', 'Must be a whole number from 1 to 5'],
    [{ satisfaction: 0 }, 'answers.satisfaction', 'Must be a whole number from 1 to 5'],
    [{ satisfaction: 4.5 }, 'answers.satisfaction', 'Must be a whole number from 1 to 5'],
    [{ satisfaction: '5' }, 'answers.satisfaction', 'Must be a whole number from 1 to 5'],
    [{ satisfaction: 5, recommend: 11 }, 'answers.recommend', 'Must be a whole number from 0 to 10'],
    [{ satisfaction: 5, recommend: -1 }, 'answers.recommend', 'Must be a whole number from 0 to 10'],
    [{ satisfaction: 5, focus: 'price' }, 'answers.focus', 'Must be one of safety, reliability, support, transparency, other'],
    [{ satisfaction: 5, comment: '   ' }, 'answers.comment', 'Must be a non-empty text'],
    [{ satisfaction: 5, comment: 'x'.repeat(1001) }, 'answers.comment', 'Must be at most 1000 characters'],
    [{ satisfaction: 5, comment: 'bad\u001b[31m' }, 'answers.comment', 'Must not contain control characters'],
    [{ satisfaction: 5, comment: '\u200B\u200B' }, 'answers.comment', 'Must be a non-empty text'],
    [{ satisfaction: 5, mood: 3 }, 'answers.mood', 'No such question in this survey'],
    [{ recommend: 9 }, 'answers.satisfaction', 'Required'],
  ])('refuses %j at %s', (answers, path, message) => {
    expect(errorsOf(() => checkAnswers(monthly, answers as never))).toContainEqual({ path, message });
  });

  it('checks CES on its 1-7 scale', () => {
    expect(errorsOf(() => checkAnswers(postResolution, { satisfaction: 4, effort: 8 }))).toEqual([
      { path: 'answers.effort', message: 'Must be a whole number from 1 to 7' },
    ]);
    expect(checkAnswers(postResolution, { satisfaction: 4, effort: 7 })).toEqual({ satisfaction: 4, effort: 7 });
  });

  it('reports every offending answer at once', () => {
    expect(errorsOf(() => checkAnswers(monthly, { satisfaction: 9, recommend: 99 }))).toHaveLength(2);
  });
});

describe('definitions follow the rules that keep the figures comparable', () => {
  const csatQ: Question = { id: 'satisfaction', type: 'csat', prompt: 'How satisfied?', required: true };

  it('accepts the built-in definitions', () => {
    expect(() => checkDefinition(monthly.questions)).not.toThrow();
    expect(() => checkDefinition(postResolution.questions)).not.toThrow();
  });

  it.each([
    [[], 'questions', 'Must hold exactly one csat question'],
    [[csatQ, { ...csatQ, id: 'again' }], 'questions', 'Must hold exactly one csat question'],
    [[csatQ, { id: 'a', type: 'nps', prompt: 'p', required: false }, { id: 'b', type: 'nps', prompt: 'p', required: false }], 'questions', 'Must hold at most one nps question'],
    [[csatQ, { id: 'satisfaction', type: 'text', prompt: 'p', required: false }], 'questions.1.id', 'Duplicate question id satisfaction'],
    [[csatQ, { id: 'pick', type: 'choice', prompt: 'p', required: false, options: ['one'] }], 'questions.1.options', 'A choice question needs at least 2 options'],
    [[csatQ, { id: 'n', type: 'nps', prompt: 'p', required: false, options: ['a', 'b'] }], 'questions.1.options', 'Only choice questions have options'],
    [[{ ...csatQ, required: false }], 'questions.0.required', 'The csat question is always required'],
  ] as Array<[Question[], string, string]>)('refuses %j', (questions, path, message) => {
    expect(errorsOf(() => checkDefinition(questions))).toContainEqual({ path, message });
  });
});

describe('responses: first answer, repeat, edit, refusal', () => {
  const opened = new Date('2026-11-01T00:10:00.000Z');
  const campaign = newCampaign('monthly', '2026-11', 1, surveyPolicy, opened);
  const invited = newInvitation(campaign, 'ada', new Date('2026-11-03T10:00:00.000Z'), surveyPolicy);
  const answered = (at: string, scored: Invitation['scored']): Invitation => ({ ...invited, status: 'responded', revision: 1, respondedAt: at, scored });

  it('opens the monthly campaign for the calendar month, at the designed sampling rate', () => {
    expect(campaign).toMatchObject({ id: '2026-11-monthly', status: 'open', closesAt: '2026-12-01T00:00:00.000Z' });
    expect(campaign.samplingRate).toBeCloseTo(0.0642, 4);
    expect(invited.expiresAt).toBe('2026-12-01T00:00:00.000Z');
  });

  it('counts a first answer: its scores, its choice, whether it has a comment', () => {
    // Act
    const decision = decideResponse({
      invitation: invited,
      campaign,
      definition: monthly,
      answers: { satisfaction: 4, recommend: 9, focus: 'support', comment: 'ok' },
      now: new Date('2026-11-03T11:00:00.000Z'),
      policy: surveyPolicy,
    });

    // Assess
    expect(decision).toEqual({
      outcome: 'created',
      counters: {
        'monthly#responses': 1,
        'monthly#csat#4': 1,
        'monthly#nps#9': 1,
        'monthly#choice#focus#support': 1,
        'monthly#comments': 1,
      },
    });
  });

  it('changes nothing when the same answer comes again, even after the survey closed', () => {
    const decision = decideResponse({
      invitation: answered('2026-11-03T11:00:00.000Z', { satisfaction: 4 }),
      campaign,
      definition: monthly,
      answers: { satisfaction: 4 },
      previous: { satisfaction: 4 },
      now: new Date('2026-12-05T00:00:00.000Z'),
      policy: surveyPolicy,
    });
    expect(decision).toEqual({ outcome: 'unchanged' });
  });

  it('moves the counters from the old answer to the new one within the edit window', () => {
    const decision = decideResponse({
      invitation: answered('2026-11-03T11:00:00.000Z', { satisfaction: 2, recommend: 3 }),
      campaign,
      definition: monthly,
      answers: { satisfaction: 5, recommend: 3 },
      previous: { satisfaction: 2, recommend: 3 },
      now: new Date(Date.parse('2026-11-03T11:00:00.000Z') + 23 * HOUR_MS),
      policy: surveyPolicy,
    });
    expect(decision).toEqual({ outcome: 'revised', counters: { 'monthly#csat#2': -1, 'monthly#csat#5': 1 } });
  });

  it('refuses a different answer after the edit window', () => {
    const act = () =>
      decideResponse({
        invitation: answered('2026-11-03T11:00:00.000Z', { satisfaction: 2 }),
        campaign,
        definition: monthly,
        answers: { satisfaction: 5 },
        previous: { satisfaction: 2 },
        now: new Date(Date.parse('2026-11-03T11:00:00.000Z') + 24 * HOUR_MS),
        policy: surveyPolicy,
      });
    expect(act).toThrow(expect.objectContaining({ reason: 'response-final' }));
  });

  it.each([
    ['after the month ended', campaign, new Date('2026-12-01T00:00:00.000Z')],
    ['once the campaign is closed', { ...campaign, status: 'closed' as const }, new Date('2026-11-20T00:00:00.000Z')],
  ])('refuses a first answer %s', (_, state, now) => {
    const act = () => decideResponse({ invitation: invited, campaign: state, definition: monthly, answers: { satisfaction: 5 }, now, policy: surveyPolicy });
    expect(act).toThrow(SurveyConflictError);
    expect(act).toThrow(expect.objectContaining({ reason: 'survey-closed' }));
  });

  it('breaks post-resolution CSAT down by channel and category', () => {
    const prCampaign = newCampaign('post-resolution', '2026-11', 1, surveyPolicy, opened);
    const invitation = newInvitation(prCampaign, 'ada', new Date('2026-11-30T20:00:00.000Z'), surveyPolicy, {
      complaint: { id: 'cmp_01JD0000000000000000000000', channel: 'app', category: 'billing' },
    });

    // Act
    const counters = responseCounters(invitation, postResolution, { satisfaction: 3, effort: 6 });

    // Assess: a 14-day window even for a resolution on the month's last evening.
    expect(invitation.expiresAt).toBe('2026-12-14T20:00:00.000Z');
    expect(counters).toEqual({
      'post-resolution#responses': 1,
      'post-resolution#csat#3': 1,
      'post-resolution#ces#6': 1,
      'post-resolution#channel#app#n': 1,
      'post-resolution#channel#app#satisfied': 0,
      'post-resolution#category#billing#n': 1,
      'post-resolution#category#billing#satisfied': 0,
    });
  });
});

describe('sampling by a keyed hash', () => {
  const pseudonyms = localPseudonymizer(randomBytes(32));

  it('draws numbers uniform in [0, 1): 10,000 users at rate 0.2 give about 2,000 invitations', async () => {
    // Act
    const draws = await Promise.all(Array.from({ length: 10_000 }, (_, i) => samplingDraw(pseudonyms, '2026-11-monthly', `user-${i}`)));
    const sampled = draws.filter((d) => isSampled(d, 0.2)).length;

    // Assess: binomial sd = sqrt(10000 × 0.2 × 0.8) = 40; allow 4 sd.
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.abs(sampled - 2000)).toBeLessThan(160);
  });

  it('gives a user the same draw however often they ask, and a fresh one in each campaign', async () => {
    const first = await samplingDraw(pseudonyms, '2026-11-monthly', 'ada');
    expect(await samplingDraw(pseudonyms, '2026-11-monthly', 'ada')).toBe(first);
    expect(await samplingDraw(pseudonyms, '2026-12-monthly', 'ada')).not.toBe(first);
  });

  it('cannot be predicted without the key', async () => {
    const other = localPseudonymizer(randomBytes(32));
    expect(await samplingDraw(other, '2026-11-monthly', 'ada')).not.toBe(await samplingDraw(pseudonyms, '2026-11-monthly', 'ada'));
  });

  it('reads the first 48 bits of the MAC', () => {
    expect(uniformFromPseudonym(Buffer.from([0x80, 0, 0, 0, 0, 0, 0xff]).toString('base64url'))).toBe(0.5);
    expect(() => uniformFromPseudonym('AAA')).toThrow();
  });
});
