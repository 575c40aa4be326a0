import { priorityOf, type ModerationPolicy, type Priority } from '#shared/moderation/domain/policy.ts';
import type { NoticeCategory } from '#shared/moderation/domain/taxonomy.ts';

/**
 * How urgent a case is: its category's base score, raised by a trusted flagger's notice, a
 * declared financial loss on fraud, the number of distinct reporters (capped; the anonymous ones
 * count as one), a reputable reporter, and screening signals on own-initiative cases.
 */

/** The facts of a case its score depends on. */
interface ScoredFacts {
  category: NoticeCategory;
  trustedNotices: number;
  financialHarm: boolean;
  reporters: string[];
  maxReputation: number;
  signals: string[];
  score: number;
  priority: Priority;
}

/** A blocklist hit or a near-duplicate of removed content is strong evidence; a rule hit is weaker. */
const STRONG_SIGNAL_BONUS = 40;
const WEAK_SIGNAL_BONUS = 15;

const signalBonus = (signals: string[]) => {
  if (signals.some((s) => s.startsWith('blocklist:') || s === 'near-duplicate')) return STRONG_SIGNAL_BONUS;
  return signals.length > 0 ? WEAK_SIGNAL_BONUS : 0;
};

/**
 * The distinct voices behind a case's notices, for its volume score: each reporter with an
 * account, and all the notifiers without one together as one. Anonymous notices cost nothing to
 * multiply (any email, any address), so their number alone never raises a case's priority.
 */
export const volumeReportersOf = (reporters: readonly string[]) => {
  const identified = reporters.filter((key) => !key.startsWith('anon:')).length;
  return identified + (identified < reporters.length ? 1 : 0);
};

const scoreOf = (c: ScoredFacts, policy: ModerationPolicy) => {
  let score = policy.categoryScore[c.category];
  if (c.trustedNotices > 0) score += policy.trustedFlaggerBonus;
  if (c.financialHarm && c.category === 'fraud_or_scam') score += policy.financialHarmBonus;
  score += Math.min(policy.volumeCap, Math.max(0, volumeReportersOf(c.reporters) - 1) * policy.perExtraReporter);
  if (c.maxReputation >= policy.reputableReporter.threshold) score += policy.reputableReporter.bonus;
  return score + signalBonus(c.signals);
};

/** The case with its score and priority label worked out again from its facts. */
export const rescore = <C extends ScoredFacts>(c: C, policy: ModerationPolicy): C => {
  const score = scoreOf(c, policy);
  return { ...c, score, priority: priorityOf(score, policy) };
};
