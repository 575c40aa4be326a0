import { describe, expect, it } from 'vitest';
import { designedResponses, monthlySamplingRate, surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { ces, csat, nps, sampleSize, samplingRate, targetVerdict, wilsonInterval } from '#shared/surveys/domain/statistics.ts';

describe('Wilson score interval, against the published examples', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857-872, Table II, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives %f to %f', (successes, n, lower, upper) => {
    // Act
    const interval = wilsonInterval(successes, n)!;

    // Assess
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it('stays inside [0, 1] when every answer is a success, unlike the normal approximation', () => {
    // Act
    const interval = wilsonInterval(29, 29)!;

    // Assess
    expect(interval.upper).toBe(1);
    expect(interval.lower).toBeCloseTo(0.883, 3);
  });

  it('has nothing to say without answers, and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});

describe('CSAT, NPS and CES, against worked examples', () => {
  it('CSAT is the share of 4 and 5: 90 of 100 answers of 4 or 5 is 90%', () => {
    // Prepare: 2 ones, 3 twos, 5 threes, 40 fours, 50 fives.
    const counts = { 1: 2, 2: 3, 3: 5, 4: 40, 5: 50 };

    // Act
    const figures = csat(counts);

    // Assess
    expect(figures).toMatchObject({ n: 100, satisfied: 90, score: 0.9 });
    // Wilson 95% for 90/100: 0.8256 to 0.9448 (z = 1.96).
    expect(figures.wilson95!.lower).toBeCloseTo(0.8256, 4);
    expect(figures.wilson95!.upper).toBeCloseTo(0.9448, 4);
  });

  it('NPS is promoters minus detractors in points: 70 promoters, 20 passives, 10 detractors is +60', () => {
    // Prepare
    const counts = { 10: 40, 9: 30, 8: 12, 7: 8, 6: 5, 3: 4, 0: 1 };

    // Act
    const figures = nps(counts);

    // Assess
    expect(figures).toEqual({ n: 100, promoters: 70, passives: 20, detractors: 10, score: 60 });
  });

  it('NPS can be negative: 1 promoter and 3 detractors of 4 is -50', () => {
    expect(nps({ 10: 1, 0: 1, 5: 1, 6: 1 }).score).toBe(-50);
  });

  it('CES is the mean effort score: 7, 6, 6 and 1 give 5', () => {
    expect(ces({ 7: 1, 6: 2, 1: 1 })).toEqual({ n: 4, mean: 5 });
  });

  it('reports nothing rather than zero when there are no answers', () => {
    expect(csat({})).toEqual({ n: 0, satisfied: 0, score: null, wilson95: null });
    expect(nps({}).score).toBeNull();
    expect(ces({}).mean).toBeNull();
  });
});

describe('sample sizes for a proportion near 90% at 95% confidence', () => {
  // n = ⌈1.96² × 0.9 × 0.1 / m²⌉: 138.3 → 139, 384.2 → 385, 864.4 → 865.
  it.each([
    [0.05, 139],
    [0.03, 385],
    [0.02, 865],
  ])('±%f needs %i responses', (margin, n) => {
    expect(sampleSize(0.9, margin)).toBe(n);
    expect(sampleSize(0.9, margin, 1.96)).toBe(n);
  });

  it('the worst case p = 0.5 at ±5 points needs the textbook 385', () => {
    expect(sampleSize(0.5, 0.05)).toBe(385);
  });

  it('the policy designs the month for ±3 points and samples active users at the rate that reaches it', () => {
    // Act
    const rate = monthlySamplingRate(surveyPolicy);

    // Assess: 385 responses / 30% response rate / 20,000 active users.
    expect(designedResponses(surveyPolicy)).toBe(385);
    expect(rate).toBeCloseTo(385 / 0.3 / 20_000, 10);
    expect(samplingRate({ responsesNeeded: 385, expectedResponseRate: 0.3, expectedActiveUsers: 500 })).toBe(1);
  });
});

describe('the target rule, stated in advance', () => {
  const pointRule = { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 100 };
  const boundRule = { rule: 'lowerBoundAtLeast' as const, threshold: 0.9, minimumResponses: 100 };

  it('is "not enough responses" below the minimum n, whatever the estimate', () => {
    expect(targetVerdict(pointRule, csat({ 5: 99 }))).toBe('not-enough-responses');
  });

  it('on the point estimate: 90 of 100 is met, 89 of 100 is not', () => {
    expect(targetVerdict(pointRule, csat({ 5: 90, 1: 10 }))).toBe('met');
    expect(targetVerdict(pointRule, csat({ 5: 89, 1: 11 }))).toBe('not-met');
  });

  it('on the lower bound: 90 of 100 is not met (lower bound 82.6%), 385 of 400 is (93.7%)', () => {
    expect(targetVerdict(boundRule, csat({ 5: 90, 1: 10 }))).toBe('not-met');
    expect(wilsonInterval(385, 400)!.lower).toBeGreaterThan(0.9);
    expect(targetVerdict(boundRule, csat({ 5: 385, 1: 15 }))).toBe('met');
  });
});

describe('wilsonInterval at the edges', () => {
  const sizes = Array.from({ length: 1000 }, (_, i) => i + 1);

  it('reports a lower bound of exactly 0 when no answer is satisfied, for every n from 1 to 1,000', () => {
    // Act
    const lowers = sizes.filter((n) => wilsonInterval(0, n)?.lower !== 0);

    // Assess
    expect(lowers).toEqual([]);
  });

  it('reports an upper bound of exactly 1 when every answer is satisfied, for every n from 1 to 1,000', () => {
    // Act
    const uppers = sizes.filter((n) => wilsonInterval(n, n)?.upper !== 1);

    // Assess
    expect(uppers).toEqual([]);
  });

  it('brackets its score for every count of satisfied answers up to n = 200', () => {
    // Act
    const outside = sizes.slice(0, 200).flatMap((n) =>
      Array.from({ length: n + 1 }, (_, k) => k).filter((k) => {
        const interval = wilsonInterval(k, n);
        return !interval || interval.lower > k / n || interval.upper < k / n;
      }),
    );

    // Assess
    expect(outside).toEqual([]);
  });
});
