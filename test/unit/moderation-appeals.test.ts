import { describe, expect, it } from 'vitest';
import {
  decideAppeal,
  effectiveAction,
  fileAppeal,
  moderationPolicy,
  noticeOutcome,
  triage,
  type Action,
  type AppealDecisionInput,
  type CaseState,
  type ReporterDelta,
  type Restriction,
} from '#shared/moderation/domain/index.ts';
import { appealed, at, caseOf, DAY_MS, decide, decisionFor, notice, restriction } from './support/moderation-fixtures.ts';

/**
 * Appeals (DSA Art. 20): who may appeal which decision and until when, the second opinion of
 * another moderator, and what each outcome does to the decision, its statement, the reporters'
 * standing and the content.
 */

const DECIDED_ON_APPEAL = at(2 * DAY_MS);
/** The appeal is filed a day after the decision and decided a day later: 1440 minutes to decide. */
const DECIDED_IN_A_DAY = { 'appealTimeToDecide#01440': 1 };

const decideOn = (filed: ReturnType<typeof appealed>['filed'], links: ReturnType<typeof appealed>['links'], decision: AppealDecisionInput, moderatorId = 'mod-2') =>
  decideAppeal({ caseState: filed.caseState, appeal: filed.appeal, moderatorId, decision, puid: 'sor_0002', now: DECIDED_ON_APPEAL, notices: links });

/** Adds up deltas per reporter, as the reporter profiles do. */
const sum = (...changes: ReporterDelta[][]) => {
  const total = new Map<string, Omit<ReporterDelta, 'reporterKey'>>();
  for (const d of changes.flat()) {
    const t = total.get(d.reporterKey) ?? { reputation: 0, accepted: 0, rejected: 0, unfounded: 0 };
    total.set(d.reporterKey, { reputation: t.reputation + d.reputation, accepted: t.accepted + d.accepted, rejected: t.rejected + d.rejected, unfounded: t.unfounded + d.unfounded });
  }
  return Object.fromEntries(total);
};

describe('who may appeal', () => {
  it.each<[Action, 'affected' | 'reporter', string | undefined]>([
    ['remove', 'affected', undefined],
    ['suspend_account', 'affected', undefined],
    ['label', 'affected', undefined],
    ['no_action', 'reporter', undefined],
    ['remove', 'reporter', 'ModerationForbiddenError'],
    ['no_action', 'affected', 'ModerationForbiddenError'],
  ])('a decision to %s, appealed by the %s party: %s', (action, appellantKind, refusal) => {
    // Prepare
    const { caseState, links } = caseOf([notice()]);
    const decided = decide(caseState, decisionFor(action), { links }).caseState;

    // Act
    const attempt = () => fileAppeal({ caseState: decided, appellantId: 'someone', appellantKind, id: 'apl_0001', now: at(DAY_MS) });

    // Assess
    if (refusal) expect(attempt).toThrow(expect.objectContaining({ name: refusal }));
    else expect(attempt().appeal).toMatchObject({ status: 'pending', appellantKind, appealedAction: action });
  });

  it('records the appeal on the case, which waits for its decision', () => {
    // Act
    const { decided, filed } = appealed('remove', 'affected');

    // Assess
    expect(filed.appeal).toEqual({
      id: 'apl_0001',
      caseId: decided.caseState.id,
      appellantKind: 'affected',
      appellantId: 'author-1',
      appealedAction: 'remove',
      statementId: 'sor_0001',
      filedAt: at(DAY_MS).toISOString(),
      status: 'pending',
      version: 1,
    });
    expect(filed.caseState).toMatchObject({ status: 'appealed', appealIds: ['apl_0001'], version: decided.caseState.version + 1 });
    expect(filed.events).toEqual([{ type: 'moderation.appeal-filed', at: at(DAY_MS).toISOString(), detail: { appealId: 'apl_0001', caseId: decided.caseState.id, by: 'affected' } }]);
    expect(filed.counters).toEqual({ appeals: 1, 'appeals#by#affected': 1 });
  });

  it.each<[string, number, boolean]>([
    ['on the day of the decision', 0, true],
    ['on the last moment of the six-month window', moderationPolicy.appealWindowMs, true],
    ['a millisecond after the window', moderationPolicy.appealWindowMs + 1, false],
  ])('is open %s', (_name, afterDecision, open) => {
    // Prepare
    const decided = decide(caseOf([notice()]).caseState, restriction('remove'), { now: at(60_000) }).caseState;

    // Act
    const attempt = () => fileAppeal({ caseState: decided, appellantId: 'author-1', appellantKind: 'affected', id: 'apl_0001', now: at(60_000 + afterDecision) });

    // Assess
    if (open) expect(attempt().appeal.status).toBe('pending');
    else expect(attempt).toThrow(expect.objectContaining({ reason: 'appeal-window-closed' }));
  });

  const removed = (c: CaseState) => decide(c, restriction('remove')).caseState;

  it.each<[string, (c: CaseState) => CaseState, string]>([
    ['an undecided case', (c) => c, 'not-decided'],
    ['a case under appeal', (c) => ({ ...removed(c), status: 'appealed' }), 'appeal-pending'],
    ['a reversed decision', (c) => ({ ...removed(c), status: 'closed', decision: { ...removed(c).decision!, reversedAt: at().toISOString() } }), 'already-reversed'],
    ['a decision whose appeal was decided', (c) => ({ ...removed(c), status: 'closed' }), 'appeal-decided'],
  ])('is refused on %s', (_name, prepare, reason) => {
    // Prepare
    const c = prepare(caseOf([notice()]).caseState);

    // Act + Assess
    expect(() => fileAppeal({ caseState: c, appellantId: 'author-1', appellantKind: 'affected', id: 'apl_0001', now: at(DAY_MS) })).toThrow(
      expect.objectContaining({ name: 'ModerationConflictError', reason }),
    );
  });
});

