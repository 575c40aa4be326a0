import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { functions, queues, tables } from '#infra/manifest.ts';
import { auditExpectationsOf } from '#shared/security/audit/expected.ts';
import { localPaths, REPOSITORY_ROOT } from '#infra/local/paths.ts';
import {
  JobUsageError,
  LocalStackNotRunningError,
  parseJobName,
  parseNow,
  parseQuarter,
  runJob,
} from '#infra/local/run-job.ts';

const temporaryRoots: string[] = [];
const temporaryRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'upp-job-'));
  temporaryRoots.push(root);
  return root;
};
afterAll(() => temporaryRoots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A stub job handler that records what it was called with, and the environment at that moment. */
const recordingLoader = (result: unknown = { swept: 0 }) => {
  const calls: Array<{ functionName: string; event: unknown; context: Context; env: NodeJS.ProcessEnv }> = [];
  const loadHandler = async (functionName: string) => async (event: unknown, context: Context) => {
    calls.push({ functionName, event, context, env: { ...process.env } });
    return result;
  };
  return { loadHandler, calls };
};

/** A port that was free a moment ago, so nothing answers there. */
const closedPort = () =>
  new Promise<number>((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => ok(port));
    });
  });

describe('runJob (the core of npm run job)', () => {
  it('invokes the job function once with { job, time: now } and returns its result', async () => {
    // Prepare
    const { loadHandler, calls } = recordingLoader({ warned: 2, breached: 1 });
    const now = new Date('2025-03-02T08:30:00Z');

    // Act
    const { event, result } = await runJob({ root: inject('localStack').root, job: 'sla-sweep', now, loadHandler });

    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0]?.functionName).toBe('slaSweep');
    expect(calls[0]?.event).toEqual({ job: 'sla-sweep', time: '2025-03-02T08:30:00.000Z' });
    expect(event).toEqual(calls[0]?.event);
    expect(calls[0]?.context.functionName).toBe(functions.slaSweep.logicalId);
    expect(result).toEqual({ warned: 2, breached: 1 });
  });

  it('runs the quarterly security audit, which the local clock never fires, with what it audits in its environment', async () => {
    // Prepare
    const { loadHandler, calls } = recordingLoader({ runId: 'run_1' });
    const now = new Date('2026-04-01T03:00:00Z');

    // Act
    const { event, result } = await runJob({ root: inject('localStack').root, job: 'security-audit', now, loadHandler });

    // Assess
    expect(calls[0]?.functionName).toBe('securityAudit');
    expect(event).toEqual({ job: 'security-audit', time: '2026-04-01T03:00:00.000Z' });
    expect(result).toEqual({ runId: 'run_1' });
    const targets = JSON.parse(calls[0]?.env.READINESS_TARGETS ?? '{}');
    expect(Object.keys(targets.tables).sort()).toEqual(Object.keys(tables).sort());
    expect(Object.keys(targets.queues).sort()).toEqual(Object.keys(queues).sort());
    expect(JSON.parse(calls[0]?.env.AUDIT_EXPECTATIONS ?? '{}')).toEqual(auditExpectationsOf({ tables, queues, functions }));
  });

  it('hands the quarterly report job the quarter named with --quarter', async () => {
    // Prepare
    const { loadHandler, calls } = recordingLoader({ quarter: '2026-Q3' });
    const now = new Date('2027-01-01T06:00:00Z');

    // Act
    const { event } = await runJob({ root: inject('localStack').root, job: 'transparency-report', now, quarter: '2026-Q3', loadHandler });

    // Assess
    expect(calls[0]?.functionName).toBe('transparencyReportJob');
    expect(event).toEqual({ job: 'transparency-report', time: '2027-01-01T06:00:00.000Z', quarter: '2026-Q3' });
  });

  it('gives the handler the environment the local stack gives its functions', async () => {
    // Prepare
    const { loadHandler, calls } = recordingLoader();
    const { root, env: stackEnv } = inject('localStack');

    // Act
    await runJob({ root, job: 'sla-sweep', now: new Date(), loadHandler });

    // Assess: tables, endpoints (EventBridge included), queue URLs, both local keys, the bus.
    const { LOG_LEVEL: _testOnly, ...expected } = stackEnv;
    expect(calls[0]?.env).toMatchObject(expected);
    expect(calls[0]?.env).toMatchObject({
      EVENT_BUS_NAME: 'user-protection-events',
      LOCAL_PSEUDONYM_KEY_FILE: localPaths(root).pseudonymKey,
      FIGURES_TABLE_NAME: 'figures',
    });
  });

  it('runs the moderation outbox relay from its own entry, with the stack environment', async () => {
    // Prepare: a "now" so early that nothing in the stack's outbox is past its grace period.
    const now = new Date('2020-01-01T00:00:00Z');

    // Act
    const { event, result } = await runJob({ root: inject('localStack').root, job: 'moderation-outbox-relay', now });

    // Assess
    expect(event).toEqual({ job: 'moderation-outbox-relay', time: '2020-01-01T00:00:00.000Z' });
    expect(result).toEqual({ now: '2020-01-01T00:00:00.000Z', changes: 0, events: 0, failed: 0, waiting: 0, quarantined: 0 });
  });

  it('passes a failure of the job on to its caller', async () => {
    // Prepare
    const loadHandler = async () => async () => {
      throw new RangeError('sweep failed');
    };

    // Act
    const running = runJob({ root: inject('localStack').root, job: 'sla-sweep', now: new Date(), loadHandler });

    // Assess
    await expect(running).rejects.toThrow(RangeError);
  });

  it('says the stack is not running when there is no endpoints file', async () => {
    // Prepare
    const { loadHandler, calls } = recordingLoader();

    // Act
    const running = runJob({ root: temporaryRoot(), job: 'sla-sweep', now: new Date(), loadHandler });

    // Assess
    await expect(running).rejects.toThrow(LocalStackNotRunningError);
    await expect(running).rejects.toThrow(/Start it with npm start/);
    expect(calls).toEqual([]);
  });

  it('says the stack is not running when the endpoints file is left from a stopped stack', async () => {
    // Prepare
    const root = temporaryRoot();
    mkdirSync(localPaths(root).dir, { recursive: true });
    const stale = `http://127.0.0.1:${await closedPort()}`;
    const endpoints = { ...inject('localStack').endpoints, dynamodb: stale };
    writeFileSync(localPaths(root).endpoints, JSON.stringify(endpoints));
    const { loadHandler, calls } = recordingLoader();

    // Act
    const running = runJob({ root, job: 'sla-sweep', now: new Date(), loadHandler });

    // Assess
    await expect(running).rejects.toThrow(`nothing answers at ${stale} (dynamodb)`);
    expect(calls).toEqual([]);
  });
});

