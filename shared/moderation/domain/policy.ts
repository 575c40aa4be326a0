import type { NoticeCategory } from '#shared/moderation/domain/taxonomy.ts';

/**
 * The numbers of the trust-and-safety policy in one place: priorities, leases, windows, limits,
 * thresholds. Pure data, so the domain stays testable and the README can quote it.
 */

const DAY_MS = 86_400_000;

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const moderationPolicy = {
  /** Base score per category: fraud harms users' money first. */
  categoryScore: { fraud_or_scam: 30, false_information: 20, false_advertising: 20, privacy: 20, other: 10 } satisfies Record<
    NoticeCategory,
    number
  >,
  /** Art. 22: trusted flaggers' notices are decided with priority. */
  trustedFlaggerBonus: 40,
  /** Fraud with a financial loss declared by a notifier. */
  financialHarmBonus: 30,
  /** Volume: each further distinct notifier, up to a cap. */
  perExtraReporter: 5,
  volumeCap: 30,
  /** A notifier whose reports were usually upheld (reputation at least this) adds weight. */
  reputableReporter: { threshold: 5, bonus: 10 },
  /** Score thresholds of each priority label. */
  priorityAt: { urgent: 70, high: 50, normal: 25 } as const,

  /** A moderator's claim on a case lasts this long; after it, anyone may claim the case. */
  leaseMs: 15 * 60_000,
  /** Art. 20: appeals are open at least six months after the decision. */
  appealWindowMs: 183 * DAY_MS,

  /** Notices per window: accounts, trusted flaggers, and people without an account. */
  rateLimits: {
    user: { limit: 20, windowMs: 60 * 60_000 },
    trusted_flagger: { limit: 1000, windowMs: 60 * 60_000 },
    /** Per contact mailbox from one source address, and per source address (both pseudonymised). */
    anonymousEmail: { limit: 5, windowMs: DAY_MS },
    anonymousAddress: { limit: 20, windowMs: 60 * 60_000 },
  },

  /** Art. 23: manifestly unfounded notices: warn first, then suspend reporting for a period. */
  misuse: { warnAfter: 3, suspendAfter: 5, suspensionMs: 30 * DAY_MS },

  /** Reputation moves per outcome of a reporter's notice. */
  reputation: { actionTaken: 1, noAction: -1, unfounded: -3 },
} as const;

export type ModerationPolicy = typeof moderationPolicy;

export const priorityOf = (score: number, policy: ModerationPolicy = moderationPolicy): Priority =>
  score >= policy.priorityAt.urgent ? 'urgent' : score >= policy.priorityAt.high ? 'high' : score >= policy.priorityAt.normal ? 'normal' : 'low';
