import { describe, expect, it, vi } from 'vitest';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { moderationPolicy, type PendingReward } from '#shared/moderation/domain/index.ts';
import {
  appealHold,
  appealRetentionDay,
  caseRetentionDay,
  noticeHold,
  noticeRetentionDay,
  retentionDayOf,
  reviewHold,
  rewardHold,
} from '#shared/moderation/domain/personal-data.ts';
import { erasableKinds, eraseItem } from '#shared/moderation/use-cases/personal-data-erasure.ts';
import { appealed, at, caseOf, DAY_MS, decide, decisionFor, notice, restriction } from './support/moderation-fixtures.ts';

/**
 * What of a person's trust-and-safety data outlives their erasure request (their pending appeal,
 * a notice while the action it led to may be appealed or is under appeal, a reward until it
 * settles), and the day the retention of notices and appeals ends.
 */

const DECIDED_AT = at(60_000);
const WINDOW_END = new Date(DECIDED_AT.getTime() + moderationPolicy.appealWindowMs);

/** Alice's notice, triaged into a case decided with `action`. */
const decidedWith = (action: 'remove' | 'no_action') => {
  const n = notice();
  const { caseState, links } = caseOf([n]);
  const decided = decide(caseState, action === 'remove' ? restriction('remove') : decisionFor('no_action'), { links, now: DECIDED_AT });
  return { notice: { ...n, status: 'triaged' as const, caseId: caseState.id }, caseState: decided.caseState };
};

describe('holds on erasure', () => {
  it('keeps a notice that led to action until the appeal window of the decision ends, with that end as its `until`', () => {
    // Prepare
    const { notice: n, caseState } = decidedWith('remove');

    // Act
    const inWindow = noticeHold(n, caseState, new Date(WINDOW_END.getTime() - 1000));
    const after = noticeHold(n, caseState, new Date(WINDOW_END.getTime() + 1000));

    // Assess
    expect(inWindow).toMatchObject({ reason: 'appeal-window', until: WINDOW_END.toISOString() });
    expect(inWindow!.explanation).toMatch(/appeal/);
    expect(after).toBeUndefined();
  });

  it('erases at once a notice whose case was not acted on, and one still under review', () => {
    // Prepare
    const { notice: n, caseState } = decidedWith('no_action');
    const underReview = caseOf([notice()]);

    // Act
    const notActedOn = noticeHold(n, caseState, DECIDED_AT);
    const undecided = noticeHold({ ...n, caseId: underReview.caseState.id }, underReview.caseState, DECIDED_AT);
    const received = noticeHold(notice(), undefined, DECIDED_AT);

    // Assess
    expect(notActedOn).toBeUndefined();
    expect(undecided).toBeUndefined();
    expect(received).toBeUndefined();
  });

  it('keeps a notice while the person affected appeals the action it led to, not while its reporter appeals a decision not to act', () => {
    // Prepare
    const onAction = appealed('remove', 'affected').filed.caseState;
    const onNoAction = appealed('no_action', 'reporter').filed.caseState;
    const triaged = (caseId: string) => ({ ...notice(), status: 'triaged' as const, caseId });

    // Act
    const affectedAppeals = noticeHold(triaged(onAction.id), onAction, at(2 * DAY_MS));
    const reporterAppeals = noticeHold(triaged(onNoAction.id), onNoAction, at(2 * DAY_MS));

    // Assess
    expect(affectedAppeals).toMatchObject({ reason: 'open-appeal' });
    expect(reporterAppeals).toBeUndefined();
  });

  it('keeps submitted content while an appeal on its case is being decided, whoever filed it', () => {
    // Prepare
    const onAction = appealed('remove', 'affected').filed.caseState;
    const onNoAction = appealed('no_action', 'reporter').filed.caseState;

    // Act
    const held = [reviewHold(onAction), reviewHold(onNoAction), reviewHold(caseOf([notice()]).caseState), reviewHold(undefined)];

    // Assess
    expect(held.map((h) => h?.reason)).toEqual(['open-appeal', 'open-appeal', undefined, undefined]);
  });

  it('keeps a pending appeal, not a decided one', () => {
    // Prepare
    const { filed } = appealed('no_action', 'reporter');

    // Act
    const pending = appealHold(filed.appeal);
    const decided = appealHold({ ...filed.appeal, status: 'decided', decidedAt: at(3 * DAY_MS).toISOString() });

    // Assess
    expect(pending).toMatchObject({ reason: 'open-appeal' });
    expect(decided).toBeUndefined();
  });

  it('keeps a reward until it is credited or cancelled: until its due time, or without one while an appeal holds it', () => {
    // Prepare
    const reward: PendingReward = {
      noticeId: 'ntc_0001',
      caseId: 'case_0001',
      reporterKey: 'user:alice',
      accountId: 'alice',
      points: 100,
      status: 'pending',
      dueAt: WINDOW_END.toISOString(),
      createdAt: DECIDED_AT.toISOString(),
    };

    // Act
    const pending = rewardHold(reward, DECIDED_AT);
    const heldByAppeal = rewardHold({ ...reward, status: 'held' }, DECIDED_AT);
    const paid = rewardHold({ ...reward, status: 'paid' }, DECIDED_AT);
    const cancelled = rewardHold({ ...reward, status: 'cancelled' }, DECIDED_AT);

    // Assess
    expect(pending).toMatchObject({ reason: 'reward-appeal-window', until: WINDOW_END.toISOString() });
    expect(heldByAppeal).toMatchObject({ reason: 'reward-appeal-window' });
    expect(heldByAppeal!.until).toBeUndefined();
    expect(paid).toBeUndefined();
    expect(cancelled).toBeUndefined();
  });
});

