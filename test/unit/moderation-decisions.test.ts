import { describe, expect, it } from 'vitest';
import { firstResponseBucket } from '#shared/figures/histogram.ts';
import {
  actions,
  alreadyActionedRedress,
  decideCase,
  isRestriction,
  moderationPolicy,
  noticeDecisionRedress,
  noticeOutcome,
  reversalRedress,
  statementFor,
  statementRedress,
  type Action,
  type CaseState,
  type Restriction,
} from '#shared/moderation/domain/index.ts';
import { at, caseOf, DAY_MS, decide, decisionFor, notice, restriction, screeningCase } from './support/moderation-fixtures.ts';

/**
 * A moderator's decision on a case, and the statement of reasons (DSA Art. 17) each restriction
 * carries: measure and duration, ground in law or terms, source, automation, the figures it
 * counts and what it does to the reporters' standing.
 */

const restrictions = actions.filter(isRestriction);
const DECIDED_AT = at(60_000).toISOString();
const noticeCase = () => caseOf([notice()]);

describe('each restriction', () => {
  it.each<[Restriction, { durationDays?: number; endsAt?: string }]>([
    ['label', {}],
    ['demote', {}],
    ['remove', {}],
    ['restrict_account', { durationDays: 30, endsAt: at(60_000 + 30 * DAY_MS).toISOString() }],
    ['suspend_account', { durationDays: 30, endsAt: at(60_000 + 30 * DAY_MS).toISOString() }],
    ['terminate_account', {}],
  ])('%s is recorded with a statement of reasons naming the measure, its end and the affected account', (action, temporal) => {
    // Prepare
    const { caseState, links } = noticeCase();

    // Act
    const change = decide(caseState, restriction(action), { links });

    // Assess
    expect(change.statement).toMatchObject({ puid: 'sor_0001', caseId: caseState.id, action, affectedAccountId: 'author-1', createdAt: DECIDED_AT });
    expect(change.statement?.durationDays).toBe(temporal.durationDays);
    expect(change.statement?.endsAt).toBe(temporal.endsAt);
    expect(change.caseState).toMatchObject({ status: 'decided', decision: { action, by: 'mod-1', at: DECIDED_AT, statementId: 'sor_0001' } });
    expect(change.caseState.lease).toBeUndefined();
    expect(change.events).toEqual([
      {
        type: 'moderation.decision-taken',
        at: DECIDED_AT,
        detail: { caseId: caseState.id, contentId: 'post-1', action, automated: false, statementId: 'sor_0001', ...(temporal.endsAt && { endsAt: temporal.endsAt }) },
      },
    ]);
    expect(change.counters).toMatchObject({ decisions: 1, 'decisions#human': 1, [`actions#${action}`]: 1, statements: 1, 'decisions#ground#terms': 1 });
  });

  it.each(restrictions)('%s tells the reporter their notice led to action', (action) => {
    // Prepare
    const { caseState } = noticeCase();
    const filed = { ...notice(), status: 'triaged' as const, caseId: caseState.id };

    // Act
    const decided = decide(caseState, restriction(action)).caseState;

    // Assess
    expect(noticeOutcome(filed, caseState)).toBe('under_review');
    expect(noticeOutcome(filed, decided)).toBe('action_taken');
  });

  it.each<[string, Restriction, number | undefined]>([
    ['a suspension without a duration', 'suspend_account', undefined],
    ['a restriction of the account without a duration', 'restrict_account', undefined],
    ['a termination with a duration', 'terminate_account', 5],
  ])('refuses %s', (_name, action, durationDays) => {
    // Prepare
    const { caseState } = noticeCase();

    // Act + Assess
    expect(() => decide(caseState, { ...restriction(action), durationDays })).toThrow(expect.objectContaining({ field: 'durationDays' }));
  });

  it.each<Restriction>(['restrict_account', 'suspend_account', 'terminate_account'])(
    '%s needs an affected account when the content has no known author',
    (action) => {
      // Prepare
      const { caseState } = noticeCase();
      const authorless: CaseState = { ...caseState, content: {} };

      // Act + Assess
      expect(() => decide(authorless, restriction(action))).toThrow(expect.objectContaining({ field: 'affectedAccountId' }));
      expect(decide(authorless, restriction(action, { affectedAccountId: 'acct-7' })).statement?.affectedAccountId).toBe('acct-7');
    },
  );

  it.each<Restriction>(['label', 'demote', 'remove'])('%s of authorless content needs no affected account', (action) => {
    // Prepare
    const authorless: CaseState = { ...noticeCase().caseState, content: {} };

    // Act
    const change = decide(authorless, restriction(action));

    // Assess
    expect(change.statement?.affectedAccountId).toBeUndefined();
  });
});

