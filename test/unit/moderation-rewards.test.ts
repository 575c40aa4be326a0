import { describe, expect, it } from 'vitest';
import {
  decideAppeal,
  moderationPolicy,
  noticeCategories,
  rewardAfterAppeal,
  rewardHeldByAppeal,
  rewardMovedByAppeal,
  rewardPoints,
  settleReward,
  type AppealDecisionInput,
  type NoticeCategory,
  type PendingReward,
} from '#shared/moderation/domain/index.ts';
import { appealed, at, caseOf, DAY_MS, decide, decisionFor, notice, restriction, screeningCase } from './support/moderation-fixtures.ts';

/**
 * Rewards for the first valid report that led to action: granted with the decision and due when
 * the appeal window closes, held while the affected user's appeal is decided, released or
 * cancelled by its outcome, and credited by the settlement once due.
 */

const DECIDED_AT = at(60_000);
const WINDOW_END = new Date(DECIDED_AT.getTime() + moderationPolicy.appealWindowMs);

const reward = (over: Partial<PendingReward> = {}): PendingReward => ({
  noticeId: 'ntc_0001',
  caseId: 'case_0001',
  reporterKey: 'user:alice',
  accountId: 'alice',
  points: 100,
  status: 'pending',
  dueAt: WINDOW_END.toISOString(),
  createdAt: DECIDED_AT.toISOString(),
  ...over,
});

describe('granting', () => {
  it.each(noticeCategories)('an action on a %s case grants its points to the first account notice, due at the end of the appeal window', (category: NoticeCategory) => {
    // Prepare
    const first = notice({ category, receivedAt: '2026-03-01T06:00:00.000Z' });
    const { caseState } = caseOf([notice({ category, reporterKey: 'user:bob' }), first]);

    // Act
    const change = decide(caseState, restriction('remove'), { now: DECIDED_AT });

    // Assess
    expect(change.reward).toEqual({
      noticeId: first.id,
      caseId: caseState.id,
      reporterKey: 'user:alice',
      accountId: 'alice',
      points: rewardPoints[category],
      status: 'pending',
      dueAt: WINDOW_END.toISOString(),
      createdAt: DECIDED_AT.toISOString(),
    });
  });

  it.each([
    ['a decision not to act', () => decide(caseOf([notice()]).caseState, decisionFor('no_action'))],
    ['an action on notices without an account', () => decide(caseOf([notice({ reporterKind: 'anonymous' })]).caseState, restriction('remove'))],
    ['an action on a trusted flagger’s notice', () => decide(caseOf([notice({ reporterKind: 'trusted_flagger' })]).caseState, restriction('remove'))],
    ['an action on a case screening opened', () => decide(screeningCase(), restriction('remove'))],
  ])('%s grants no reward', (_name, decided) => {
    // Act + Assess
    expect(decided().reward).toBeUndefined();
  });
});

describe('holding during an appeal', () => {
  it.each<[PendingReward['status'], 'affected' | 'reporter', boolean]>([
    ['pending', 'affected', true],
    ['pending', 'reporter', false],
    ['paid', 'affected', false],
    ['cancelled', 'affected', false],
    ['held', 'affected', false],
  ])('a %s reward, on an appeal by the %s party, is held: %s', (status, appellantKind, held) => {
    // Act
    const result = rewardHeldByAppeal(reward({ status }), appellantKind);

    // Assess
    expect(result).toEqual(held ? reward({ status: 'held' }) : undefined);
  });

  it('holds nothing when the case has no reward', () => {
    // Act + Assess
    expect(rewardHeldByAppeal(undefined, 'affected')).toBeUndefined();
  });
});

