import { describe, expect, it } from 'vitest';
import {
  claimCase,
  MAX_TRACKED_REPORTERS,
  moderationPolicy,
  noticeOutcome,
  noticeReceived,
  openScreeningCase,
  triage,
  type CaseState,
  type NoticeCategory,
  type NoticeState,
  type Priority,
  type ReporterKind,
} from '#shared/moderation/domain/index.ts';
import { volumeReportersOf } from '#shared/moderation/domain/case-score.ts';
import { at, caseOf, decide, decisionFor, notice } from './support/moderation-fixtures.ts';

/**
 * Triage: each notice joins the open case of its target or opens one; the case's score and
 * priority follow its category, trusted flaggers, declared financial harm, the number of
 * distinct reporters and their reputation.
 */

const triageOnto = (n: NoticeState, current?: CaseState, reporterReputation = 0) =>
  triage({ notice: n, current, content: { authorRef: 'author-1' }, reporterReputation, newCaseId: 'case_0009', now: at() });

describe('a notice received', () => {
  it.each<ReporterKind>(['user', 'trusted_flagger', 'anonymous'])('from a %s raises an event naming the notice and its category only', (reporterKind) => {
    // Prepare
    const received = notice({ reporterKind, category: 'privacy', receivedAt: '2026-03-01T07:00:00.000Z' });

    // Act
    const event = noticeReceived(received);

    // Assess
    expect(event).toEqual({ type: 'moderation.notice-received', at: '2026-03-01T07:00:00.000Z', detail: { noticeId: received.id, category: 'privacy' } });
  });
});

describe('a first notice on a target', () => {
  it('opens a case of the notice category, with the notice as its first', () => {
    // Act
    const result = triageOnto(notice({ category: 'privacy', receivedAt: '2026-03-01T07:00:00.000Z' }));

    // Assess
    expect(result.opened).toBe(true);
    expect(result.caseState).toMatchObject({
      id: 'case_0009',
      targetKey: 'content:post-1',
      category: 'privacy',
      origin: 'notice',
      status: 'open',
      noticeCount: 1,
      reporters: ['user:alice'],
      firstNoticeAt: '2026-03-01T07:00:00.000Z',
      content: { authorRef: 'author-1' },
      version: 1,
    });
    expect(result.notice).toMatchObject({ status: 'triaged', caseId: 'case_0009', version: 2 });
    expect(result.events.map((e) => e.type)).toEqual(['moderation.case-opened']);
    expect(result.counters).toEqual({ notices: 1, 'notices#category#privacy': 1, 'notices#source#user': 1, casesOpened: 1 });
  });

  it.each<[string, Partial<NoticeState>, number, number, Priority]>([
    ['other', { category: 'other' }, 0, 10, 'low'],
    ['privacy', { category: 'privacy' }, 0, 20, 'low'],
    ['fraud', { category: 'fraud_or_scam' }, 0, 30, 'normal'],
    ['fraud with a declared financial loss', { financialHarm: true }, 0, 60, 'high'],
    ['false information with a declared loss (the loss counts on fraud only)', { category: 'false_information', financialHarm: true }, 0, 20, 'low'],
    ['other from a trusted flagger', { category: 'other', reporterKind: 'trusted_flagger' }, 0, 50, 'high'],
    ['fraud with a loss from a trusted flagger', { reporterKind: 'trusted_flagger', financialHarm: true }, 0, 100, 'urgent'],
    ['fraud from a reputable reporter', {}, 5, 40, 'normal'],
    ['fraud from a reporter just below the reputable threshold', {}, 4, 30, 'normal'],
    ['other from a reporter of poor reputation', { category: 'other' }, -9, 10, 'low'],
  ])('scores %s', (_name, over, reputation, score, priority) => {
    // Act
    const { caseState } = triageOnto(notice(over), undefined, reputation);

    // Assess
    expect(caseState).toMatchObject({ score, priority });
  });

  it.each<[ReporterKind, { trustedNotices: number; anonymousNotices: number; rewardable: boolean }]>([
    ['user', { trustedNotices: 0, anonymousNotices: 0, rewardable: true }],
    ['trusted_flagger', { trustedNotices: 1, anonymousNotices: 0, rewardable: false }],
    ['anonymous', { trustedNotices: 0, anonymousNotices: 1, rewardable: false }],
  ])('from a reporter of kind %s counts its source, and only an account may earn a reward', (reporterKind, expected) => {
    // Prepare
    const n = notice({ reporterKind });

    // Act
    const result = triageOnto(n);

    // Assess
    expect(result.caseState).toMatchObject({ trustedNotices: expected.trustedNotices, anonymousNotices: expected.anonymousNotices });
    expect(result.caseState!.firstRewardable?.noticeId).toBe(expected.rewardable ? n.id : undefined);
    expect(result.counters[`notices#source#${reporterKind}`]).toBe(1);
  });

  it('refuses a notice triaged before', () => {
    // Act + Assess
    expect(() => triageOnto(notice({ status: 'triaged' }))).toThrow(expect.objectContaining({ reason: 'already-triaged' }));
  });
});