describe('the ground of a restriction', () => {
  it.each<['terms' | 'illegal']>([['terms'], ['illegal']])('%s is stated and counted', (ground) => {
    // Prepare
    const { caseState } = noticeCase();

    // Act
    const change = decide(caseState, restriction('remove', { ground, groundReference: ground === 'illegal' ? 'Art. 263 StGB' : 'Terms 4.2' }));

    // Assess
    expect(change.statement).toMatchObject({ ground, groundReference: ground === 'illegal' ? 'Art. 263 StGB' : 'Terms 4.2' });
    expect(change.counters[`decisions#ground#${ground}`]).toBe(1);
    expect(change.counters[`decisions#ground#${ground === 'terms' ? 'illegal' : 'terms'}`]).toBeUndefined();
  });

  it.each([
    ['ground', { ground: undefined }],
    ['groundReference', { groundReference: '   ' }],
    ['groundExplanation', { groundExplanation: undefined }],
    ['facts', { facts: '' }],
    ['groundReference', { groundReference: 'x'.repeat(501) }],
    ['groundExplanation', { groundExplanation: 'x'.repeat(2001) }],
    ['facts', { facts: 'x'.repeat(5001) }],
    ['groundExplanation', { groundExplanation: 'The seller mallory@example.org asks for payment upfront' }],
    ['facts', { facts: 'Asks buyers to call 0049 30 1234 5678 and pay by gift card' }],
  ] as const)('refuses a restriction without a valid %s (the statement is published)', (field, over) => {
    // Prepare
    const { caseState } = noticeCase();

    // Act + Assess
    expect(() => decide(caseState, restriction('remove', over))).toThrow(expect.objectContaining({ name: 'ModerationInvalidError', field }));
  });

  it('trims the texts and takes them at their maximum length', () => {
    // Prepare
    const { caseState } = noticeCase();

    // Act
    const change = decide(caseState, restriction('remove', { groundReference: `  ${'r'.repeat(500)}  `, facts: 'f'.repeat(5000) }));

    // Assess
    expect(change.statement?.groundReference).toBe('r'.repeat(500));
    expect(change.statement?.facts).toHaveLength(5000);
  });
});

describe('source and automation in the statement', () => {
  it.each<[string, () => CaseState, 'notice' | 'trusted_flagger' | 'own_initiative', boolean]>([
    ['a notice from an account', () => caseOf([notice()]).caseState, 'notice', false],
    ['a notice without an account', () => caseOf([notice({ reporterKind: 'anonymous' })]).caseState, 'notice', false],
    ['a trusted flagger among the notices', () => caseOf([notice(), notice({ reporterKind: 'trusted_flagger', reporterKey: 'user:tf' })]).caseState, 'trusted_flagger', false],
    ['screening before publication', () => screeningCase(), 'own_initiative', true],
  ])('a case opened by %s', (_name, build, source, automatedDetection) => {
    // Act
    const change = decide(build(), restriction('remove'));

    // Assess
    expect(change.statement).toMatchObject({ source, automatedDetection, automatedDecision: 'not_automated' });
  });

  it('takes the content type and date from the decision, else the content, else the first notice', () => {
    // Prepare
    const fromNotice = caseOf([notice({ receivedAt: '2026-02-20T10:00:00.000Z' })]).caseState;

    // Act
    const given = decide(fromNotice, restriction('remove', { contentType: 'video', contentDate: '2026-01-05' })).statement;
    const ofContent = decide(screeningCase(), restriction('remove')).statement;
    const ofNotice = decide(fromNotice, restriction('remove')).statement;

    // Assess
    expect(given).toMatchObject({ contentType: 'video', contentDate: '2026-01-05' });
    expect(ofContent).toMatchObject({ contentType: 'image', contentDate: '2026-02-28' });
    expect(ofNotice).toMatchObject({ contentType: 'text', contentDate: '2026-02-20' });
  });

  it('lists the three ways of redress and names the statement a partial reversal replaces', () => {
    // Act
    const statement = statementFor({ caseState: noticeCase().caseState, decision: restriction('demote'), puid: 'sor_0002', now: at(), replaces: 'sor_0001' });

    // Assess
    expect(statement.replaces).toBe('sor_0001');
    expect(statement.redress).toHaveLength(3);
    expect(statement.redress.join(' ')).toMatch(/appeal.*6 months.*Art\. 21.*court/s);
  });
});