describe('the second opinion', () => {
  it('comes from a moderator other than the one who decided the case', () => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');

    // Act + Assess
    expect(() => decideOn(filed, links, { outcome: 'upheld', explanation: 'Stands.' }, 'mod-1')).toThrow(
      expect.objectContaining({ name: 'ConflictOfInterestError', party: 'decider' }),
    );
    expect(decideOn(filed, links, { outcome: 'upheld', explanation: 'Stands.' }, 'mod-2').appeal.decidedBy).toBe('mod-2');
  });

  it.each<[string, 'appeal' | 'case', string]>([
    ['an appeal decided already', 'appeal', 'appeal-decided'],
    ['a case no longer under appeal', 'case', 'not-appealed'],
  ])('is refused on %s', (_name, which, reason) => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');
    const stale = which === 'appeal' ? { ...filed, appeal: { ...filed.appeal, status: 'decided' as const } } : { ...filed, caseState: { ...filed.caseState, status: 'closed' as const } };

    // Act + Assess
    expect(() => decideOn(stale, links, { outcome: 'upheld', explanation: 'x' })).toThrow(expect.objectContaining({ name: 'ModerationConflictError', reason }));
  });
});

describe('an upheld appeal', () => {
  it.each<[Action, 'affected' | 'reporter']>([
    ['remove', 'affected'],
    ['no_action', 'reporter'],
  ])('leaves the decision to %s as it was and closes the case', (action, appellant) => {
    // Prepare
    const { decided, filed, links } = appealed(action, appellant);

    // Act
    const change = decideOn(filed, links, { outcome: 'upheld', explanation: 'The decision stands.' });

    // Assess
    expect(change.caseState).toMatchObject({ status: 'closed', decision: decided.caseState.decision });
    expect(change.appeal).toMatchObject({ status: 'decided', outcome: 'upheld', decidedAt: DECIDED_ON_APPEAL.toISOString(), version: 2 });
    expect(change.statement).toBeUndefined();
    expect(change.reporterDeltas).toEqual([]);
    expect(change.rewardMove).toBe('release');
    expect(change.events.map((e) => e.type)).toEqual(['moderation.appeal-decided']);
    expect(change.counters).toEqual({ ...DECIDED_IN_A_DAY, 'appeals#outcome#upheld': 1 });
  });
});

describe('the time to decide an appeal', () => {
  it('is counted in the histogram of minutes from filing to decision', () => {
    // Prepare: filed a day after the decision, decided 30 h 5 min later
    const { filed, links } = appealed('remove', 'affected');
    const now = at(DAY_MS + 30 * 3_600_000 + 5 * 60_000);

    // Act
    const change = decideAppeal({ caseState: filed.caseState, appeal: filed.appeal, moderatorId: 'mod-2', decision: { outcome: 'upheld', explanation: 'It stands.' }, puid: 'sor_0002', now, notices: links });

    // Assess: 1805 minutes fall in the ten-minute bucket ending at 1810
    expect(change.counters).toMatchObject({ 'appealTimeToDecide#01810': 1 });
  });
});