describe('further notices on the same target', () => {
  it('merge into the open case instead of opening another', () => {
    // Prepare
    const { caseState } = caseOf([notice()]);

    // Act
    const result = triageOnto(notice({ reporterKey: 'user:bob' }), caseState);

    // Assess
    expect(result.opened).toBe(false);
    expect(result.caseState).toMatchObject({ id: caseState.id, noticeCount: 2, reporters: ['user:alice', 'user:bob'], version: 2 });
    expect(result.notice).toMatchObject({ status: 'triaged', caseId: caseState.id });
    expect(result.notice.duplicate).toBeUndefined();
    expect(result.history.map((h) => h.action)).toEqual(['notice-merged']);
    expect(result.events).toEqual([
      { type: 'moderation.notice-merged', at: at().toISOString(), detail: { caseId: caseState.id, noticeId: result.notice.id, priority: 'normal', noticeCount: 2 } },
    ]);
    expect(result.counters.casesOpened).toBeUndefined();
  });

  it('from a reporter already in the case are duplicates: counted as notices, not as reporters', () => {
    // Prepare
    const { caseState } = caseOf([notice()]);

    // Act
    const result = triageOnto(notice(), caseState);

    // Assess
    expect(result.notice.duplicate).toBe(true);
    expect(result.caseState).toMatchObject({ noticeCount: 2, reporters: ['user:alice'], score: caseState.score });
    expect(result.counters['notices#duplicate']).toBe(1);
  });

  it.each<[number, number, Priority]>([
    [1, 30, 'normal'],
    [2, 35, 'normal'],
    [5, 50, 'high'],
    [7, 60, 'high'],
    [8, 60, 'high'],
    [20, 60, 'high'],
  ])('from %i distinct reporters raise a fraud case to %i (the volume bonus is capped)', (reporters, score, priority) => {
    // Prepare
    const notices = Array.from({ length: reporters }, (_, i) => notice({ reporterKey: `user:r${i}` }));

    // Act
    const { caseState } = caseOf(notices);

    // Assess
    expect(caseState).toMatchObject({ score, priority, noticeCount: reporters });
    expect(score - moderationPolicy.categoryScore.fraud_or_scam).toBeLessThanOrEqual(moderationPolicy.volumeCap);
  });

  it.each<[string, string[], number, number]>([
    ['five notifiers without an account, each from their own address', ['a', 'b', 'c', 'd', 'e'], 5, 30],
    ['five notices from one address', ['a', 'a', 'a', 'a', 'a'], 1, 30],
  ])('never raise a case by anonymous volume alone: %s count as one reporter', (_name, addresses, distinct, score) => {
    // Prepare
    const notices = addresses.map((m) => notice({ reporterKind: 'anonymous', reporterKey: `anon:${m}` }));

    // Act
    const { caseState } = caseOf(notices);

    // Assess
    expect(caseState).toMatchObject({ anonymousNotices: 5, noticeCount: 5, score, priority: 'normal' });
    expect(caseState.reporters).toHaveLength(distinct);
  });

  it('weigh each reporter with an account, and all the anonymous ones together as one more', () => {
    // Prepare
    const identified = ['r1', 'r2'].map((r) => notice({ reporterKey: `user:${r}` }));
    const anonymous = Array.from({ length: 20 }, (_, i) => notice({ reporterKind: 'anonymous', reporterKey: `anon:a${i}` }));

    // Act
    const { caseState } = caseOf([...identified, ...anonymous]);

    // Assess: three voices, two more than the first
    expect(caseState.score).toBe(moderationPolicy.categoryScore.fraud_or_scam + 2 * moderationPolicy.perExtraReporter);
    expect(volumeReportersOf(caseState.reporters)).toBe(3);
  });

  it('from a trusted flagger raise an open case by the trusted-flagger bonus', () => {
    // Prepare
    const { caseState } = caseOf([notice({ category: 'other' })]);

    // Act
    const result = triageOnto(notice({ reporterKind: 'trusted_flagger', reporterKey: 'user:flagger' }), caseState);

    // Assess
    expect(caseState).toMatchObject({ score: 10, priority: 'low' });
    expect(result.caseState).toMatchObject({ trustedNotices: 1, score: 10 + 40 + 5, priority: 'high' });
  });

  it('keep a declared financial loss and the highest reporter reputation once any notice brings them', () => {
    // Prepare
    const { caseState } = caseOf([notice({ financialHarm: true })], 7);

    // Act
    const result = triageOnto(notice({ reporterKey: 'user:bob', financialHarm: false }), caseState, 1);

    // Assess
    expect(result.caseState).toMatchObject({ financialHarm: true, maxReputation: 7, score: 30 + 30 + 5 + 10, priority: 'urgent' });
  });

  it('keep the earliest received notice as the first, and the earliest account notice as the rewardable one, whatever the queue order', () => {
    // Prepare
    const late = notice({ reporterKey: 'user:late', receivedAt: '2026-03-01T09:00:00.000Z' });
    const early = notice({ reporterKey: 'user:early', receivedAt: '2026-03-01T06:00:00.000Z' });
    const earliestAnonymous = notice({ reporterKind: 'anonymous', reporterKey: 'anon:x', receivedAt: '2026-03-01T05:00:00.000Z' });

    // Act
    const { caseState } = caseOf([late, early, earliestAnonymous]);

    // Assess
    expect(caseState.firstNoticeAt).toBe('2026-03-01T05:00:00.000Z');
    expect(caseState.firstRewardable).toEqual({ noticeId: early.id, reporterKey: 'user:early', accountId: 'early', receivedAt: '2026-03-01T06:00:00.000Z' });
  });

  it('never make a duplicate the rewardable notice, even when it was received earlier', () => {
    // Prepare
    const first = notice({ receivedAt: '2026-03-01T09:00:00.000Z' });
    const earlierRepeat = notice({ receivedAt: '2026-03-01T06:00:00.000Z' });

    // Act
    const { caseState } = caseOf([first, earlierRepeat]);

    // Assess
    expect(caseState.firstRewardable?.noticeId).toBe(first.id);
  });

  it(`track at most ${MAX_TRACKED_REPORTERS} reporters while still counting every notice`, () => {
    // Prepare
    const notices = Array.from({ length: MAX_TRACKED_REPORTERS + 3 }, (_, i) => notice({ reporterKey: `user:r${i}` }));

    // Act
    const { caseState } = caseOf(notices);

    // Assess
    expect(caseState.reporters).toHaveLength(MAX_TRACKED_REPORTERS);
    expect(caseState.noticeCount).toBe(MAX_TRACKED_REPORTERS + 3);
  });
});

