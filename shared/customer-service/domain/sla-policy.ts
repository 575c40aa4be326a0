import { HOUR_MS } from '#shared/clock.ts';
import { assertValidBasis, calendarTime, type TimeBasis } from '#shared/time/time-basis.ts';

/**
 * The service-level policy: what the platform promises for each priority. Versioned, because a
 * complaint keeps the targets it started under; a new version applies to targets started after it.
 */

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** The targets a policy sets; `commitment` is the public 24-hour promise, the same for every priority. */
export const slaTargets = ['commitment', 'firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTarget = (typeof slaTargets)[number];
type PolicyTarget = Exclude<SlaTarget, 'commitment'>;

/** What a running target counts: `calendar`, every millisecond; `policy`, the policy's time basis. */
export type CountedTime = 'calendar' | 'policy';

/** Which time basis a target counts in. */
export type BasisOf = (target: { countsIn: CountedTime }) => TimeBasis;

export interface SlaPolicy {
  version: string;
  /**
   * How the policy's targets count time: calendar time, or business hours in a time zone. The
   * 24-hour commitment always counts calendar time. Time spent waiting on the user is never
   * counted, whatever the basis.
   */
  timeBasis: TimeBasis;
  /** A warning is raised when this share of a target's time has elapsed. */
  warnAtFraction: number;
  targets: Record<Priority, Record<PolicyTarget, number>>;
  /** The platform's promise: the first response within this time, for every complaint. */
  commitmentMs: number;
  /** After resolution, the user may reopen within this time; then the complaint closes. */
  reopenWindowMs: number;
}

const hours = (n: number) => n * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;

const FIRST_RESPONSE_COMMITMENT_MS = hours(24);

export const slaPolicy: SlaPolicy = {
  version: '2026-11',
  // Complaints are answered around the clock: the promise is 24 hours, not 3 working days.
  timeBasis: calendarTime,
  warnAtFraction: 0.8,
  targets: {
    urgent: { firstResponse: hours(1), nextResponse: hours(4), resolution: hours(24) },
    high: { firstResponse: hours(4), nextResponse: hours(8), resolution: 3 * DAY_MS },
    normal: { firstResponse: hours(24), nextResponse: hours(24), resolution: 5 * DAY_MS },
    low: { firstResponse: hours(24), nextResponse: hours(48), resolution: 10 * DAY_MS },
  },
  commitmentMs: FIRST_RESPONSE_COMMITMENT_MS,
  reopenWindowMs: 7 * DAY_MS,
};

/**
 * A policy whose first-response target could end after the commitment would break the promise
 * by design: in calendar time it must not exceed 24 hours. (Under business hours the first
 * response may fall later than 24 calendar hours; the commitment is then still measured, and
 * missed, on its own calendar clock.)
 */
const assertValidPolicy = (policy: SlaPolicy): void => {
  assertValidBasis(policy.timeBasis);
  if (policy.timeBasis.kind !== 'calendar') return;
  for (const priority of priorities) {
    if (policy.targets[priority].firstResponse > policy.commitmentMs) {
      throw new Error(`SLA policy ${policy.version}: first response for ${priority} exceeds the commitment`);
    }
  }
};
assertValidPolicy(slaPolicy);

/** The time basis of a running target under `policy`. */
export const basisOf =
  (policy: SlaPolicy): BasisOf =>
  (target) =>
    target.countsIn === 'calendar' ? calendarTime : policy.timeBasis;

/** Priority rules at intake: fraud and security harm people fast, so they start high. */
export const initialPriority = (category: string): Priority =>
  category === 'fraud' || category === 'security' ? 'high' : 'normal';

/** One step up, for escalation; urgent stays urgent. */
export const escalated = (priority: Priority): Priority =>
  priorities[Math.min(priorities.indexOf(priority) + 1, priorities.length - 1)]!;
