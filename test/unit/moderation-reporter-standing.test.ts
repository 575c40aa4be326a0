import { describe, expect, it } from 'vitest';
import {
  emptyProfile,
  isSuspended,
  misuseStep,
  moderationPolicy,
  type ReporterDelta,
  type ReporterProfile,
} from '#shared/moderation/domain/index.ts';
import { at, caseOf, DAY_MS, decide, decisionFor, notice } from './support/moderation-fixtures.ts';

/**
 * Misuse of the notice mechanism (DSA Art. 23): manifestly unfounded notices count as strikes;
 * after enough of them the reporter is warned, after more (once warned) reporting is suspended,
 * each suspension twice as long as the one before.
 */

const { warnAfter, suspendAfter, suspensionMs } = moderationPolicy.misuse;
const profile = (over: Partial<ReporterProfile> = {}): ReporterProfile => ({ ...emptyProfile('user:mallory'), version: 3, ...over });
const WARNED_AT = '2026-02-01T00:00:00.000Z';

/** The profile after the decision's deltas, as the store adds them up (an unfounded notice is a strike). */
const withDelta = (p: ReporterProfile, d: ReporterDelta): ReporterProfile => ({
  ...p,
  reputation: p.reputation + d.reputation,
  accepted: p.accepted + d.accepted,
  rejected: p.rejected + d.rejected,
  strikes: p.strikes + d.unfounded,
});

describe('the misuse step', () => {
  it.each<[string, Partial<ReporterProfile>, 'warned' | 'suspended' | undefined]>([
    ['no strikes', {}, undefined],
    [`${warnAfter - 1} strikes`, { strikes: warnAfter - 1 }, undefined],
    [`${warnAfter} strikes`, { strikes: warnAfter }, 'warned'],
    [`${suspendAfter} strikes, never warned (a warning comes first)`, { strikes: suspendAfter }, 'warned'],
    [`${suspendAfter - 1} strikes, warned`, { strikes: suspendAfter - 1, warnedAt: WARNED_AT }, undefined],
    [`${suspendAfter} strikes, warned`, { strikes: suspendAfter, warnedAt: WARNED_AT }, 'suspended'],
    [`${suspendAfter + 4} strikes, warned`, { strikes: suspendAfter + 4, warnedAt: WARNED_AT }, 'suspended'],
    ['many strikes while suspended', { strikes: 20, warnedAt: WARNED_AT, suspendedUntil: at(DAY_MS).toISOString() }, undefined],
    [`${warnAfter} strikes after a suspension ended`, { strikes: warnAfter, suspensions: 1, suspendedUntil: at(-DAY_MS).toISOString() }, 'warned'],
  ])('for a reporter with %s: %s', (_name, over, kind) => {
    // Act
    const step = misuseStep(profile(over), 'ntc_0009', at());

    // Assess
    expect(step?.kind).toBe(kind);
  });

  it('warns once: the profile records when, and the event names the notice that struck, not the reporter', () => {
    // Act
    const step = misuseStep(profile({ strikes: warnAfter }), 'ntc_0009', at());

    // Assess
    expect(step).toEqual({
      kind: 'warned',
      profile: { ...profile({ strikes: warnAfter }), warnedAt: at().toISOString(), version: 4 },
      event: { type: 'moderation.reporter-warned', at: at().toISOString(), detail: { noticeId: 'ntc_0009' } },
      counters: { 'misuse#warnings': 1 },
    });
    expect(misuseStep(step!.profile, 'ntc_0010', at(60_000))).toBeUndefined();
  });

  it.each<[number, number]>([
    [0, 30],
    [1, 60],
    [2, 120],
    [3, 240],
  ])('after %i earlier suspensions, suspends reporting for %i days', (suspensions, days) => {
    // Prepare
    const warned = profile({ strikes: suspendAfter, warnedAt: WARNED_AT, suspensions });

    // Act
    const step = misuseStep(warned, 'ntc_0009', at());

    // Assess
    expect(step?.profile.suspendedUntil).toBe(at(days * DAY_MS).toISOString());
    expect(step?.event).toEqual({
      type: 'moderation.reporter-suspended',
      at: at().toISOString(),
      detail: { noticeId: 'ntc_0009', until: at(days * DAY_MS).toISOString(), suspensions: suspensions + 1 },
    });
    expect(days * DAY_MS).toBe(suspensionMs * 2 ** suspensions);
  });

  it('starts over after a suspension: strikes cleared, warning spent, suspensions counted', () => {
    // Prepare
    const warned = profile({ strikes: suspendAfter, warnedAt: WARNED_AT, suspensions: 1, reputation: -12 });

    // Act
    const step = misuseStep(warned, 'ntc_0009', at());

    // Assess
    expect(step?.profile).toEqual({
      reporterKey: 'user:mallory',
      reputation: -12,
      accepted: 0,
      rejected: 0,
      strikes: 0,
      suspensions: 2,
      suspendedUntil: at(60 * DAY_MS).toISOString(),
      version: 4,
    });
    expect(step?.counters).toEqual({ 'misuse#suspensions': 1 });
  });
});

