import { MAX_TRACKED_REPORTERS } from '#shared/moderation/domain/case.ts';
import { iso, type Counters, type DomainEvent } from '#shared/moderation/domain/change.ts';
import type { CaseNoticeLink } from '#shared/moderation/domain/notice.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import { isRestriction, type Action } from '#shared/moderation/domain/taxonomy.ts';

/**
 * A reporter's standing: reputation and counts of accepted and rejected notices, moved by each
 * decision on their notices, and the misuse steps of DSA Art. 23 (a warning after repeated
 * manifestly unfounded notices, then suspensions of reporting that double each time).
 */

export interface ReporterDelta {
  reporterKey: string;
  reputation: number;
  accepted: number;
  rejected: number;
  unfounded: number;
}

export interface ReporterProfile {
  reporterKey: string;
  reputation: number;
  accepted: number;
  rejected: number;
  /** Manifestly unfounded notices since the last warning or suspension. */
  strikes: number;
  warnedAt?: string;
  suspendedUntil?: string;
  suspensions: number;
  version: number;
}

/** What a decision does to each reporter of the case (duplicates of a reporter's own notice count once). */
export const reporterDeltas = (links: CaseNoticeLink[], action: Action, unfounded: Set<string>, policy: ModerationPolicy): ReporterDelta[] => {
  const byReporter = new Map<string, ReporterDelta>();
  for (const link of links) {
    if (link.duplicate) continue;
    const delta = byReporter.get(link.reporterKey) ?? { reporterKey: link.reporterKey, reputation: 0, accepted: 0, rejected: 0, unfounded: 0 };
    if (isRestriction(action)) {
      delta.accepted += 1;
      delta.reputation += policy.reputation.actionTaken;
    } else if (unfounded.has(link.noticeId)) {
      delta.unfounded += 1;
      delta.rejected += 1;
      delta.reputation += policy.reputation.unfounded;
    } else {
      delta.rejected += 1;
      delta.reputation += policy.reputation.noAction;
    }
    byReporter.set(link.reporterKey, delta);
  }
  return [...byReporter.values()].slice(0, MAX_TRACKED_REPORTERS);
};

/** A reporter a decision found to have filed a manifestly unfounded notice, and that notice (the first, if several). */
export interface MisuseTrigger {
  reporterKey: string;
  noticeId: string;
}

/** The reporters whose strikes a decision adds to (their deltas count unfounded notices), each with the notice that struck. */
export const misuseTriggers = (deltas: readonly ReporterDelta[], links: readonly CaseNoticeLink[], unfounded: ReadonlySet<string>): MisuseTrigger[] =>
  deltas.flatMap(({ reporterKey, unfounded: strikes }) => {
    const struck = strikes > 0 ? links.find((l) => !l.duplicate && l.reporterKey === reporterKey && unfounded.has(l.noticeId)) : undefined;
    return struck ? [{ reporterKey, noticeId: struck.noticeId }] : [];
  });

/** An appeal turned a decision not to act into an action: the reporters' "rejected" becomes "accepted". */
export const deltasOfActionOnAppeal = (links: CaseNoticeLink[], action: Action, policy: ModerationPolicy): ReporterDelta[] =>
  reporterDeltas(links, action, new Set(), policy).map((delta) => ({
    ...delta,
    reputation: delta.reputation - policy.reputation.noAction,
    rejected: -delta.accepted,
  }));

/** An appeal reversed an action: the reporters' "accepted" becomes "rejected". */
export const deltasOfReversal = (links: CaseNoticeLink[], reversed: Action, policy: ModerationPolicy): ReporterDelta[] =>
  reporterDeltas(links, reversed, new Set(), policy).map((delta) => ({
    ...delta,
    reputation: -delta.reputation + policy.reputation.noAction,
    accepted: -delta.accepted,
    rejected: delta.accepted,
  }));

export const emptyProfile = (reporterKey: string): ReporterProfile => ({
  reporterKey,
  reputation: 0,
  accepted: 0,
  rejected: 0,
  strikes: 0,
  suspensions: 0,
  version: 0,
});

export const isSuspended = (profile: ReporterProfile | undefined, now: Date) =>
  profile?.suspendedUntil !== undefined && Date.parse(profile.suspendedUntil) > now.getTime();

/**
 * Art. 23: after a prior warning, suspend for a reasonable period reporters who frequently file
 * manifestly unfounded notices. Returns the step to take, or undefined. Each suspension lasts
 * twice the previous one. `noticeId` is the notice whose decision struck: the event names it, so
 * that the reporter can be told without the event naming them.
 */
export const misuseStep = (profile: ReporterProfile, noticeId: string, now: Date, policy: ModerationPolicy = moderationPolicy) => {
  const at = iso(now);
  if (isSuspended(profile, now)) return undefined;
  if (profile.warnedAt && profile.strikes >= policy.misuse.suspendAfter) {
    const until = iso(new Date(now.getTime() + policy.misuse.suspensionMs * 2 ** profile.suspensions));
    const { warnedAt: _warned, ...rest } = profile;
    return {
      kind: 'suspended' as const,
      profile: { ...rest, strikes: 0, suspendedUntil: until, suspensions: profile.suspensions + 1, version: profile.version + 1 },
      // No reporter id in the event (events never name a person): the notice that struck leads to them.
      event: { type: 'moderation.reporter-suspended', at, detail: { noticeId, until, suspensions: profile.suspensions + 1 } } as DomainEvent,
      counters: { 'misuse#suspensions': 1 } as Counters,
    };
  }
  if (!profile.warnedAt && profile.strikes >= policy.misuse.warnAfter) {
    return {
      kind: 'warned' as const,
      profile: { ...profile, warnedAt: at, version: profile.version + 1 },
      event: { type: 'moderation.reporter-warned', at, detail: { noticeId } } as DomainEvent,
      counters: { 'misuse#warnings': 1 } as Counters,
    };
  }
  return undefined;
};
