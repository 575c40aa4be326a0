import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import {
  cachedReadiness,
  checkReadiness,
  type Readiness,
  type ReadinessClients,
  type ReadinessTargets,
  readReadinessTargets,
} from '#shared/platform/readiness.ts';

const now = () => new Date('2026-12-06T03:00:00.000Z');
const keyFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'readiness-')), 'key');
  writeFileSync(file, 'x');
  return file;
};

/** The describe calls answered as the SDK would: a status, a throw, or no answer at all. */
const clients = (answers: { table?: string; queue?: 'ok' | 'throw' | 'hang'; key?: string }) => ({
  tableStatus: vi.fn(async () => answers.table ?? 'ACTIVE'),
  queueAnswers: vi.fn(async () => {
    if (answers.queue === 'throw') throw new Error('AWS.SimpleQueueService.NonExistentQueue');
    if (answers.queue === 'hang') await new Promise(() => undefined);
  }),
  keyState: vi.fn(async () => answers.key ?? 'Enabled'),
});

const targets: ReadinessTargets = {
  tables: { complaints: 'UserProtection-complaints-1A2B' },
  queues: { reports: 'https://sqs.eu-west-1.amazonaws.com/1/reports' },
  keys: { data: 'arn:aws:kms:eu-west-1:1:key/abc' },
};

const check = (c: ReadinessClients, t: ReadinessTargets = targets) =>
  checkReadiness(t, c, { now, timeoutMs: 50, onFailure: () => undefined });

describe('readiness', () => {
  it('is ready when every table is active, every queue answers and every key is enabled', async () => {
    const readiness = await check(clients({}));
    expect(readiness).toEqual({
      status: 'ready',
      checkedAt: '2026-12-06T03:00:00.000Z',
      checks: { 'key:data': 'ok', 'queue:reports': 'ok', 'table:complaints': 'ok' },
    });
  });

  it.each([
    ['a table being created', { table: 'CREATING' }, 'table:complaints'],
    ['a missing queue', { queue: 'throw' as const }, 'queue:reports'],
    ['a queue that does not answer in time', { queue: 'hang' as const }, 'queue:reports'],
    ['a disabled key', { key: 'Disabled' }, 'key:data'],
    ['a key pending deletion', { key: 'PendingDeletion' }, 'key:data'],
  ])('is not ready with %s, and names only that dependency', async (_, answers, failing) => {
    const failures: string[] = [];
    const readiness = await checkReadiness(targets, clients(answers), {
      now,
      timeoutMs: 50,
      onFailure: (name) => failures.push(name),
    });
    expect(readiness.status).toBe('not-ready');
    expect(Object.entries(readiness.checks).filter(([, s]) => s === 'failing').map(([n]) => n)).toEqual([failing]);
    expect(failures).toEqual([failing]);
  });

  it('names dependencies by their manifest names, never physical names or ARNs', async () => {
    const answer = JSON.stringify(await check(clients({ queue: 'throw' })));
    expect(answer).not.toContain('UserProtection-complaints');
    expect(answer).not.toContain('arn:');
    expect(answer).not.toContain('NonExistentQueue');
  });

  it('checks a local key by its file, without KMS', async () => {
    const c = clients({});
    const readiness = await check(c, { tables: {}, queues: {}, keys: { data: `file:${keyFile()}`, gone: 'file:/nonexistent/key' } });
    expect(readiness.checks).toEqual({ 'key:data': 'ok', 'key:gone': 'failing' });
    expect(c.keyState).not.toHaveBeenCalled();
  });

  it('asks the dependencies once per time-to-live, however many probes come', async () => {
    let clock = 0;
    const compute = vi.fn(async (): Promise<Readiness> => ({ status: 'ready', checkedAt: now().toISOString(), checks: {} }));
    const readiness = cachedReadiness(compute, 10_000, () => clock);
    await Promise.all([readiness(), readiness(), readiness()]);
    clock = 9_999;
    await readiness();
    expect(compute).toHaveBeenCalledTimes(1);
    clock = 10_000;
    await readiness();
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('refuses to start without targets, or with malformed ones, instead of answering ready', () => {
    expect(() => readReadinessTargets({})).toThrow(ConfigError);
    expect(() => readReadinessTargets({ READINESS_TARGETS: '{' })).toThrow(ConfigError);
    expect(() => readReadinessTargets({ READINESS_TARGETS: '{"tables":[]}' })).toThrow(ConfigError);
    expect(readReadinessTargets({ READINESS_TARGETS: JSON.stringify(targets) })).toEqual(targets);
  });
});