describe('the figures a decision counts', () => {
  it('measures the time from the first notice to an action', () => {
    // Prepare: the notice was received on 1 March at 08:00, the decision is taken on 2 March at 09:01.
    const { caseState } = noticeCase();

    // Act
    const acted = decide(caseState, restriction('remove'));
    const notActed = decide(caseState, decisionFor('no_action'));

    // Assess
    expect(acted.counters).toMatchObject({ [`noticeToAction#${firstResponseBucket(25 * 60 * 60_000 + 60_000)}`]: 1, noticesActioned: 1 });
    expect(Object.keys(notActed.counters).filter((k) => k.startsWith('notice'))).toEqual([]);
  });

  it.each<[string, () => CaseState, Action, string | undefined]>([
    ['a screening flag confirmed', () => screeningCase(), 'remove', 'screening#truePositive'],
    ['a screening flag not confirmed', () => screeningCase(), 'no_action', 'screening#falsePositive'],
    ['content screening approved, removed after a notice', () => ({ ...noticeCase().caseState, content: { automatedApproval: true } }), 'remove', 'screening#falseNegative'],
    ['content screening approved, kept after a notice', () => ({ ...noticeCase().caseState, content: { automatedApproval: true } }), 'no_action', undefined],
    ['content never screened, removed after a notice', () => noticeCase().caseState, 'remove', undefined],
  ])('measures screening against the moderator: %s', (_name, build, action, counter) => {
    // Act
    const change = decide(build(), decisionFor(action, action === 'no_action' ? {} : { affectedAccountId: 'author-1' }));

    // Assess
    const screeningCounters = Object.keys(change.counters).filter((k) => k.startsWith('screening#'));
    expect(screeningCounters).toEqual(counter ? [counter] : []);
  });

  it('counts decisions on cases with a trusted flagger', () => {
    // Prepare
    const flagged = caseOf([notice({ reporterKind: 'trusted_flagger' })]).caseState;

    // Act + Assess
    expect(decide(flagged, decisionFor('no_action')).counters['decisions#trustedFlagger']).toBe(1);
    expect(decide(noticeCase().caseState, decisionFor('no_action')).counters['decisions#trustedFlagger']).toBeUndefined();
  });
});

describe('a decision not to act', () => {
  it('carries no statement and no reward, and tells the reporter so', () => {
    // Prepare
    const { caseState, links } = noticeCase();
    const filed = { ...notice(), status: 'triaged' as const };

    // Act
    const change = decide(caseState, decisionFor('no_action'), { links });

    // Assess
    expect(change.statement).toBeUndefined();
    expect(change.reward).toBeUndefined();
    expect(change.caseState.decision).toMatchObject({ action: 'no_action', unfoundedNoticeIds: [] });
    expect(change.caseState.decision?.statementId).toBeUndefined();
    expect(change.counters.statements).toBeUndefined();
    expect(noticeOutcome(filed, change.caseState)).toBe('no_action');
  });

  it('may find notices of the case manifestly unfounded', () => {
    // Prepare
    const unfounded = notice({ reporterKey: 'user:mallory' });
    const { caseState, links } = caseOf([notice(), unfounded]);

    // Act
    const change = decide(caseState, decisionFor('no_action', { unfoundedNoticeIds: [unfounded.id] }), { links });

    // Assess
    expect(change.caseState.decision?.unfoundedNoticeIds).toEqual([unfounded.id]);
    expect(change.history[0]!.details).toMatchObject({ action: 'no_action', unfounded: 1 });
    expect(change.reporterDeltas).toEqual([
      { reporterKey: 'user:alice', reputation: -1, accepted: 0, rejected: 1, unfounded: 0 },
      { reporterKey: 'user:mallory', reputation: -3, accepted: 0, rejected: 1, unfounded: 1 },
    ]);
  });

  it.each<[string, Action, (id: string) => string[]]>([
    ['with an action', 'remove', (id) => [id]],
    ['naming a notice of another case', 'no_action', () => ['ntc_elsewhere']],
  ])('refuses to find notices unfounded %s', (_name, action, ids) => {
    // Prepare
    const { caseState, links } = noticeCase();

    // Act + Assess
    expect(() => decide(caseState, decisionFor(action, { unfoundedNoticeIds: ids(links[0]!.noticeId) }), { links })).toThrow(
      expect.objectContaining({ field: 'unfoundedNoticeIds' }),
    );
  });
});