describe("the appeal's outcome", () => {
  it.each<[string, AppealDecisionInput, 'release' | 'cancel']>([
    ['upheld', { outcome: 'upheld', explanation: 'Stands.' }, 'release'],
    ['partly reversed', { outcome: 'partly_reversed', explanation: 'Too harsh.', decision: restriction('label') }, 'release'],
    ['reversed', { outcome: 'reversed', explanation: 'Satire.' }, 'cancel'],
  ])('%s: the reward is moved by %s', (_name, decision, move) => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');

    // Act
    const change = decideAppeal({ caseState: filed.caseState, appeal: filed.appeal, moderatorId: 'mod-2', decision, puid: 'sor_0002', now: at(2 * DAY_MS), notices: links });

    // Assess
    expect(change.rewardMove).toBe(move);
  });

  it.each<[PendingReward['status'], 'release' | 'cancel', Partial<PendingReward> | undefined]>([
    ['held', 'release', { status: 'pending', dueAt: at(2 * DAY_MS).toISOString() }],
    ['pending', 'release', { status: 'pending', dueAt: at(2 * DAY_MS).toISOString() }],
    ['held', 'cancel', { status: 'cancelled' }],
    ['pending', 'cancel', { status: 'cancelled' }],
    ['paid', 'cancel', undefined],
    ['cancelled', 'release', undefined],
  ])('a %s reward, on %s, becomes %o', (status, move, expected) => {
    // Act
    const moved = rewardAfterAppeal(reward({ status }), move, at(2 * DAY_MS));

    // Assess
    expect(moved).toEqual(expected && reward(expected));
  });

  it.each<PendingReward['status']>(['pending', 'held'])('cancelling a %s reward counts it as cancelled', (status) => {
    // Act
    const moved = rewardMovedByAppeal(reward({ status }), 'cancel', at(2 * DAY_MS));

    // Assess
    expect(moved?.counters).toEqual({ 'rewards#cancelled': 1 });
  });

  it.each<PendingReward['status']>(['pending', 'held'])('cancelling a %s reward raises its event, naming the notice and the case only', (status) => {
    // Act
    const moved = rewardMovedByAppeal(reward({ status }), 'cancel', at(2 * DAY_MS));

    // Assess
    expect(moved).toEqual({
      reward: reward({ status: 'cancelled' }),
      events: [{ type: 'moderation.reward-cancelled', at: at(2 * DAY_MS).toISOString(), detail: { noticeId: 'ntc_0001', caseId: 'case_0001', points: 100 } }],
      counters: { 'rewards#cancelled': 1 },
    });
  });

  it.each<[PendingReward['status'], 'release' | 'cancel']>([
    ['held', 'release'],
    ['pending', 'release'],
  ])('releasing a %s reward raises no event (it is told when credited)', (status, move) => {
    // Act
    const moved = rewardMovedByAppeal(reward({ status }), move, at(2 * DAY_MS));

    // Assess
    expect(moved).toEqual({ reward: reward({ status: 'pending', dueAt: at(2 * DAY_MS).toISOString() }), events: [], counters: {} });
  });

  it.each<[PendingReward['status'], 'release' | 'cancel']>([
    ['paid', 'cancel'],
    ['cancelled', 'cancel'],
    ['cancelled', 'release'],
  ])('a %s reward is left alone on %s, with no event', (status, move) => {
    // Act + Assess
    expect(rewardMovedByAppeal(reward({ status }), move, at(2 * DAY_MS))).toBeUndefined();
  });
});

describe('settlement', () => {
  it.each<[string, Partial<PendingReward>, number, boolean]>([
    ['a pending reward past its due time', {}, moderationPolicy.appealWindowMs + DAY_MS, true],
    ['a pending reward at its due time', {}, moderationPolicy.appealWindowMs, true],
    ['a pending reward before its due time', {}, moderationPolicy.appealWindowMs - 1, false],
    ['a held reward past its due time', { status: 'held' }, moderationPolicy.appealWindowMs + DAY_MS, false],
    ['a cancelled reward', { status: 'cancelled' }, moderationPolicy.appealWindowMs + DAY_MS, false],
    ['a paid reward', { status: 'paid' }, moderationPolicy.appealWindowMs + DAY_MS, false],
  ])('credits %s: %s', (_name, over, afterDecision, credited) => {
    // Prepare
    const now = new Date(DECIDED_AT.getTime() + afterDecision);

    // Act
    const settled = settleReward(reward(over), now);

    // Assess
    if (!credited) {
      expect(settled).toBeUndefined();
      return;
    }
    expect(settled).toEqual({
      reward: reward({ status: 'paid' }),
      event: { type: 'moderation.reward-credited', at: now.toISOString(), detail: { noticeId: 'ntc_0001', caseId: 'case_0001', points: 100 } },
      counters: { 'rewards#paid': 1, 'rewards#points': 100 },
    });
  });

  it('credits the reward of a decision not to act reversed on appeal at once', () => {
    // Prepare
    const { filed, links } = appealed('no_action', 'reporter');
    const change = decideAppeal({
      caseState: filed.caseState,
      appeal: filed.appeal,
      moderatorId: 'mod-2',
      decision: { outcome: 'reversed', explanation: 'A scam after all.', decision: restriction('remove') },
      puid: 'sor_0002',
      now: at(2 * DAY_MS),
      notices: links,
    });

    // Act
    const settled = settleReward(change.reward!, at(2 * DAY_MS));

    // Assess
    expect(settled?.reward.status).toBe('paid');
    expect(settled?.counters['rewards#points']).toBe(rewardPoints.fraud_or_scam);
  });

  it('credits a reward released by an upheld appeal at once, not at the end of the window', () => {
    // Prepare
    const released = rewardAfterAppeal(reward({ status: 'held' }), 'release', at(2 * DAY_MS))!;

    // Act + Assess
    expect(settleReward(released, at(2 * DAY_MS))?.reward.status).toBe('paid');
    expect(settleReward(reward(), at(2 * DAY_MS))).toBeUndefined();
  });
});