describe('a reversed restriction', () => {
  it.each<Restriction>(['label', 'demote', 'remove', 'restrict_account', 'suspend_account', 'terminate_account'])('undoes %s', (action) => {
    // Prepare
    const { filed, links } = appealed(action, 'affected');

    // Act
    const change = decideOn(filed, links, { outcome: 'reversed', explanation: 'The post is satire.' });

    // Assess
    expect(change.caseState.decision).toMatchObject({ action, reversedAt: DECIDED_ON_APPEAL.toISOString() });
    expect(effectiveAction(change.caseState.decision!)).toBe('no_action');
    expect(change.events[0]).toEqual({
      type: 'moderation.action-reversed',
      at: DECIDED_ON_APPEAL.toISOString(),
      detail: { caseId: filed.caseState.id, contentId: 'post-1', undo: action, statementId: 'sor_0001' },
    });
    expect(change.counters).toEqual({ ...DECIDED_IN_A_DAY, 'appeals#outcome#reversed': 1, reversals: 1 });
  });

  it('cancels the reward, turns the reporters’ “accepted” into “rejected” and tells them', () => {
    // Prepare
    const { decided, filed, links } = appealed('remove', 'affected', [notice(), notice({ reporterKey: 'user:bob' })]);
    const filedNotice = { ...notice(), status: 'triaged' as const };

    // Act
    const change = decideOn(filed, links, { outcome: 'reversed', explanation: 'The post is satire.' });

    // Assess
    expect(change.rewardMove).toBe('cancel');
    expect(change.reward).toBeUndefined();
    expect(sum(decided.reporterDeltas, change.reporterDeltas)).toEqual({
      'user:alice': { reputation: moderationPolicy.reputation.noAction, accepted: 0, rejected: 1, unfounded: 0 },
      'user:bob': { reputation: moderationPolicy.reputation.noAction, accepted: 0, rejected: 1, unfounded: 0 },
    });
    expect(noticeOutcome(filedNotice, change.caseState)).toBe('reversed_on_appeal');
  });

  it('lets a new notice on the restored content open a new case', () => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');
    const reversed = decideOn(filed, links, { outcome: 'reversed', explanation: 'Satire.' }).caseState;

    // Act
    const result = triage({ notice: notice({ reporterKey: 'user:carol' }), current: reversed, content: {}, reporterReputation: 0, newCaseId: 'case_0010', now: at(3 * DAY_MS) });

    // Assess
    expect(result.opened).toBe(true);
    expect(result.caseState?.id).toBe('case_0010');
  });
});

describe('a partly reversed restriction', () => {
  it.each<[Restriction, Restriction]>([
    ['terminate_account', 'suspend_account'],
    ['suspend_account', 'restrict_account'],
    ['suspend_account', 'remove'],
    ['restrict_account', 'label'],
    ['remove', 'demote'],
    ['remove', 'label'],
    ['demote', 'label'],
  ])('replaces %s with the lesser %s under a new statement', (original, lesser) => {
    // Prepare
    const { filed, links } = appealed(original, 'affected');

    // Act
    const change = decideOn(filed, links, { outcome: 'partly_reversed', explanation: 'Too harsh.', decision: restriction(lesser, { durationDays: lesser.endsWith('_account') ? 7 : undefined }) });

    // Assess
    expect(change.statement).toMatchObject({ puid: 'sor_0002', action: lesser, replaces: 'sor_0001', affectedAccountId: 'author-1' });
    expect(change.caseState.decision).toMatchObject({ action: original, replacedBy: { action: lesser, statementId: 'sor_0002', at: DECIDED_ON_APPEAL.toISOString() } });
    expect(change.caseState.decision?.reversedAt).toBeUndefined();
    expect(effectiveAction(change.caseState.decision!)).toBe(lesser);
    expect(change.appeal.newStatementId).toBe('sor_0002');
    expect(change.rewardMove).toBe('release');
    expect(change.reporterDeltas).toEqual([]);
    expect(change.events.map((e) => e.type)).toEqual(['moderation.action-reduced', 'moderation.appeal-decided']);
    expect(change.events[0]!.detail).toMatchObject({ from: original, to: lesser, statementId: 'sor_0002' });
    expect(change.counters).toEqual({ ...DECIDED_IN_A_DAY, 'appeals#outcome#partly_reversed': 1, partialReversals: 1, statements: 1 });
  });

  it.each<[string, Restriction, AppealDecisionInput['decision']]>([
    ['with a harsher measure', 'remove', restriction('suspend_account')],
    ['with the same measure', 'remove', restriction('remove')],
    ['of a label, the least measure', 'label', restriction('label')],
    ['without a measure', 'remove', undefined],
    ['with no action', 'remove', { action: 'no_action' }],
  ])('is refused %s', (_name, original, decision) => {
    // Prepare
    const { filed, links } = appealed(original, 'affected');

    // Act + Assess
    expect(() => decideOn(filed, links, { outcome: 'partly_reversed', explanation: 'x', ...(decision && { decision }) })).toThrow(
      expect.objectContaining({ name: 'ModerationInvalidError', field: 'decision.action' }),
    );
  });
});

