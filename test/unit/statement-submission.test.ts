import { describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/index.ts';
import {
  chunksOf,
  quarantineErrorsOf,
  retryAfterMs,
  retryDelayMs,
  submissionMetrics,
  submissionPolicy,
  verdictsOfBatchRefusal,
} from '#shared/moderation/domain/statement-submission.ts';
import { DUPLICATE_PUID_MESSAGE } from '#shared/moderation/domain/transparency-db.ts';
import type { TransparencyDatabaseAnswer } from '#shared/moderation/transparency-database/client.ts';
import { submitStatements, TransparencyDatabaseUnavailableError, type SubmissionPorts } from '#shared/moderation/use-cases/submit-statements.ts';

/**
 * The submission of statements of reasons to the Transparency Database, without I/O: batches of
 * at most 100, backoff that honours Retry-After, and what a refusal means for each statement (a
 * duplicate is already in, an invalid one is quarantined with the database's errors, the rest
 * of its batch goes on).
 */

const now = new Date('2026-06-01T09:00:00.000Z');

const statement = (puid: string): StatementOfReasons => ({
  puid,
  caseId: 'case_1',
  createdAt: '2026-06-01T08:00:00.000Z',
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms 4.2',
  groundExplanation: 'A fake shop.',
  facts: 'Buyers paid and got nothing.',
  source: 'notice',
  automatedDetection: false,
  automatedDecision: 'not_automated',
  category: 'fraud_or_scam',
  contentType: 'text',
  contentDate: '2026-05-30',
  affectedAccountId: 'author-secret-1',
  redress: [],
});

/** Submission records in memory, and a database that answers from a script (then 201). */
const harness = (puids: string[], script: Array<Partial<TransparencyDatabaseAnswer> & { status: number }> = []) => {
  const clock = fixedClock(now);
  const records = new Map<string, { status: string; apiErrors?: unknown; duplicate?: boolean }>(puids.map((p) => [p, { status: 'pending' }]));
  const sent: Array<{ path: 'batch' | 'single'; puids: string[]; body: string }> = [];
  const slept: number[] = [];
  const metrics: Record<string, number> = {};
  const answer = (path: 'batch' | 'single', statements: readonly object[]) => {
    sent.push({ path, puids: statements.map((s) => (s as { puid: string }).puid), body: JSON.stringify(statements) });
    return Promise.resolve(script.shift() ?? { status: 201 });
  };
  const settle = (puid: string, next: { status: string; apiErrors?: unknown; duplicate?: boolean }) => {
    if (records.get(puid)?.status !== 'pending') return Promise.resolve(false);
    records.set(puid, next);
    return Promise.resolve(true);
  };
  const ports: SubmissionPorts = {
    submissions: {
      pending: async (limit) => [...records].filter(([, r]) => r.status === 'pending').map(([p]) => p).slice(0, limit),
      statements: async (chunk) => chunk.map(statement),
      markSubmitted: (puid, _at, duplicate) => settle(puid, { status: 'submitted', ...(duplicate && { duplicate }) }),
      quarantine: (puid, _at, apiErrors) => settle(puid, { status: 'quarantined', apiErrors }),
    },
    api: { postStatements: (s) => answer('batch', s), postStatement: (s) => answer('single', [s]) },
    clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    count: (name, value) => {
      metrics[name] = (metrics[name] ?? 0) + value;
    },
    logger: { info: () => undefined, warn: () => undefined },
  };
  return { ports, records, sent, slept, metrics };
};

const puidsFrom = (n: number) => Array.from({ length: n }, (_, i) => `sor_${String(i).padStart(4, '0')}`);

describe('pure decisions', () => {
  it('cuts batches of at most 100', () => {
    // Act + Assess
    expect(chunksOf(puidsFrom(250), 100).map((c) => c.length)).toEqual([100, 100, 50]);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    // Act + Assess
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(new Date(now.getTime() + 12_000).toUTCString(), now)).toBe(12_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('waits what the server asked, else backs off exponentially with jitter up to a cap', () => {
    // Act + Assess
    expect(retryDelayMs(1, 5000)).toBe(5000);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(4000);
    expect(retryDelayMs(20, undefined, () => 1)).toBe(submissionPolicy.maxDelayMs);
  });

  it("attributes a batch's errors to its statements: duplicates apart, the invalid with their own fields", () => {
    // Act
    const { verdicts, attributed } = verdictsOfBatchRefusal(['a', 'b', 'c'], {
      'statements.0.puid': [DUPLICATE_PUID_MESSAGE],
      'statements.2.content_date': ['The content date must be after 2000-01-01.'],
    });

    // Assess
    expect(attributed).toBe(true);
    expect(verdicts.get('a')).toEqual({ kind: 'duplicate' });
    expect(verdicts.get('b')).toBeUndefined();
    expect(verdicts.get('c')).toEqual({ kind: 'invalid', errors: { content_date: ['The content date must be after 2000-01-01.'] } });
  });

  it('says when errors name no statement of the batch', () => {
    // Act + Assess
    expect(verdictsOfBatchRefusal(['a'], { statements: ['Too many.'] }).attributed).toBe(false);
    expect(verdictsOfBatchRefusal(['a'], { 'statements.5.puid': ['x'] }).attributed).toBe(false);
  });

  it('bounds what a quarantine keeps of the errors', () => {
    // Prepare
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, Array.from({ length: 9 }, () => 'm'.repeat(900))]));

    // Act
    const kept = quarantineErrorsOf(many);

    // Assess
    expect(Object.keys(kept)).toHaveLength(20);
    expect(kept.f0).toHaveLength(5);
    expect(kept.f0![0]).toHaveLength(300);
  });
});

