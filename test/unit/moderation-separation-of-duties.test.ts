import { describe, expect, it } from 'vitest';
import { claimCase, decideAppeal, decideCase, triage } from '#shared/moderation/domain/index.ts';
import { partiesOf, requireNotOwnContent } from '#shared/moderation/domain/separation-of-duties.ts';
import { appealed, at, caseOf, DAY_MS, decide, decisionFor, notice, restriction } from './support/moderation-fixtures.ts';

/**
 * Separation of duties in trust and safety: a moderator never claims or decides a case they
 * reported or whose content they wrote; the second opinion on an appeal is nobody involved in the
 * case; a reporter earns nothing for reporting their own content.
 */

const conflict = (party: string) => expect.objectContaining({ name: 'ConflictOfInterestError', party });

describe('the parties to a case', () => {
  it('are its reporters, the author of its content, the moderator who decided it and the appellant', () => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected', [notice({ reporterKey: 'user:alice' }), notice({ reporterKey: 'user:bob' })]);
    const record = { caseState: filed.caseState, notices: links, appeals: [filed.appeal] };

    // Act + Assess
    expect(partiesOf('alice', record)).toEqual(['reporter']);
    expect(partiesOf('bob', record)).toEqual(['reporter']);
    expect(partiesOf('author-1', record)).toEqual(['author', 'appellant']);
    expect(partiesOf('mod-1', record)).toEqual(['decider']);
    expect(partiesOf('mod-2', record)).toEqual([]);
  });

  it('include a reporter beyond the tracked few, found among the notices', () => {
    // Prepare
    const { caseState, links } = caseOf([notice({ reporterKey: 'user:alice' })]);
    const untracked = { ...caseState, reporters: [] };

    // Act + Assess
    expect(partiesOf('alice', { caseState: untracked, notices: links })).toEqual(['reporter']);
    expect(partiesOf('alice', { caseState: untracked, notices: [] })).toEqual([]);
  });
});

describe('a moderator', () => {
  it.each([
    ['reported the content', 'alice', 'reporter'],
    ['wrote the content', 'author-1', 'author'],
  ])('who %s may not claim the case', (_name, moderatorId, party) => {
    // Prepare
    const { caseState, links } = caseOf([notice({ reporterKey: 'user:alice' })]);

    // Act + Assess
    expect(() => claimCase(caseState, moderatorId, at(), undefined, links)).toThrow(conflict(party));
    expect(claimCase(caseState, 'mod-1', at(), undefined, links).caseState.lease?.moderatorId).toBe('mod-1');
  });

  it('who reported the content may not decide the case, even holding a claim', () => {
    // Prepare: the claim predates the notice that makes the moderator a reporter
    const { caseState } = caseOf([notice({ reporterKey: 'user:bob' })]);
    const claimed = claimCase(caseState, 'alice', at()).caseState;
    const { links } = caseOf([notice({ reporterKey: 'user:bob' }), notice({ reporterKey: 'user:alice' })]);

    // Act + Assess
    expect(() => decideCase({ caseState: claimed, moderatorId: 'alice', decision: restriction('remove'), notices: links, puid: 'sor_0001', now: at(60_000) })).toThrow(
      conflict('reporter'),
    );
  });

  it('may not take a measure against their own account', () => {
    // Prepare
    const { caseState, links } = caseOf([notice()]);

    // Act + Assess
    expect(() => decide(caseState, restriction('suspend_account', { affectedAccountId: 'mod-1' }), { links })).toThrow(conflict('author'));
  });
});

describe('the second opinion on an appeal', () => {
  it.each([
    ['the moderator who decided the case', 'mod-1', 'decider'],
    ['a reporter', 'alice', 'reporter'],
    ['the author of the content', 'author-1', 'author'],
  ])('is never %s', (_name, moderatorId, party) => {
    // Prepare
    const { filed, links } = appealed('remove', 'affected');

    // Act + Assess
    expect(() =>
      decideAppeal({ caseState: filed.caseState, appeal: filed.appeal, moderatorId, decision: { outcome: 'upheld', explanation: 'Stands.' }, puid: 'sor_0002', now: at(2 * DAY_MS), notices: links }),
    ).toThrow(conflict(party));
  });

  it('is never the appellant, even one who is no other party', () => {
    // Prepare: a reporter who filed no notice of record (beyond the tracked reporters) appeals a decision not to act
    const { filed } = appealed('no_action', 'reporter');
    const appeal = { ...filed.appeal, appellantId: 'carol' };

    // Act + Assess
    expect(() =>
      decideAppeal({ caseState: filed.caseState, appeal, moderatorId: 'carol', decision: { outcome: 'upheld', explanation: 'Stands.' }, puid: 'sor_0002', now: at(2 * DAY_MS), notices: [] }),
    ).toThrow(conflict('appellant'));
  });
});

describe('reporting one’s own content', () => {
  it('is refused when the content is known to be the reporter’s', () => {
    // Act + Assess
    expect(() => requireNotOwnContent('author-1', { authorRef: 'author-1' })).toThrow(conflict('author'));
    expect(() => requireNotOwnContent('alice', { authorRef: 'author-1' })).not.toThrow();
    expect(() => requireNotOwnContent('alice', {})).not.toThrow();
  });

  it('earns no reward when the author is learnt only at triage; the next reporter’s notice does', () => {
    // Prepare
    const own = notice({ reporterKey: 'user:author-1', receivedAt: '2026-03-01T08:00:00.000Z' });
    const other = notice({ reporterKey: 'user:bob', receivedAt: '2026-03-01T09:00:00.000Z' });

    // Act
    const opened = triage({ notice: own, content: { authorRef: 'author-1' }, reporterReputation: 0, newCaseId: 'case_0009', now: at() });
    const merged = triage({ notice: other, current: opened.caseState!, content: { authorRef: 'author-1' }, reporterReputation: 0, newCaseId: 'case_0010', now: at() });
    const decided = decide(merged.caseState!, decisionFor('remove'));

    // Assess
    expect(opened.caseState!.firstRewardable).toBeUndefined();
    expect(merged.caseState!.firstRewardable).toMatchObject({ noticeId: other.id, accountId: 'bob' });
    expect(decided.reward).toMatchObject({ noticeId: other.id, accountId: 'bob' });
  });
});