describe('a reversed decision not to act', () => {
  it('takes the action now, with its statement, a reward due at once and the reporters proven right', () => {
    // Prepare
    const { decided, filed, links } = appealed('no_action', 'reporter');

    // Act
    const change = decideOn(filed, links, { outcome: 'reversed', explanation: 'It is a scam.', decision: restriction('suspend_account', { affectedAccountId: 'author-1' }) });

    // Assess
    expect(change.caseState.decision).toEqual({
      action: 'suspend_account',
      by: 'mod-2',
      at: DECIDED_ON_APPEAL.toISOString(),
      statementId: 'sor_0002',
      durationDays: 30,
      affectedAccountId: 'author-1',
      unfoundedNoticeIds: [],
    });
    expect(change.statement).toMatchObject({ action: 'suspend_account', source: 'notice', endsAt: at(32 * DAY_MS).toISOString() });
    expect(change.statement?.replaces).toBeUndefined();
    expect(change.reward).toMatchObject({ noticeId: links[0]!.noticeId, status: 'pending', dueAt: DECIDED_ON_APPEAL.toISOString(), createdAt: DECIDED_ON_APPEAL.toISOString() });
    expect(change.rewardMove).toBeUndefined();
    expect(sum(decided.reporterDeltas, change.reporterDeltas)).toEqual({
      'user:alice': { reputation: moderationPolicy.reputation.actionTaken, accepted: 1, rejected: 0, unfounded: 0 },
    });
    expect(change.events.map((e) => e.type)).toEqual(['moderation.decision-taken', 'moderation.appeal-decided']);
    expect(change.events[0]!.detail).toMatchObject({ action: 'suspend_account', onAppeal: true, automated: false, endsAt: at(32 * DAY_MS).toISOString() });
    expect(change.counters).toEqual({ ...DECIDED_IN_A_DAY, 'appeals#outcome#reversed': 1, reversals: 1, statements: 1, 'actions#suspend_account': 1 });
  });

  it.each<[string, AppealDecisionInput, string]>([
    ['without the action to take', { outcome: 'reversed', explanation: 'x' }, 'decision.action'],
    ['with no action as the action', { outcome: 'reversed', explanation: 'x', decision: { action: 'no_action' } }, 'decision.action'],
    ['partly', { outcome: 'partly_reversed', explanation: 'x', decision: restriction('label') }, 'outcome'],
  ])('is refused %s', (_name, decision, field) => {
    // Prepare
    const { filed, links } = appealed('no_action', 'reporter');

    // Act + Assess
    expect(() => decideOn(filed, links, decision)).toThrow(expect.objectContaining({ name: 'ModerationInvalidError', field }));
  });

  it('needs a complete statement for the action taken', () => {
    // Prepare
    const { filed, links } = appealed('no_action', 'reporter');

    // Act + Assess
    expect(() => decideOn(filed, links, { outcome: 'reversed', explanation: 'x', decision: restriction('remove', { facts: ' ' }) })).toThrow(
      expect.objectContaining({ field: 'facts' }),
    );
  });
});

describe('the decided appeal', () => {
  it('records its outcome in the history and event, naming a new statement when there is one', () => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');

    // Act
    const change = decideOn(filed, links, { outcome: 'partly_reversed', explanation: 'Too harsh.', decision: restriction('label') });

    // Assess
    expect(change.history).toEqual([
      { at: DECIDED_ON_APPEAL.toISOString(), actor: { kind: 'staff', id: 'mod-2' }, action: 'appeal-decided', details: { appealId: 'apl_0001', outcome: 'partly_reversed', statementId: 'sor_0002' } },
    ]);
    expect(change.events.at(-1)).toEqual({
      type: 'moderation.appeal-decided',
      at: DECIDED_ON_APPEAL.toISOString(),
      detail: { appealId: 'apl_0001', caseId: filed.caseState.id, outcome: 'partly_reversed', statementId: 'sor_0002' },
    });
  });

  it('is final: no second appeal on the same decision', () => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');
    const closed = decideOn(filed, links, { outcome: 'upheld', explanation: 'Stands.' }).caseState;

    // Act + Assess
    expect(() => fileAppeal({ caseState: closed, appellantId: 'author-1', appellantKind: 'affected', id: 'apl_0002', now: at(3 * DAY_MS) })).toThrow(
      expect.objectContaining({ reason: 'appeal-decided' }),
    );
  });
});
