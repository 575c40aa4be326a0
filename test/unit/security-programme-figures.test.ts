import { describe, expect, it } from 'vitest';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { applyResult, type Finding } from '#shared/security/domain/findings.ts';
import { auditFiguresOf, findingFiguresOf } from '#shared/security/domain/programme-figures.ts';
import type { AuditRun } from '#shared/security/domain/runs.ts';

/**
 * The audit and findings figures of a quarter, from runs and findings whose numbers are worked out
 * by hand below. Findings go through the real lifecycle (`applyResult`), one run at a time.
 */

const DAY_MS = 86_400_000;
const q1 = (day: number) => new Date(Date.UTC(2031, 0, 1, 3) + day * DAY_MS);

const result = (checkId: string, outcome: CheckResult['outcome'], severity: CheckResult['severity']): CheckResult => ({
  checkId,
  resource: 'table:complaints',
  outcome,
  severity,
  ownerTeam: 'platform',
  title: 'a check',
  detail: outcome,
});

/** The finding of one check after each (outcome, day) run in turn. */
const findingAfter = (checkId: string, severity: CheckResult['severity'], runs: Array<[CheckResult['outcome'], number]>): Finding => {
  let finding: Finding | undefined;
  for (const [outcome, day] of runs) {
    const next = applyResult(finding, result(checkId, outcome, severity), { id: `aud_${day}`, at: q1(day) });
    if (next) finding = { ...next, version: (finding?.version ?? -1) + 1 };
  }
  if (!finding) throw new Error('no finding');
  return finding;
};

const run = (overrides: Partial<AuditRun> & Pick<AuditRun, 'requestedAt'>): AuditRun => ({
  id: `aud_${overrides.requestedAt.replace(/\D/g, '')}`,
  trigger: { kind: 'schedule' },
  status: 'completed',
  finishedAt: overrides.requestedAt,
  ...overrides,
});

describe('audit figures of a quarter', () => {
  it('count scheduled, on-demand and failed runs, and whether the quarter’s audit ran on schedule', () => {
    // Prepare
    const runs = [
      run({ requestedAt: '2030-12-31T23:00:00.000Z' }),
      run({ requestedAt: '2031-01-01T03:00:00.000Z', finishedAt: '2031-01-01T03:04:00.000Z' }),
      run({ requestedAt: '2031-02-10T10:00:00.000Z', trigger: { kind: 'request', by: 'sec-1' } }),
      run({ requestedAt: '2031-03-01T10:00:00.000Z', trigger: { kind: 'request', by: 'sec-1' }, status: 'failed', finishedAt: undefined }),
    ];

    // Act
    const figures = auditFiguresOf('2031-Q1', runs);

    // Assess
    expect(figures).toEqual({
      scheduled: 1,
      scheduledCompleted: 1,
      onDemand: 2,
      failed: 1,
      onSchedule: true,
      firstCompletedAt: '2031-01-01T03:04:00.000Z',
    });
  });

  it('say the audit was not on schedule when the only scheduled run failed, or completed weeks late', () => {
    // Act
    const failed = auditFiguresOf('2031-Q1', [run({ requestedAt: '2031-01-01T03:00:00.000Z', status: 'failed', finishedAt: undefined })]);
    const late = auditFiguresOf('2031-Q1', [run({ requestedAt: '2031-01-20T03:00:00.000Z' })]);
    const none = auditFiguresOf('2031-Q2', []);

    // Assess
    expect(failed).toMatchObject({ scheduled: 1, scheduledCompleted: 0, failed: 1, onSchedule: false, firstCompletedAt: null });
    expect(late.onSchedule).toBe(false);
    expect(none).toMatchObject({ scheduled: 0, onSchedule: false });
  });
});

describe('finding figures of a quarter', () => {
  it('count opened, reopened, resolved and overdue by severity, and the median days to fix', () => {
    // Prepare: days from 2031-01-01 (Q1 ends on day 90).
    const findings = [
      // critical: opened day 0, resolved day 4 (4 days to fix).
      findingAfter('c1', 'critical', [['failed', 0], ['passed', 4]]),
      // high: opened day 0, resolved day 10 (10 days), failing again day 20 (reopened, fix-by day 50): overdue at the end.
      findingAfter('h1', 'high', [['failed', 0], ['passed', 10], ['failed', 20]]),
      // critical: opened day 80, open at the end, fix-by day 87: overdue at the quarter's end.
      findingAfter('c2', 'critical', [['failed', 80]]),
      // low: opened day 95 (next quarter): not in Q1.
      findingAfter('l1', 'low', [['failed', 95]]),
    ];

    // Act
    const figures = findingFiguresOf('2031-Q1', findings, q1(200));

    // Assess
    expect(figures).toEqual({
      opened: { critical: 2, high: 1, medium: 0, low: 0 },
      reopened: 1,
      resolved: { critical: 1, high: 1, medium: 0, low: 0 },
      overdue: { critical: 1, high: 1, medium: 0, low: 0 },
      medianDaysToFix: 7,
    });
  });

  it('count overdue at the end of a past quarter, not now: a finding fixed since still counts', () => {
    // Prepare: opened day 0 (critical, fix-by day 7), resolved on day 100 (in Q2).
    const findings = [findingAfter('c3', 'critical', [['failed', 0], ['passed', 100]])];

    // Act
    const q1Figures = findingFiguresOf('2031-Q1', findings, q1(200));
    const q2Figures = findingFiguresOf('2031-Q2', findings, q1(200));

    // Assess
    expect(q1Figures.overdue.critical).toBe(1);
    expect(q1Figures.resolved.critical).toBe(0);
    expect(q2Figures).toMatchObject({ opened: { critical: 0 }, resolved: { critical: 1 }, overdue: { critical: 0 }, medianDaysToFix: 100 });
  });

  it('count overdue as of now for the quarter under way', () => {
    // Prepare: a high finding opened day 0, fix-by day 30.
    const findings = [findingAfter('h2', 'high', [['failed', 0]])];

    // Act
    const before = findingFiguresOf('2031-Q1', findings, q1(29));
    const after = findingFiguresOf('2031-Q1', findings, q1(31));

    // Assess
    expect(before.overdue.high).toBe(0);
    expect(after.overdue.high).toBe(1);
  });
});