describe('a suspension', () => {
  it.each<[string, string | undefined, boolean]>([
    ['never suspended', undefined, false],
    ['suspended until tomorrow', at(DAY_MS).toISOString(), true],
    ['suspended until this very moment', at().toISOString(), false],
    ['suspended until yesterday', at(-DAY_MS).toISOString(), false],
  ])('holds for a reporter %s: %s', (_name, suspendedUntil, suspended) => {
    // Act + Assess
    expect(isSuspended(profile(suspendedUntil ? { suspendedUntil } : {}), at())).toBe(suspended);
  });

  it('does not hold for a reporter without a profile', () => {
    // Act + Assess
    expect(isSuspended(undefined, at())).toBe(false);
  });
});

describe('unfounded notices leading to the steps', () => {
  it(`warn after ${warnAfter} decisions finding the reporter's notices unfounded, and suspend after ${suspendAfter}`, () => {
    // Prepare
    let standing = profile();
    const steps: Array<string | undefined> = [];

    // Act
    for (let i = 0; i < suspendAfter; i += 1) {
      const unfounded = notice({ reporterKey: 'user:mallory', contentId: `post-${i}`, targetKey: `content:post-${i}` });
      const { caseState, links } = caseOf([unfounded]);
      const change = decide(caseState, decisionFor('no_action', { unfoundedNoticeIds: [unfounded.id] }), { links });
      standing = withDelta(standing, change.reporterDeltas[0]!);
      expect(change.misuse).toEqual([{ reporterKey: 'user:mallory', noticeId: unfounded.id }]);
      const step = misuseStep(standing, change.misuse[0]!.noticeId, at(i * DAY_MS));
      steps.push(step?.kind);
      standing = step?.profile ?? standing;
    }

    // Assess
    expect(steps).toEqual([undefined, undefined, 'warned', undefined, 'suspended']);
    expect(standing).toMatchObject({ strikes: 0, suspensions: 1, rejected: suspendAfter, reputation: suspendAfter * moderationPolicy.reputation.unfounded });
  });

  it('are no strikes when the notice was merely not acted on', () => {
    // Prepare
    const { caseState, links } = caseOf([notice({ reporterKey: 'user:mallory' })]);

    // Act
    const change = decide(caseState, decisionFor('no_action'), { links });

    // Assess
    expect(change.reporterDeltas).toEqual([{ reporterKey: 'user:mallory', reputation: moderationPolicy.reputation.noAction, accepted: 0, rejected: 1, unfounded: 0 }]);
    expect(change.misuse).toEqual([]);
  });

  it("name each struck reporter once, with their first notice found unfounded, never a reporter whose notice only repeated their own", () => {
    // Prepare: mallory reports twice (the second a repeat), eve once, alice's notice stands.
    const first = notice({ reporterKey: 'user:mallory' });
    const repeat = notice({ reporterKey: 'user:mallory' });
    const eve = notice({ reporterKey: 'anon:eve', reporterKind: 'anonymous' });
    const alice = notice({ reporterKey: 'user:alice' });
    const { caseState, links } = caseOf([first, repeat, eve, alice]);

    // Act
    const change = decide(caseState, decisionFor('no_action', { unfoundedNoticeIds: [repeat.id, first.id, eve.id] }), { links });

    // Assess
    expect(change.misuse).toEqual([
      { reporterKey: 'user:mallory', noticeId: first.id },
      { reporterKey: 'anon:eve', noticeId: eve.id },
    ]);
  });

  it('name nobody for a reporter whose only unfounded notice repeated their own (it is no strike)', () => {
    // Prepare
    const first = notice({ reporterKey: 'user:mallory' });
    const repeat = notice({ reporterKey: 'user:mallory' });
    const { caseState, links } = caseOf([first, repeat]);

    // Act
    const change = decide(caseState, decisionFor('no_action', { unfoundedNoticeIds: [repeat.id] }), { links });

    // Assess
    expect(change.reporterDeltas[0]?.unfounded).toBe(0);
    expect(change.misuse).toEqual([]);
  });
});