describe("the reporters' standing after a decision", () => {
  it.each<[string, Action, { reputation: number; accepted: number; rejected: number }]>([
    ['an action', 'remove', { reputation: 1, accepted: 1, rejected: 0 }],
    ['no action', 'no_action', { reputation: -1, accepted: 0, rejected: 1 }],
  ])('moves each distinct reporter once on %s, duplicates included', (_name, action, delta) => {
    // Prepare: alice reported twice, bob once, and a person without an account once.
    const { caseState, links } = caseOf([notice(), notice(), notice({ reporterKey: 'user:bob' }), notice({ reporterKind: 'anonymous', reporterKey: 'anon:m' })]);

    // Act
    const change = decide(caseState, decisionFor(action), { links });

    // Assess
    expect(change.reporterDeltas).toEqual(['user:alice', 'user:bob', 'anon:m'].map((reporterKey) => ({ reporterKey, unfounded: 0, ...delta })));
  });
});

describe('who decides', () => {
  it.each<[string, (c: CaseState) => CaseState, string]>([
    ['nobody claimed the case', (c) => c, 'claim-first'],
    ['another moderator holds the case', (c) => ({ ...c, lease: { moderatorId: 'mod-2', expiresAt: at(DAY_MS).toISOString() } }), 'claim-first'],
    ['the moderator’s claim ran out', (c) => ({ ...c, lease: { moderatorId: 'mod-1', expiresAt: at(60_000).toISOString() } }), 'lease-expired'],
    ['the case is decided already', (c) => ({ ...c, status: 'decided' }), 'case-decided'],
  ])('refuses when %s', (_name, prepare, reason) => {
    // Prepare
    const c = prepare(noticeCase().caseState);

    // Act + Assess
    expect(() => decideCase({ caseState: c, moderatorId: 'mod-1', decision: decisionFor('no_action'), notices: [], puid: 'sor_0001', now: at(60_000) })).toThrow(
      expect.objectContaining({ name: 'ModerationConflictError', reason }),
    );
  });
});

describe('the redress a person is told of', () => {
  const APPEALABLE_UNTIL = new Date(Date.parse(DECIDED_AT) + moderationPolicy.appealWindowMs).toISOString();

  it('offers the notifier of a notice not acted on an appeal until the window closes', () => {
    // Prepare
    const decided = decide(noticeCase().caseState, decisionFor('no_action')).caseState;

    // Act
    const redress = noticeDecisionRedress(decided.decision!, []);

    // Assess
    expect(redress).toEqual({ kind: 'appeal', until: APPEALABLE_UNTIL });
  });

  it.each(restrictions)('offers the notifier of a notice that led to %s no appeal (reporters appeal only a decision not to act)', (action) => {
    // Prepare
    const decided = decide(noticeCase().caseState, restriction(action)).caseState;

    // Act
    const redress = noticeDecisionRedress(decided.decision!, []);

    // Assess
    expect(redress).toEqual({ kind: 'no_internal_appeal' });
  });

  it("tells the notifiers of an action taken on a notifier's appeal that the decision is final here", () => {
    // Prepare: a decision not to act, reversed on appeal into a removal with its statement.
    const decision = { ...decide(noticeCase().caseState, restriction('remove')).caseState.decision!, statementId: 'sor_0002' };

    // Act
    const redress = noticeDecisionRedress(decision, [{}, { newStatementId: 'sor_0002' }]);

    // Assess
    expect(redress).toEqual({ kind: 'final_on_appeal' });
  });

  it('tells the notifier of a notice closed on removed content that they cannot appeal, and the notifiers of a reversed action that the reversal is final', () => {
    // Act + Assess
    expect(alreadyActionedRedress()).toEqual({ kind: 'no_internal_appeal' });
    expect(reversalRedress()).toEqual({ kind: 'final_on_appeal' });
  });

  it('offers the affected account an appeal of a statement until the window closes, even once the case was appealed since', () => {
    // Prepare
    const { statement } = decide(noticeCase().caseState, restriction('remove'));
    const laterAppeal = { newStatementId: 'sor_0002' };

    // Act
    const redress = statementRedress(statement!, [laterAppeal]);

    // Assess
    expect(redress).toEqual({ kind: 'appeal', until: APPEALABLE_UNTIL });
  });

  it.each<[string, { replaces?: string }, Array<{ newStatementId?: string }>]>([
    ['a lesser measure replacing another', { replaces: 'sor_0000' }, []],
    ['an action after a decision not to act', {}, [{}, { newStatementId: 'sor_0001' }]],
  ])('tells the affected account that a statement issued on appeal (%s) leaves no internal appeal', (_name, over, appeals) => {
    // Prepare
    const statement = { ...decide(noticeCase().caseState, restriction('remove')).statement!, ...over };

    // Act
    const redress = statementRedress(statement, appeals);

    // Assess
    expect(redress).toEqual({ kind: 'final_on_appeal' });
  });
});