describe('retention of notices and appeals', () => {
  it('ends 18 months after the decision: the 6-month appeal window plus 12 months', () => {
    expect(retentionDayOf('2026-03-02T09:01:00.000Z')).toBe('2027-09-02');
    expect(retentionDayOf('2026-08-31T23:00:00.000Z')).toBe('2028-02-29');
  });

  it('starts the clock of a case at its decision, of a closed case at its appeal decision, and none while open or under appeal', () => {
    // Prepare
    const open = caseOf([notice()]).caseState;
    const { decided, filed } = appealed('remove', 'affected');
    const closed = { ...filed.caseState, status: 'closed' as const, updatedAt: '2026-04-01T10:00:00.000Z' };

    // Act
    const days = [caseRetentionDay(open), caseRetentionDay(decided.caseState), caseRetentionDay(filed.caseState), caseRetentionDay(closed)];

    // Assess
    expect(days).toEqual([undefined, retentionDayOf(decided.caseState.decision!.at), undefined, '2027-10-01']);
  });

  it('starts the clock of a notice closed as already acted on at its closing, and of an appeal at its decision; never again once erased', () => {
    // Prepare
    const closed = notice({ status: 'closed', updatedAt: '2026-05-10T12:00:00.000Z' });
    const { filed } = appealed('no_action', 'reporter');
    const decidedAppeal = { ...filed.appeal, status: 'decided' as const, decidedAt: '2026-06-01T00:00:00.000Z' };

    // Act
    const days = [
      noticeRetentionDay(closed),
      noticeRetentionDay(notice({ status: 'triaged' })),
      noticeRetentionDay({ ...closed, erasedAt: '2026-06-01T00:00:00.000Z' }),
      appealRetentionDay(filed.appeal),
      appealRetentionDay(decidedAppeal),
      appealRetentionDay({ ...decidedAppeal, erasedAt: '2026-07-01T00:00:00.000Z' }),
    ];

    // Assess
    expect(days).toEqual(['2027-11-10', undefined, undefined, undefined, '2027-12-01', undefined]);
  });
});

describe('erasure meeting a concurrent change', () => {
  it('reads again when the case changed under it, and keeps the notice an action taken meanwhile rests on', async () => {
    // Prepare: a notice under review; its case is decided (removal) between the read and the write.
    const { notice: n, caseState: decided } = decidedWith('remove');
    const caseState = caseOf([notice()]).caseState;
    const stored = { state: n, personalData: new Uint8Array([1, 2, 3]) };
    const cases = [caseState, decided];
    const erase = vi.fn().mockRejectedValueOnce(new ConditionFailedError([1]));
    const store = { notices: { get: async () => stored }, cases: { get: async () => cases.shift() }, personalData: { erase } };

    // Act
    const outcome = await eraseItem(store as never, erasableKinds.notice, n.id, DECIDED_AT);

    // Assess: the write was conditional on the case as read; after the conflict the notice is held.
    expect(erase).toHaveBeenCalledTimes(1);
    expect(erase.mock.calls[0]![4]).toEqual([{ key: { pk: `CASE#${caseState.id}`, sk: 'CASE' }, version: caseState.version }]);
    expect(outcome).toEqual({ erased: false, held: expect.objectContaining({ category: 'moderation.notice', itemId: n.id, reason: 'appeal-window' }) });
  });
});