describe('a submission run', () => {
  it('sends 250 statements in batches of 100, 100 and 50, each once, and records them', async () => {
    // Prepare
    const h = harness(puidsFrom(250));

    // Act
    const report = await submitStatements(h.ports);

    // Assess
    expect(h.sent.map((r) => r.puids.length)).toEqual([100, 100, 50]);
    expect(new Set(h.sent.flatMap((r) => r.puids)).size).toBe(250);
    expect(report).toMatchObject({ pending: 250, submitted: 250, quarantined: 0, requests: 3 });
    expect([...h.records.values()].every((r) => r.status === 'submitted')).toBe(true);
    expect(h.metrics[submissionMetrics.submitted]).toBe(250);
  });

  it('sends nothing the second time', async () => {
    // Prepare
    const h = harness(puidsFrom(3));
    await submitStatements(h.ports);

    // Act
    const second = await submitStatements(h.ports);

    // Assess
    expect(h.sent).toHaveLength(1);
    expect(second).toMatchObject({ pending: 0, submitted: 0, requests: 0 });
  });

  it('quarantines the statement the database refuses as invalid, with its errors, and resends the rest of the batch without it', async () => {
    // Prepare
    const errors = { 'statements.1.decision_facts': ['The decision facts field is required.'] };
    const h = harness(['sor_a', 'sor_b', 'sor_c'], [{ status: 422, errors }]);

    // Act
    const report = await submitStatements(h.ports);

    // Assess
    expect(h.sent.map((r) => r.puids)).toEqual([
      ['sor_a', 'sor_b', 'sor_c'],
      ['sor_a', 'sor_c'],
    ]);
    expect(h.records.get('sor_b')).toEqual({ status: 'quarantined', apiErrors: { decision_facts: ['The decision facts field is required.'] } });
    expect(h.records.get('sor_a')!.status).toBe('submitted');
    expect(report).toMatchObject({ submitted: 2, quarantined: 1 });
    expect(h.metrics[submissionMetrics.quarantined]).toBe(1);
  });

  it('records a statement refused as a duplicate puid as submitted, and never sends it again', async () => {
    // Prepare
    const h = harness(['sor_a', 'sor_b'], [{ status: 422, errors: { 'statements.0.puid': [DUPLICATE_PUID_MESSAGE] } }]);

    // Act
    const report = await submitStatements(h.ports);
    await submitStatements(h.ports);

    // Assess
    expect(h.records.get('sor_a')).toEqual({ status: 'submitted', duplicate: true });
    expect(report).toMatchObject({ submitted: 1, duplicates: 1, quarantined: 0 });
    expect(h.sent.map((r) => r.puids)).toEqual([['sor_a', 'sor_b'], ['sor_b']]);
  });

  it('sends each statement alone when the errors name none of them', async () => {
    // Prepare
    const h = harness(['sor_a', 'sor_b'], [{ status: 422, errors: { statements: ['Malformed.'] } }, { status: 201 }, { status: 422, errors: { category: ['Invalid.'] } }]);

    // Act
    await submitStatements(h.ports);

    // Assess
    expect(h.sent.map((r) => [r.path, r.puids])).toEqual([
      ['batch', ['sor_a', 'sor_b']],
      ['single', ['sor_a']],
      ['single', ['sor_b']],
    ]);
    expect(h.records.get('sor_b')).toEqual({ status: 'quarantined', apiErrors: { category: ['Invalid.'] } });
  });

  it('waits what Retry-After asks after a 429 and backs off after a 500, then succeeds', async () => {
    // Prepare
    const h = harness(['sor_a'], [{ status: 429, retryAfter: '3' }, { status: 503 }]);

    // Act
    const report = await submitStatements(h.ports);

    // Assess
    expect(h.slept[0]).toBe(3000);
    expect(h.slept[1]).toBeGreaterThanOrEqual(1000);
    expect(report).toMatchObject({ submitted: 1, requests: 3, retries: 2 });
  });

  it('gives up after its attempts with an error, leaving the statements pending for the next run', async () => {
    // Prepare
    const h = harness(['sor_a'], Array.from({ length: submissionPolicy.maxAttempts }, () => ({ status: 500 })));

    // Act + Assess
    await expect(submitStatements(h.ports)).rejects.toBeInstanceOf(TransparencyDatabaseUnavailableError);
    expect(h.records.get('sor_a')!.status).toBe('pending');
  });

  it('defers without failing when the database asks to wait longer than the run has left', async () => {
    // Prepare
    const h = harness(['sor_a'], [{ status: 429, retryAfter: String(submissionPolicy.runBudgetMs / 1000 + 60) }]);

    // Act
    const report = await submitStatements(h.ports);

    // Assess
    expect(report).toMatchObject({ deferred: true, submitted: 0 });
    expect(h.slept).toEqual([]);
    expect(h.records.get('sor_a')!.status).toBe('pending');
  });

  it('fails on a refusal of the request itself (a wrong token), without retrying', async () => {
    // Prepare
    const h = harness(['sor_a'], [{ status: 401 }]);

    // Act + Assess
    await expect(submitStatements(h.ports)).rejects.toBeInstanceOf(TransparencyDatabaseUnavailableError);
    expect(h.sent).toHaveLength(1);
  });

  it('sends nothing and records that it is disabled when no database is configured', async () => {
    // Prepare
    const h = harness(['sor_a']);

    // Act
    const report = await submitStatements({ ...h.ports, api: undefined });

    // Assess
    expect(report).toMatchObject({ enabled: false, submitted: 0 });
    expect(h.sent).toEqual([]);
    expect(h.metrics[submissionMetrics.disabled]).toBe(1);
  });

  it('sends no personal data: not the affected account, in any request', async () => {
    // Prepare
    const h = harness(puidsFrom(5));

    // Act
    await submitStatements(h.ports);

    // Assess
    expect(h.sent.map((r) => r.body).join('\n')).not.toContain('author-secret-1');
    expect(h.sent.map((r) => r.body).join('\n')).not.toMatch(/affected|account_id|caseId|case_1/i);
  });
});
