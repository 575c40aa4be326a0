import { describe, expect, it } from 'vitest';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import {
  applyResult,
  changeStatus,
  expireSuppression,
  type Finding,
  FINDING_ID_PATTERN,
  findingIdOf,
  FindingTransitionError,
  fixByOf,
  isOverdue,
  SuppressionPeriodError,
} from '#shared/security/domain/findings.ts';
import { countResults, RUN_ID_PATTERN, scheduledRunId } from '#shared/security/domain/runs.ts';

const failing: CheckResult = {
  checkId: 'table.point-in-time-recovery',
  resource: 'table:complaints',
  outcome: 'failed',
  severity: 'high',
  ownerTeam: 'platform',
  title: 'Point-in-time recovery is on',
  detail: 'Point-in-time recovery is off',
};
const passing: CheckResult = { ...failing, outcome: 'passed', detail: 'On' };
const notApplicable: CheckResult = { ...failing, outcome: 'not-applicable', detail: 'No counterpart locally' };

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 3));
const run = (n: number) => ({ id: `aud_run${n}`, at: day(n) });

const opened = (): Finding => applyResult(undefined, failing, run(0))!;

describe('finding ids', () => {
  it('are stable per (check, resource) and differ otherwise', () => {
    const id = findingIdOf('table.point-in-time-recovery', 'table:complaints');
    expect(id).toMatch(FINDING_ID_PATTERN);
    expect(findingIdOf('table.point-in-time-recovery', 'table:complaints')).toBe(id);
    expect(findingIdOf('table.point-in-time-recovery', 'table:surveys')).not.toBe(id);
    expect(findingIdOf('table.deletion-protection', 'table:complaints')).not.toBe(id);
    // The separator keeps (a, bc) and (ab, c) apart.
    expect(findingIdOf('a', 'bc')).not.toBe(findingIdOf('ab', 'c'));
  });
});

describe('fix-by policy', () => {
  it('gives critical 7 days, high 30, medium 90, low 180 from opening', () => {
    const at = '2026-01-01T00:00:00.000Z';
    expect(fixByOf('critical', at)).toBe('2026-01-08T00:00:00.000Z');
    expect(fixByOf('high', at)).toBe('2026-01-31T00:00:00.000Z');
    expect(fixByOf('medium', at)).toBe('2026-04-01T00:00:00.000Z');
    expect(fixByOf('low', at)).toBe('2026-06-30T00:00:00.000Z');
  });

  it('counts an open finding past its fix-by as overdue, and no other', () => {
    const finding = opened();
    expect(isOverdue(finding, day(29))).toBe(false);
    expect(isOverdue(finding, day(31))).toBe(true);
    const acknowledged = changeStatus(finding, { action: 'acknowledge' }, 'sec-1', day(1));
    expect(isOverdue(acknowledged, day(31))).toBe(true);
    expect(isOverdue(changeStatus(finding, { action: 'resolve' }, 'sec-1', day(1)), day(31))).toBe(false);
    const suppress = { action: 'suppress', reason: 'compensating control', until: day(60).toISOString() } as const;
    expect(isOverdue(changeStatus(finding, suppress, 'sec-1', day(1)), day(31))).toBe(false);
  });
});