describe('job arguments', () => {
  it('knows the jobs of the definitions and lists them when the name is wrong', () => {
    // Act + Assess
    expect(parseJobName('sla-sweep')).toBe('sla-sweep');
    expect(() => parseJobName('sla_sweep')).toThrow(JobUsageError);
    expect(() => parseJobName('sla_sweep')).toThrow(/Unknown job "sla_sweep": one of sla-sweep/);
    expect(() => parseJobName(undefined)).toThrow(/Name a job: one of sla-sweep/);
  });

  it.each(['2025-03-01T12:00:00Z', '2025-03-01T13:00:00+01:00', '2025-03-01T12:00Z', '2025-03-01T12:00:00.123Z'])(
    'accepts --now %s',
    (value) => {
      // Act + Assess
      expect(parseNow(value).getTime()).toBe(new Date(value).getTime());
    },
  );

  it.each(['tomorrow', '2025-03-01', '2025-03-01T12:00:00', '2025-02-30T12:00:00Z', '1740830400'])(
    'refuses --now %s',
    (value) => {
      // Act + Assess
      expect(() => parseNow(value)).toThrow(/--now must be an ISO 8601 time with an offset/);
    },
  );

  it('takes --quarter for the quarterly report only, as a quarter', () => {
    // Act + Assess
    expect(parseQuarter('transparency-report', '2026-Q4')).toBe('2026-Q4');
    expect(parseQuarter('transparency-report', undefined)).toBeUndefined();
    expect(() => parseQuarter('transparency-report', '2026-Q5')).toThrow(/--quarter must be a quarter such as 2026-Q4/);
    expect(() => parseQuarter('sla-sweep', '2026-Q4')).toThrow(/sla-sweep takes no --quarter/);
  });

  it('uses the clock when --now is absent', () => {
    // Act + Assess
    expect(parseNow(undefined, () => new Date('2025-01-01T00:00:00Z')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('npm run job, on usage errors and without a stack (no handler runs)', () => {
  const runCli = (args: string[], root: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/job-cli.ts', ...args], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, LOCAL_STACK_ROOT: root },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it.each([
    { name: 'an unknown job', args: ['no-such-job'], message: /Unknown job "no-such-job"/ },
    { name: 'no job', args: [], message: /Name a job/ },
    { name: 'a bad --now', args: ['sla-sweep', '--now', 'tomorrow'], message: /--now must be an ISO 8601 time/ },
    { name: 'a bad --quarter', args: ['transparency-report', '--quarter', '2026-4'], message: /--quarter must be a quarter such as 2026-Q4/ },
    { name: 'an unknown option', args: ['sla-sweep', '--later'], message: /Unknown option '--later'/ },
  ])('exits 2 on $name, listing the jobs', ({ args, message }) => {
    // Act
    const result = runCli(args, temporaryRoot());

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage: npm run job -- <job>/);
    expect(result.stderr).toMatch(/sla-sweep +rate\(1 minute\)/);
    expect(result.stdout).toBe('');
  });

  it('exits 1 with a clear message when the local stack is not running', () => {
    // Act
    const result = runCli(['sla-sweep'], temporaryRoot());

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/The local stack is not running .*Start it with npm start/);
    expect(result.stdout).toBe('');
  });
});
