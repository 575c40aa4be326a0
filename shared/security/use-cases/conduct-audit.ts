import type { Clock } from '#shared/clock.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';
import { applyResult, expireSuppression, findingIdOf, isOverdue, type Finding } from '#shared/security/domain/findings.ts';
import { countResults, scheduledRunId, type AuditRun, type FindingChanges } from '#shared/security/domain/runs.ts';
import type { SecurityStore } from '#shared/security/store/security-store.ts';

/** What the audit job needs: the checks (`runAudit` of the audit module, given "now"), the table and a clock to time the run. */
export interface AuditJobPorts {
  store: SecurityStore;
  runAudit: (now: Date) => Promise<CheckResult[]>;
  clock: Clock;
  environment: AuditEnvironment;
}

/** What starts a run: a schedule tick (its time is "now"), or the request of security staff for a recorded run. */
export type AuditTrigger = { kind: 'schedule'; at: Date } | { kind: 'request'; runId: string };

export type AuditOutcome = { ran: true; run: AuditRun } | { ran: false; runId: string; reason: 'unknown-run' | 'already-completed' };

type Change = keyof FindingChanges;

/** How a finding changed under one run, for the run's counts. */
const changeOf = (before: Finding | undefined, after: Finding): Change => {
  if (!before) return 'opened';
  if (before.status === 'resolved' && after.status === 'new') return 'reopened';
  if (after.status === 'resolved') return 'resolved';
  if (before.status === 'suppressed' && after.status === 'new') return 'suppressionsExpired';
  return 'seenAgain';
};

/** Applies `decide` to the finding as stored, writing the outcome conditionally; a concurrent write makes it read and decide again. */
const updateFinding = (
  store: Pick<SecurityStore, 'getFinding' | 'saveFinding'>,
  findingId: string, first: Finding | undefined, decide: (current: Finding | undefined) => Finding | undefined) => {
  let read: Finding | undefined | null = first ?? null;
  return retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async (): Promise<Change | undefined> => {
      const current = read === null ? await store.getFinding(findingId, { consistent: true }) : read;
      read = null;
      const next = decide(current);
      if (!next) return undefined;
      await store.saveFinding({ ...next, version: current ? current.version + 1 : 0 });
      return changeOf(current, next);
    },
  );
};

/** Every result on the finding of its (check, resource), in order; then every suppression that has expired, seen or not. */
const applyToFindings = async (store: SecurityStore, results: readonly CheckResult[], run: { id: string; at: Date }): Promise<FindingChanges> => {
  const changes: FindingChanges = { opened: 0, reopened: 0, resolved: 0, seenAgain: 0, suppressionsExpired: 0 };
  const count = (change: Change | undefined) => {
    if (change) changes[change] += 1;
  };
  const relevant = results.filter((result) => result.outcome !== 'not-applicable');
  const known = new Map((await store.getFindings(relevant.map((r) => findingIdOf(r.checkId, r.resource)))).map((f) => [f.id, f]));
  const touched = new Set<string>();
  for (const result of relevant) {
    const id = findingIdOf(result.checkId, result.resource);
    // A second result on the same finding in one run reads what the first one wrote.
    const first = touched.has(id) ? undefined : known.get(id);
    touched.add(id);
    count(await updateFinding(store, id, first, (current) => applyResult(current, result, run)));
  }
  changes.suppressionsExpired += await liftExpiredSuppressions(store, run.at, touched);
  return changes;
};

/**
 * Makes every finding whose suppression has expired by `at` new again (as of its expiry), but
 * those in `skip`; returns how many. The audit does it at each run, the hourly watch in between.
 */
export const liftExpiredSuppressions = async (
  store: Pick<SecurityStore, 'findingsInStatus' | 'getFinding' | 'saveFinding'>,
  at: Date,
  skip: ReadonlySet<string> = new Set(),
): Promise<number> => {
  let lifted = 0;
  for (const suppressed of await store.findingsInStatus('suppressed')) {
    if (skip.has(suppressed.id)) continue;
    const change = await updateFinding(store, suppressed.id, suppressed, (current) => {
      const next = current && expireSuppression(current, at);
      return next === current ? undefined : next;
    });
    if (change) lifted += 1;
  }
  return lifted;
};

/** The run to carry out: a new one for a schedule tick (the same id for every retry of the tick), or the requested one. */
const runToStart = async (store: SecurityStore, trigger: AuditTrigger): Promise<AuditRun | AuditOutcome> => {
  if (trigger.kind === 'request') {
    const run = await store.getRun(trigger.runId, { consistent: true });
    if (!run) return { ran: false, runId: trigger.runId, reason: 'unknown-run' };
    return run.status === 'completed' ? { ran: false, runId: run.id, reason: 'already-completed' } : run;
  }
  const run: AuditRun = {
    id: scheduledRunId(trigger.at),
    trigger: { kind: 'schedule' },
    status: 'running',
    requestedAt: trigger.at.toISOString(),
  };
  try {
    await store.createRun(run);
    return run;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const existing = await store.getRun(run.id, { consistent: true });
    return existing?.status === 'completed' ? { ran: false, runId: run.id, reason: 'already-completed' } : (existing ?? run);
  }
};

/**
 * One audit run: records it running, runs every check, records the results with the counts and
 * the duration, and brings the findings up to date. A run that breaks is recorded failed (with
 * the error's name) and the error is thrown again, so that the invocation is retried and, in the
 * end, alarmed. A retry of a completed run does nothing.
 */
export const conductAudit = async (ports: AuditJobPorts, trigger: AuditTrigger): Promise<AuditOutcome> => {
  const found = await runToStart(ports.store, trigger);
  if ('ran' in found) return found;
  const started = ports.clock.now();
  // A schedule tick's time is the run's "now" (`npm run job -- security-audit --now` moves it); a request runs at once.
  const now = trigger.kind === 'schedule' ? trigger.at : started;
  const running: AuditRun = { ...found, status: 'running', startedAt: started.toISOString(), environment: ports.environment };
  await ports.store.saveRun(running);
  try {
    const results = await ports.runAudit(now);
    const findings = await applyToFindings(ports.store, results, { id: running.id, at: now });
    await ports.store.putResults(running.id, results);
    const open = [...(await ports.store.findingsInStatus('new')), ...(await ports.store.findingsInStatus('acknowledged'))];
    const finished = ports.clock.now();
    const run: AuditRun = {
      ...running,
      status: 'completed',
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      counts: countResults(results),
      findings,
      open: { findings: open.length, overdue: open.filter((finding) => isOverdue(finding, now)).length },
    };
    await ports.store.saveRun(run);
    return { ran: true, run };
  } catch (error) {
    const finished = ports.clock.now();
    await ports.store.saveRun({
      ...running,
      status: 'failed',
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      error: (error as Error)?.name ?? 'Error',
    });
    throw error;
  }
};