describe('a notice on a target whose case is decided', () => {
  const decidedWith = (action: Parameters<typeof decisionFor>[0]) => decide(caseOf([notice()]).caseState, decisionFor(action)).caseState;
  /** The case as an appeal on it left it: closed, with the decision changed. */
  const afterAppeal = (c: CaseState, change: Partial<NonNullable<CaseState['decision']>>): CaseState => ({
    ...c,
    status: 'closed',
    decision: { ...c.decision!, ...change },
  });

  it.each<[string, () => CaseState]>([
    ['removed', () => decidedWith('remove')],
    ['reduced to a removal on appeal', () => afterAppeal(decidedWith('suspend_account'), { replacedBy: { action: 'remove', statementId: 'sor_x', at: at().toISOString() } })],
  ])('is closed as already acted on when the content was %s', (_name, current) => {
    // Prepare
    const c = current();

    // Act
    const result = triageOnto(notice({ reporterKey: 'user:bob' }), c);

    // Assess
    expect(result.caseState).toBeUndefined();
    expect(result.notice).toMatchObject({ status: 'closed', caseId: c.id });
    expect(noticeOutcome(result.notice, c)).toBe('already_actioned');
    expect(result.counters['notices#already-actioned']).toBe(1);
    // Its notifier is owed the decision (DSA Art. 16(5)): the event names the notice and the case only.
    expect(result.events).toEqual([
      { type: 'moderation.notice-closed', at: at().toISOString(), detail: { noticeId: result.notice.id, caseId: c.id, reason: 'already_actioned' } },
    ]);
  });

  it.each<[string, () => CaseState]>([
    ['decided not to act', () => decidedWith('no_action')],
    ['labelled', () => decidedWith('label')],
    ['removed, then reversed on appeal', () => afterAppeal(decidedWith('remove'), { reversedAt: at().toISOString() })],
  ])('opens a new case when the content was %s', (_name, current) => {
    // Act
    const result = triageOnto(notice({ reporterKey: 'user:bob' }), current());

    // Assess
    expect(result.opened).toBe(true);
    expect(result.caseState).toMatchObject({ id: 'case_0009', noticeCount: 1, status: 'open' });
  });
});

