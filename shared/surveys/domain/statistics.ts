/**
 * The survey statistics as pure functions of counts, so that every figure the results endpoint
 * reports can be recomputed by hand from the counts it reports beside it.
 *
 * - CSAT: the share of 4 and 5 on a 1-5 scale.
 * - NPS: promoters (9-10) minus detractors (0-6), in points from -100 to 100.
 * - CES: the mean effort score on a 1-7 scale.
 * - Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3): unlike the
 *   normal approximation it stays inside [0, 1] and behaves at small n and near 0 or 1.
 * - Sample size for a proportion within ±margin: n = z² p (1 - p) / margin², rounded up.
 */

/** The two-sided 95% normal quantile (the 0.975 quantile of the standard normal distribution). */
const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** The Wilson score interval of `successes` out of `n`; undefined when there is nothing to estimate. */
export const wilsonInterval = (successes: number, n: number, z: number = Z_95): Interval | undefined => {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || n < 0 || successes > n) {
    throw new RangeError(`Need whole counts with 0 <= successes <= n; got ${successes} of ${n}`);
  }
  if (n === 0) return undefined;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At the edges the bounds are exactly 0 (no success) and 1 (all successes); computed, rounding
  // leaves them a hair off, so an interval of a month at 100% would exclude 100%.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
};

/** Counts by score: `{ 1: 3, 4: 10, 5: 20 }`; missing scores count zero. */
export type ScoreCounts = Partial<Record<number, number>>;

const total = (counts: ScoreCounts, from: number, to: number): number => {
  let sum = 0;
  for (let score = from; score <= to; score += 1) sum += counts[score] ?? 0;
  return sum;
};

export interface CsatFigures {
  n: number;
  /** Answers of 4 or 5. */
  satisfied: number;
  /** satisfied / n; null without answers. */
  score: number | null;
  wilson95: Interval | null;
}

export const csat = (counts: ScoreCounts): CsatFigures => {
  const n = total(counts, 1, 5);
  const satisfied = total(counts, 4, 5);
  return { n, satisfied, score: n === 0 ? null : satisfied / n, wilson95: wilsonInterval(satisfied, n) ?? null };
};

export interface NpsFigures {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** (promoters - detractors) / n × 100, in points from -100 to 100; null without answers. */
  score: number | null;
}

export const nps = (counts: ScoreCounts): NpsFigures => {
  const detractors = total(counts, 0, 6);
  const passives = total(counts, 7, 8);
  const promoters = total(counts, 9, 10);
  const n = detractors + passives + promoters;
  return { n, promoters, passives, detractors, score: n === 0 ? null : ((promoters - detractors) / n) * 100 };
};

export interface CesFigures {
  n: number;
  /** The mean score on 1-7; null without answers. */
  mean: number | null;
}

export const ces = (counts: ScoreCounts): CesFigures => {
  let n = 0;
  let sum = 0;
  for (let score = 1; score <= 7; score += 1) {
    n += counts[score] ?? 0;
    sum += score * (counts[score] ?? 0);
  }
  return { n, mean: n === 0 ? null : sum / n };
};

/**
 * Responses needed to estimate a proportion near `expected` within ±`margin` at the confidence
 * of `z` (simple random sample, large population): ⌈z² p (1 - p) / margin²⌉.
 */
export const sampleSize = (expected: number, margin: number, z: number = Z_95): number => {
  if (!(expected > 0 && expected < 1) || !(margin > 0 && margin < 1)) {
    throw new RangeError('expected and margin must lie strictly between 0 and 1');
  }
  // Rounded to 9 places first, so that float noise (384.0000000001) does not add a response.
  return Math.ceil(Number(((z * z * expected * (1 - expected)) / (margin * margin)).toFixed(9)));
};

/**
 * The share of active users to invite so that, at the expected response rate, the month's
 * responses reach `responsesNeeded`: responsesNeeded / responseRate / activeUsers, at most 1.
 */
export const samplingRate = (options: { responsesNeeded: number; expectedResponseRate: number; expectedActiveUsers: number }): number => {
  const { responsesNeeded, expectedResponseRate, expectedActiveUsers } = options;
  if (!(expectedResponseRate > 0 && expectedResponseRate <= 1) || !(expectedActiveUsers > 0) || !(responsesNeeded > 0)) {
    throw new RangeError('Need a positive response rate (at most 1), active population and sample size');
  }
  return Math.min(1, responsesNeeded / expectedResponseRate / expectedActiveUsers);
};

/** The rule for "target met", stated before the month starts (AAPOR: report the rule, not a post-hoc reading). */
export interface TargetRule {
  /** `pointEstimateAtLeast`: CSAT ≥ threshold; `lowerBoundAtLeast`: the Wilson 95% lower bound ≥ threshold. */
  rule: 'pointEstimateAtLeast' | 'lowerBoundAtLeast';
  threshold: number;
  /** Fewer CSAT answers than this: "not enough responses", whatever the estimate. */
  minimumResponses: number;
}

export type TargetVerdict = 'met' | 'not-met' | 'not-enough-responses';

export const targetVerdict = (rule: TargetRule, figures: CsatFigures): TargetVerdict => {
  if (figures.n < rule.minimumResponses || figures.score === null || figures.wilson95 === null) return 'not-enough-responses';
  const value = rule.rule === 'pointEstimateAtLeast' ? figures.score : figures.wilson95.lower;
  return value >= rule.threshold ? 'met' : 'not-met';
};
