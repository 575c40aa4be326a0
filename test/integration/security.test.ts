import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { findingIdOf } from '#shared/security/domain/findings.ts';
import { watchFindings } from '#shared/security/use-cases/watch-findings.ts';
import { invokedViolations } from '../support/contract.ts';
import { createSecurityHarness, type SecurityHarness } from '../support/security-harness.ts';

/**
 * The security context on DynamoDB Local: audit runs (scheduled and requested) recorded with their
 * counts and results, findings that a re-run updates rather than duplicates, resolved by a passing
 * check, back when a suppression expires, worked by security staff and refused to everyone else.
 * The checks are the test's (the real audit has a test of its own below it).
 */

const start = new Date('2031-01-01T03:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const dayAfter = (days: number) => new Date(start.getTime() + days * DAY_MS);
const clock = fixedClock(start);
let security: SecurityHarness;

beforeAll(async () => {
  security = await createSecurityHarness({ clock });
});

const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const officer = { sub: uid('sec'), role: 'security' as const };

type Request = Parameters<SecurityHarness['invoke']>[0];
/** Calls the security function and holds the answer to the OpenAPI contract. */
const call = async (request: Request, harness: SecurityHarness = security) => {
  const answer = await harness.invoke(request);
  expect(invokedViolations(request, answer)).toEqual([]);
  return answer;
};

const result = (checkId: string, outcome: CheckResult['outcome'], overrides: Partial<CheckResult> = {}): CheckResult => ({
  checkId,
  resource: 'table:complaints',
  outcome,
  severity: 'high',
  ownerTeam: 'platform',
  title: 'Point-in-time recovery is on',
  detail: outcome === 'failed' ? 'Point-in-time recovery is off' : 'as expected',
  ...overrides,
});

const findingsOf = async (checkId: string, query: Record<string, string> = {}) =>
  (await call({ routeKey: 'GET /v1/security/findings', caller: officer, query: { check: checkId, ...query } })).body!.items as Array<Record<string, any>>;

const statusChange = (id: string, body: unknown, caller: Request['caller'] = officer) =>
  call({ routeKey: 'POST /v1/security/findings/{id}/status', caller, pathParameters: { id }, body });

describe('audit runs', () => {
  it('record what each check said, with the counts and the duration', async () => {
    // Prepare
    const check = uid('table.pitr');
    security.setResults([result(check, 'failed'), result(check, 'passed', { resource: 'table:surveys' }), result(check, 'not-applicable', { resource: 'key:data' })]);

    // Act
    const outcome = await security.runScheduled(dayAfter(0));
    const runId = (outcome as { runId: string }).runId;
    const run = await call({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id: runId } });

    // Assess
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      id: runId,
      trigger: { kind: 'schedule' },
      status: 'completed',
      environment: 'local',
      counts: { checks: 3, passed: 1, failed: 1, notApplicable: 1 },
      findings: { opened: 1 },
      durationMs: expect.any(Number),
    });
    expect(run.body!.results.map((r: CheckResult) => r.outcome)).toEqual(['failed', 'passed', 'not-applicable']);
  });

  it('a retry of a completed schedule tick records no second run', async () => {
    // Prepare
    security.setResults([result(uid('check'), 'passed')]);
    const first = await security.runScheduled(dayAfter(1));

    // Act
    const retry = await security.runScheduled(dayAfter(1));

    // Assess
    expect(retry).toEqual({ ran: false, runId: (first as { runId: string }).runId, reason: 'already-completed' });
  });

  it('security staff request one: 202 with its id at once, run by the rule, listed newest first', async () => {
    // Prepare: a table of its own, so that the list holds this test's runs only
    const own = await createSecurityHarness({ clock });
    const check = uid('queue.ssl');
    own.setResults([result(check, 'passed')]);
    await own.runScheduled(new Date(clock.now().getTime() - DAY_MS));
    own.setResults([result(check, 'failed', { resource: 'queue:reports', severity: 'medium' })]);

    // Act
    const accepted = await call({ routeKey: 'POST /v1/security/audits', caller: officer }, own);
    const requested = await call({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id: accepted.body!.id } }, own);
    await own.deliver();
    const completed = await call({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id: accepted.body!.id } }, own);
    const listed = await call({ routeKey: 'GET /v1/security/audits', caller: officer, query: { limit: '1' } }, own);
    const rest = await call({ routeKey: 'GET /v1/security/audits', caller: officer, query: { limit: '1', cursor: listed.body!.nextCursor } }, own);

    // Assess
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/v1/security/audits/${accepted.body!.id}`);
    expect(requested.body).toMatchObject({ status: 'requested', trigger: { kind: 'request', by: officer.sub }, results: [] });
    expect(completed.body).toMatchObject({ status: 'completed', counts: { checks: 1, failed: 1 } });
    expect(listed.body!.items.map((run: { id: string }) => run.id)).toEqual([accepted.body!.id]);
    expect(rest.body!.items.map((run: { trigger: { kind: string } }) => run.trigger.kind)).toEqual(['schedule']);
    const findings = await call({ routeKey: 'GET /v1/security/findings', caller: officer, query: { check } }, own);
    expect(findings.body!.items).toHaveLength(1);
  });

  it('a broken audit is recorded failed, by the error name, and thrown for the retry', async () => {
    // Prepare
    const broken = await createSecurityHarness({ clock });
    const accepted = await broken.invoke({ routeKey: 'POST /v1/security/audits', caller: officer });
    broken.setResults(undefined as unknown as CheckResult[]);

    // Act
    const delivering = broken.deliver();

    // Assess
    await expect(delivering).rejects.toThrow();
    const run = await broken.invoke({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id: accepted.body!.id } });
    expect(run.body).toMatchObject({ status: 'failed', error: 'TypeError' });
  });
});

describe('findings across runs', () => {
  it('running twice creates no duplicate: the finding is seen again', async () => {
    // Prepare
    const check = uid('table.deletion-protection');
    security.setResults([result(check, 'failed'), result(check, 'failed', { resource: 'table:surveys', severity: 'low' })]);

    // Act
    await security.runScheduled(dayAfter(2));
    await security.runScheduled(dayAfter(3));
    const findings = await findingsOf(check);

    // Assess
    expect(findings).toHaveLength(2);
    expect(findings.map((f) => f.resource)).toEqual(['table:complaints', 'table:surveys']); // high before low
    for (const finding of findings) {
      expect(finding).toMatchObject({ status: 'new', firstSeenAt: dayAfter(2).toISOString(), lastSeenAt: dayAfter(3).toISOString() });
      expect(finding.history).toHaveLength(1);
    }
  });

  it('a failing check that then passes resolves its finding; failing again reopens it', async () => {
    // Prepare
    const check = uid('queue.dlq');
    const id = findingIdOf(check, 'table:complaints');
    security.setResults([result(check, 'failed')]);
    await security.runScheduled(dayAfter(4));

    // Act
    security.setResults([result(check, 'passed')]);
    await security.runScheduled(dayAfter(5));
    const resolved = await call({ routeKey: 'GET /v1/security/findings/{id}', caller: officer, pathParameters: { id } });
    security.setResults([result(check, 'failed')]);
    await security.runScheduled(dayAfter(6));
    const reopened = await call({ routeKey: 'GET /v1/security/findings/{id}', caller: officer, pathParameters: { id } });

    // Assess
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: dayAfter(5).toISOString() });
    expect(resolved.body!.history.at(-1)).toMatchObject({ to: 'resolved', by: { kind: 'audit' }, note: 'check passed' });
    expect(reopened.body).toMatchObject({ status: 'new', openedAt: dayAfter(6).toISOString() });
    expect(reopened.body!.history.at(-1)).toMatchObject({ from: 'resolved', to: 'new', note: 'failing again' });
  });

  it('a suppressed finding returns as new when its suppression expires, seen again or not', async () => {
    // Prepare
    const check = uid('key.rotation');
    const seen = findingIdOf(check, 'table:complaints');
    const gone = findingIdOf(check, 'table:surveys');
    security.setResults([result(check, 'failed'), result(check, 'failed', { resource: 'table:surveys' })]);
    await security.runScheduled(dayAfter(7));
    const until = dayAfter(20).toISOString();
    for (const id of [seen, gone]) await statusChange(id, { action: 'suppress', reason: 'compensating control', until, note: 'accepted until the migration' });
    security.setResults([result(check, 'failed')]);

    // Act
    await security.runScheduled(dayAfter(15));
    const during = await findingsOf(check, { status: 'suppressed' });
    await security.runScheduled(dayAfter(21));
    const after = await findingsOf(check, { status: 'new' });

    // Assess
    expect(during.map((f) => f.id).sort()).toEqual([seen, gone].sort());
    expect(after.map((f) => f.id).sort()).toEqual([seen, gone].sort());
    for (const finding of after) {
      expect(finding.suppression).toBeUndefined();
      expect(finding.history.at(-1)).toMatchObject({ from: 'suppressed', to: 'new', at: until, by: { kind: 'expiry' } });
    }
  });
});

describe('the hourly watch between audits', () => {
  it('lifts an expired suppression without waiting for the next audit, and counts the findings past their fix-by', async () => {
    // Prepare: a harness of its own, so that the counts are this test's findings only.
    const own = await createSecurityHarness({ clock });
    const check = uid('queue.ssl');
    const suppressed = findingIdOf(check, 'table:complaints');
    own.setResults([result(check, 'failed'), result(check, 'failed', { resource: 'table:surveys', severity: 'critical' })]);
    await own.runScheduled(dayAfter(0));
    const until = dayAfter(20).toISOString();
    await call({ routeKey: 'POST /v1/security/findings/{id}/status', caller: officer, pathParameters: { id: suppressed }, body: { action: 'suppress', reason: 'compensating control', until } }, own);

    // Act
    const before = await watchFindings(own.store, dayAfter(10));
    const after = await watchFindings(own.store, dayAfter(21));
    const again = await watchFindings(own.store, dayAfter(21));
    const lifted = await own.store.getFinding(suppressed);

    // Assess: the critical one (fix-by day 7) is overdue on day 10; the high one, new again from
    // day 20, has a fresh fix-by (day 50).
    expect(before).toEqual({ open: 1, overdue: 1, overdueBySeverity: { critical: 1, high: 0, medium: 0, low: 0 }, suppressionsExpired: 0 });
    expect(after).toEqual({ open: 2, overdue: 1, overdueBySeverity: { critical: 1, high: 0, medium: 0, low: 0 }, suppressionsExpired: 1 });
    expect(again.suppressionsExpired).toBe(0);
    expect(lifted).toMatchObject({ status: 'new', openedAt: until, fixBy: dayAfter(50).toISOString() });
    expect(lifted!.history.at(-1)).toMatchObject({ from: 'suppressed', to: 'new', at: until, by: { kind: 'expiry' } });
  });
});

describe('security staff work the findings', () => {
  it('acknowledge, resolve and reopen with a note, who and when recorded; what the status forbids is 409', async () => {
    // Prepare
    const check = uid('function.tracing');
    const id = findingIdOf(check, 'table:complaints');
    security.setResults([result(check, 'failed')]);
    await security.runScheduled(dayAfter(8));

    // Act
    const acknowledged = await statusChange(id, { action: 'acknowledge', note: 'platform team on it' });
    const again = await statusChange(id, { action: 'acknowledge' });
    const resolved = await statusChange(id, { action: 'resolve', note: 'tracing turned on' });
    const reopened = await statusChange(id, { action: 'reopen', note: 'still off in prod' });

    // Assess
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body!.history.at(-1)).toEqual({
      from: 'new',
      to: 'acknowledged',
      at: clock.now().toISOString(),
      by: { kind: 'staff', id: officer.sub },
      note: 'platform team on it',
    });
    expect(again.status).toBe(409);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: clock.now().toISOString() });
    expect(reopened.body).toMatchObject({ status: 'new' });
    expect(reopened.body!.history.map((h: { to: string }) => h.to)).toEqual(['new', 'acknowledged', 'resolved', 'new']);
  });

  it('bad changes are 400 and unknown findings 404', async () => {
    // Prepare
    const check = uid('function.runtime');
    const id = findingIdOf(check, 'table:complaints');
    security.setResults([result(check, 'failed')]);
    await security.runScheduled(dayAfter(9));

    // Act
    const past = await statusChange(id, { action: 'suppress', reason: 'r', until: dayAfter(-1).toISOString() });
    const noReason = await statusChange(id, { action: 'suppress', until: dayAfter(30).toISOString() });
    const unknownAction = await statusChange(id, { action: 'delete' });
    const missing = await statusChange(findingIdOf(check, 'table:nowhere'), { action: 'acknowledge' });
    const missingGet = await call({ routeKey: 'GET /v1/security/findings/{id}', caller: officer, pathParameters: { id: findingIdOf(check, 'x') } });
    const missingRun = await call({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id: 'aud_nothere' } });
    const badId = await call({ routeKey: 'GET /v1/security/findings/{id}', caller: officer, pathParameters: { id: 'not-an-id' } });

    // Assess
    expect([past.status, noReason.status, unknownAction.status, badId.status]).toEqual([400, 400, 400, 400]);
    expect([missing.status, missingGet.status, missingRun.status]).toEqual([404, 404, 404]);
  });

  it('filter by status, severity, check and owner team, page by sealed cursors', async () => {
    // Prepare
    const check = uid('queue.encryption');
    security.setResults([
      result(check, 'failed', { resource: 'queue:a', severity: 'critical', ownerTeam: 'security' }),
      result(check, 'failed', { resource: 'queue:b', severity: 'medium' }),
      result(check, 'failed', { resource: 'queue:c', severity: 'medium' }),
    ]);
    await security.runScheduled(dayAfter(10));
    await statusChange(findingIdOf(check, 'queue:c'), { action: 'acknowledge' });

    // Act
    const critical = await findingsOf(check, { severity: 'critical' });
    const team = await findingsOf(check, { ownerTeam: 'platform' });
    const acknowledged = await findingsOf(check, { status: 'acknowledged', severity: 'medium' });
    const first = await call({ routeKey: 'GET /v1/security/findings', caller: officer, query: { check, limit: '2' } });
    const second = await call({ routeKey: 'GET /v1/security/findings', caller: officer, query: { check, limit: '2', cursor: first.body!.nextCursor } });
    const stolen = await call({ routeKey: 'GET /v1/security/findings', caller: { sub: uid('sec'), role: 'security' }, query: { check, limit: '2', cursor: first.body!.nextCursor } });

    // Assess
    expect(critical.map((f) => f.resource)).toEqual(['queue:a']);
    expect(critical[0]).toMatchObject({ fixBy: new Date(dayAfter(10).getTime() + 7 * DAY_MS).toISOString(), overdue: false });
    // Same severity and fix-by: their order is the finding ids', so compare them as a set.
    expect(team.map((f) => f.resource).sort()).toEqual(['queue:b', 'queue:c']);
    expect(acknowledged.map((f) => f.resource)).toEqual(['queue:c']);
    const paged = [...first.body!.items, ...second.body!.items].map((f: { resource: string }) => f.resource);
    // The critical one first; the two medium ones (same fix-by) in their ids' order, each once.
    expect(paged[0]).toBe('queue:a');
    expect(paged.slice(1).sort()).toEqual(['queue:b', 'queue:c']);
    expect(stolen.status).toBe(400);
  });

  it('count an open finding past its fix-by as overdue, on reads and in each run', async () => {
    // Prepare
    const ownClock = fixedClock(start);
    const own = await createSecurityHarness({ clock: ownClock });
    const check = uid('data.personal');
    own.setResults([result(check, 'failed', { severity: 'critical', ownerTeam: 'data-protection' })]);
    await own.runScheduled(start);
    const read = { routeKey: 'GET /v1/security/findings/{id}', caller: officer, pathParameters: { id: findingIdOf(check, 'table:complaints') } };

    // Act
    ownClock.advance(7 * DAY_MS - 1);
    const onTime = await call(read, own);
    ownClock.advance(2);
    const late = await call(read, own);

    // Assess
    expect(onTime.body).toMatchObject({ status: 'new', fixBy: dayAfter(7).toISOString(), overdue: false });
    expect(late.body!.overdue).toBe(true);
    const counted = (await own.runScheduled(dayAfter(8))) as { open: { findings: number; overdue: number } };
    expect(counted.open).toEqual({ findings: 1, overdue: 1 });
  });
});

describe('the programme’s figures', () => {
  it('state the quarter’s audits and findings as the runs left them, for the report', async () => {
    // Prepare: a harness of its own, so that its table holds only these runs and findings.
    const ownClock = fixedClock(start);
    const own = await createSecurityHarness({ clock: ownClock });
    const critical = uid('data.clear');
    const high = uid('table.pitr');
    own.setResults([result(critical, 'failed', { severity: 'critical' }), result(high, 'failed')]);
    await own.runScheduled(dayAfter(0));
    own.setResults([result(critical, 'passed', { severity: 'critical' }), result(high, 'failed')]);
    ownClock.advance(3 * DAY_MS);
    await call({ routeKey: 'POST /v1/security/audits', caller: officer }, own);
    await own.deliver();
    ownClock.advance(40 * DAY_MS);

    // Act
    const figures = await call({ routeKey: 'GET /v1/security/figures', caller: officer, query: { quarter: '2031-Q1' } }, own);
    const current = await call({ routeKey: 'GET /v1/security/figures', caller: officer }, own);
    const badQuarter = await call({ routeKey: 'GET /v1/security/figures', caller: officer, query: { quarter: '2031-Q5' } }, own);

    // Assess
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      quarter: '2031-Q1',
      audits: { scheduled: 1, scheduledCompleted: 1, onDemand: 1, failed: 0, onSchedule: true },
      findings: {
        opened: { critical: 1, high: 1, medium: 0, low: 0 },
        resolved: { critical: 1, high: 0, medium: 0, low: 0 },
        overdue: { critical: 0, high: 1, medium: 0, low: 0 },
        medianDaysToFix: 3,
      },
      incidents: { quarter: '2031-Q1' },
      education: { quarter: '2031-Q1' },
    });
    expect(current.body).toMatchObject({ quarter: '2031-Q1' });
    expect(badQuarter.status).toBe(400);
  });
});

describe('everyone but security staff', () => {
  const routes: Request[] = [
    { routeKey: 'POST /v1/security/audits' },
    { routeKey: 'GET /v1/security/audits' },
    { routeKey: 'GET /v1/security/audits/{id}', pathParameters: { id: 'aud_whatever' } },
    { routeKey: 'GET /v1/security/findings' },
    { routeKey: 'GET /v1/security/figures', query: { quarter: '2031-Q1' } },
    { routeKey: 'GET /v1/security/findings/{id}', pathParameters: { id: findingIdOf('a', 'b') } },
    { routeKey: 'POST /v1/security/findings/{id}/status', pathParameters: { id: findingIdOf('a', 'b') }, body: { action: 'acknowledge' } },
  ];

  it.each(['user', 'agent', 'moderator', 'admin', 'comms'] as const)('a %s is refused 403 on every route', async (role) => {
    // Act
    const answers = await Promise.all(routes.map((route) => call({ ...route, caller: { sub: uid(role), role } })));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual(routes.map(() => 403));
    expect(security.published).toEqual([]);
  });

  it('a machine client is refused 403 on every route', async () => {
    // Act
    const answers = await Promise.all(routes.map((route) => call({ ...route, machine: { clientId: 'social', scopes: ['complaints/write'] } })));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual(routes.map(() => 403));
  });
});