describe('cases opened by screening', () => {
  it.each<[string, NoticeCategory, string[], number, Priority]>([
    ['a blocklist hit', 'fraud_or_scam', ['blocklist:url'], 70, 'urgent'],
    ['a near-duplicate of removed content', 'false_advertising', ['near-duplicate'], 60, 'high'],
    ['a rule hit only', 'privacy', ['rule:miracle-cure'], 35, 'normal'],
    ['a rule hit with a blocklist hit (the strong signal counts once)', 'other', ['rule:x', 'blocklist:phone'], 50, 'high'],
    ['no signal', 'other', [], 10, 'low'],
  ])('score %s', (_name, category, signals, score, priority) => {
    // Act
    const c = openScreeningCase({ id: 'case_s', contentId: 'post-9', category, content: {}, signals, now: at() });

    // Assess
    expect(c).toMatchObject({ origin: 'screening', targetKey: 'content:post-9', noticeCount: 0, reporters: [], signals, score, priority });
  });
});

describe('claiming a case', () => {
  const open = () => caseOf([notice()]).caseState;

  it('gives the moderator a 15-minute lease', () => {
    // Act
    const { caseState, history } = claimCase(open(), 'mod-1', at());

    // Assess
    expect(caseState.lease).toEqual({ moderatorId: 'mod-1', expiresAt: at(15 * 60_000).toISOString() });
    expect(history).toEqual([expect.objectContaining({ action: 'claimed', actor: { kind: 'staff', id: 'mod-1' } })]);
  });

  it.each<[string, string, number, string | { action: string; takenOverFrom?: string }]>([
    ['another moderator during the lease', 'mod-2', 14 * 60_000, 'already-claimed'],
    ['another moderator after the lease ran out', 'mod-2', 15 * 60_000, { action: 'claimed', takenOverFrom: 'mod-1' }],
    ['the same moderator during the lease', 'mod-1', 5 * 60_000, { action: 'lease-renewed' }],
  ])('by %s', (_name, moderatorId, later, expected) => {
    // Prepare
    const held = claimCase(open(), 'mod-1', at()).caseState;

    // Act
    const attempt = () => claimCase(held, moderatorId, at(later));

    // Assess
    if (typeof expected === 'string') {
      expect(attempt).toThrow(expect.objectContaining({ reason: expected }));
    } else {
      const { caseState, history } = attempt();
      expect(caseState.lease).toEqual({ moderatorId, expiresAt: at(later + 15 * 60_000).toISOString() });
      expect(history[0]!.action).toBe(expected.action);
      expect(history[0]!.details.takenOverFrom).toBe(expected.takenOverFrom);
    }
  });

  it('is refused once the case is decided', () => {
    // Prepare
    const decided = decide(open(), decisionFor('no_action')).caseState;

    // Act + Assess
    expect(() => claimCase(decided, 'mod-1', at())).toThrow(expect.objectContaining({ reason: 'case-decided' }));
  });
});