describe('audit results on findings', () => {
  it('a failure opens a new finding with its fix-by, recorded as by the audit', () => {
    const finding = opened();
    expect(finding).toMatchObject({
      id: findingIdOf(failing.checkId, failing.resource),
      status: 'new',
      severity: 'high',
      ownerTeam: 'platform',
      firstSeenAt: day(0).toISOString(),
      lastSeenAt: day(0).toISOString(),
      fixBy: fixByOf('high', day(0).toISOString()),
      version: 0,
    });
    expect(finding.history).toEqual([{ from: null, to: 'new', at: day(0).toISOString(), by: { kind: 'audit', runId: 'aud_run0' } }]);
  });

  it('a failure seen again updates lastSeenAt and keeps the status, the opening and the history', () => {
    const acknowledged = changeStatus(opened(), { action: 'acknowledge' }, 'sec-1', day(1));
    const seen = applyResult(acknowledged, { ...failing, detail: 'Still off' }, run(5))!;
    expect(seen.id).toBe(acknowledged.id);
    expect(seen.status).toBe('acknowledged');
    expect(seen.lastSeenAt).toBe(day(5).toISOString());
    expect(seen.lastRunId).toBe('aud_run5');
    expect(seen.firstSeenAt).toBe(day(0).toISOString());
    expect(seen.detail).toBe('Still off');
    expect(seen.history).toEqual(acknowledged.history);
  });

  it('a changed severity moves the fix-by, counted from the opening', () => {
    const seen = applyResult(opened(), { ...failing, severity: 'critical' }, run(2))!;
    expect(seen.fixBy).toBe(fixByOf('critical', day(0).toISOString()));
  });

  it('a pass resolves an open finding, as done by the audit', () => {
    const resolved = applyResult(opened(), passing, run(3))!;
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).toBe(day(3).toISOString());
    expect(resolved.history.at(-1)).toEqual({ from: 'new', to: 'resolved', at: day(3).toISOString(), by: { kind: 'audit', runId: 'aud_run3' }, note: 'check passed' });
  });

  it('a pass on a resolved finding or on none changes nothing', () => {
    const resolved = applyResult(opened(), passing, run(3))!;
    expect(applyResult(resolved, passing, run(4))).toBeUndefined();
    expect(applyResult(undefined, passing, run(4))).toBeUndefined();
  });

  it('not-applicable changes nothing, whatever the finding', () => {
    expect(applyResult(undefined, notApplicable, run(1))).toBeUndefined();
    expect(applyResult(opened(), notApplicable, run(1))).toBeUndefined();
  });

  it('a resolved finding failing again is reopened: new, with a fresh fix-by', () => {
    const resolved = applyResult(opened(), passing, run(3))!;
    const reopened = applyResult(resolved, failing, run(40))!;
    expect(reopened.status).toBe('new');
    expect(reopened.openedAt).toBe(day(40).toISOString());
    expect(reopened.fixBy).toBe(fixByOf('high', day(40).toISOString()));
    expect(reopened.firstSeenAt).toBe(day(0).toISOString());
    expect(reopened.resolvedAt).toBeUndefined();
    expect(reopened.history.at(-1)).toMatchObject({ from: 'resolved', to: 'new', note: 'failing again', by: { kind: 'audit', runId: 'aud_run40' } });
  });

  it('a suppressed finding failing again stays suppressed until its expiry', () => {
    const suppressed = changeStatus(opened(), { action: 'suppress', reason: 'risk accepted', until: day(30).toISOString() }, 'sec-1', day(1));
    const seen = applyResult(suppressed, failing, run(10))!;
    expect(seen.status).toBe('suppressed');
    expect(seen.lastSeenAt).toBe(day(10).toISOString());
  });

  it('a suppressed finding is new again after its expiry, with the fix-by counted from the expiry', () => {
    const until = day(30).toISOString();
    const suppressed = changeStatus(opened(), { action: 'suppress', reason: 'risk accepted', until }, 'sec-1', day(1));
    const seen = applyResult(suppressed, failing, run(31))!;
    expect(seen.status).toBe('new');
    expect(seen.suppression).toBeUndefined();
    expect(seen.openedAt).toBe(until);
    expect(seen.fixBy).toBe(fixByOf('high', until));
    expect(seen.history.at(-1)).toMatchObject({ from: 'suppressed', to: 'new', at: until, by: { kind: 'expiry' }, note: 'suppression expired' });
  });

  it('a pass resolves a suppressed finding and lifts the suppression', () => {
    const suppressed = changeStatus(opened(), { action: 'suppress', reason: 'risk accepted', until: day(30).toISOString() }, 'sec-1', day(1));
    const resolved = applyResult(suppressed, passing, run(10))!;
    expect(resolved.status).toBe('resolved');
    expect(resolved.suppression).toBeUndefined();
  });
});

describe('expiring suppressions', () => {
  it('leaves a suppression until its expiry and any other finding alone', () => {
    const finding = opened();
    const suppressed = changeStatus(finding, { action: 'suppress', reason: 'r', until: day(30).toISOString() }, 'sec-1', day(1));
    expect(expireSuppression(suppressed, day(29))).toBe(suppressed);
    expect(expireSuppression(suppressed, day(30)).status).toBe('new');
    expect(expireSuppression(finding, day(400))).toBe(finding);
  });
});

