import { sampleSize, samplingRate, type TargetRule } from '#shared/surveys/domain/statistics.ts';

/**
 * The survey policy, fixed before any month starts and pinned on each campaign when it opens
 * (a change applies from the next campaign, never to one already running).
 *
 * Sampling design of the monthly survey: CSAT is expected near the 90% target, and the month's
 * estimate should be within ±3 points at 95% confidence, which needs
 * n = ⌈1.96² × 0.9 × 0.1 / 0.03²⌉ = 385 responses. With an expected response rate of 30% that
 * is about 1,284 invitations; spread over the expected 20,000 active users a month, the
 * sampling rate is 1,284 / 20,000 ≈ 6.4%.
 *
 * Target rule: CSAT (share of 4 and 5) at least 90% as a point estimate, reported as met only
 * with at least the designed 385 responses; fewer is "not enough responses". The Wilson 95%
 * interval is reported beside it, so a reader sees how sure the verdict is.
 */
export interface SurveyPolicy {
  /** The expected share of satisfied users that the precision is designed around. */
  expectedSatisfaction: number;
  /** Half-width of the 95% interval the month's CSAT should reach. */
  margin: number;
  expectedResponseRate: number;
  /** Users seen on the platform in a month (the sampling frame), as planned. */
  expectedActiveUsers: number;
  target: TargetRule;
  /** How long after resolution a post-resolution survey can be answered. */
  postResolutionWindowMs: number;
  /** How long after the first answer a response may still be changed. */
  editWindowMs: number;
  /**
   * The one reminder goes to those who have not answered once their invitation closes within this
   * time (read by the campaign job as it runs: a change applies to reminders not yet sent).
   */
  reminderLeadMs: number;
  /** ...but never sooner than this after the invitation, so that nobody is reminded of what they were just asked. */
  reminderMinimumAgeMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const designedResponses = (policy: Pick<SurveyPolicy, 'expectedSatisfaction' | 'margin'>): number =>
  sampleSize(policy.expectedSatisfaction, policy.margin);

export const surveyPolicy: SurveyPolicy = {
  expectedSatisfaction: 0.9,
  margin: 0.03,
  expectedResponseRate: 0.3,
  expectedActiveUsers: 20_000,
  target: { rule: 'pointEstimateAtLeast', threshold: 0.9, minimumResponses: 385 },
  postResolutionWindowMs: 14 * DAY_MS,
  editWindowMs: DAY_MS,
  reminderLeadMs: 2 * DAY_MS,
  reminderMinimumAgeMs: DAY_MS,
};

/** The monthly campaign's sampling rate under a policy. */
export const monthlySamplingRate = (policy: SurveyPolicy): number =>
  samplingRate({
    responsesNeeded: designedResponses(policy),
    expectedResponseRate: policy.expectedResponseRate,
    expectedActiveUsers: policy.expectedActiveUsers,
  });