describe('status changes by security staff', () => {
  it('records who, when and the note', () => {
    const acknowledged = changeStatus(opened(), { action: 'acknowledge', note: 'on it' }, 'sec-1', day(1));
    expect(acknowledged.status).toBe('acknowledged');
    expect(acknowledged.history.at(-1)).toEqual({ from: 'new', to: 'acknowledged', at: day(1).toISOString(), by: { kind: 'staff', id: 'sec-1' }, note: 'on it' });
  });

  it('follow new → acknowledged → resolved, and reopen back to new', () => {
    const acknowledged = changeStatus(opened(), { action: 'acknowledge' }, 'sec-1', day(1));
    const resolved = changeStatus(acknowledged, { action: 'resolve', note: 'fixed in the stack' }, 'sec-1', day(2));
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: day(2).toISOString() });
    const reopened = changeStatus(resolved, { action: 'reopen' }, 'sec-2', day(3));
    expect(reopened).toMatchObject({ status: 'new', openedAt: day(3).toISOString(), fixBy: fixByOf('high', day(3).toISOString()) });
    expect(reopened.resolvedAt).toBeUndefined();
  });

  it('suppress with a reason, who and an expiry; reopen lifts it', () => {
    const suppressed = changeStatus(opened(), { action: 'suppress', reason: 'compensating control', until: day(20).toISOString() }, 'sec-1', day(1));
    expect(suppressed.suppression).toEqual({ reason: 'compensating control', by: 'sec-1', at: day(1).toISOString(), until: day(20).toISOString() });
    const reopened = changeStatus(suppressed, { action: 'reopen' }, 'sec-1', day(2));
    expect(reopened.status).toBe('new');
    expect(reopened.suppression).toBeUndefined();
  });

  it('refuse what the status does not allow', () => {
    const finding = opened();
    expect(() => changeStatus(finding, { action: 'reopen' }, 'sec-1', day(1))).toThrow(FindingTransitionError);
    const acknowledged = changeStatus(finding, { action: 'acknowledge' }, 'sec-1', day(1));
    expect(() => changeStatus(acknowledged, { action: 'acknowledge' }, 'sec-1', day(1))).toThrow(FindingTransitionError);
    const resolved = changeStatus(acknowledged, { action: 'resolve' }, 'sec-1', day(2));
    expect(() => changeStatus(resolved, { action: 'resolve' }, 'sec-1', day(3))).toThrow(FindingTransitionError);
    expect(() => changeStatus(resolved, { action: 'suppress', reason: 'r', until: day(9).toISOString() }, 'sec-1', day(3))).toThrow(FindingTransitionError);
  });

  it('refuse a suppression that ends in the past or beyond a year', () => {
    const finding = opened();
    expect(() => changeStatus(finding, { action: 'suppress', reason: 'r', until: day(0).toISOString() }, 'sec-1', day(1))).toThrow(SuppressionPeriodError);
    expect(() => changeStatus(finding, { action: 'suppress', reason: 'r', until: day(400).toISOString() }, 'sec-1', day(1))).toThrow(SuppressionPeriodError);
  });

  it('treat an expired suppression as new: it can be acknowledged, not reopened', () => {
    const suppressed = changeStatus(opened(), { action: 'suppress', reason: 'r', until: day(10).toISOString() }, 'sec-1', day(1));
    expect(() => changeStatus(suppressed, { action: 'reopen' }, 'sec-1', day(11))).toThrow(FindingTransitionError);
    expect(changeStatus(suppressed, { action: 'acknowledge' }, 'sec-1', day(11)).status).toBe('acknowledged');
  });
});

describe('runs', () => {
  it('count results by outcome', () => {
    expect(countResults([failing, passing, passing, notApplicable])).toEqual({ checks: 4, passed: 2, failed: 1, notApplicable: 1 });
  });

  it('give a schedule tick the same id on every retry', () => {
    const id = scheduledRunId(new Date('2026-04-01T03:00:00Z'));
    expect(id).toBe(scheduledRunId(new Date('2026-04-01T03:00:00Z')));
    expect(id).toMatch(RUN_ID_PATTERN);
  });
});
