import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { auditChecks } from '#shared/security/audit/checks.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { findingIdOf } from '#shared/security/domain/findings.ts';
import { createSecurityHarness, type SecurityHarness } from '../support/security-harness.ts';

/**
 * The audit job with the real checks against the local stack: its run records a result for every
 * check, and personal data planted in clear in a table item (through the AWS SDK, as anyone with
 * write access could) is a critical finding, resolved by the run after it is removed.
 */

const clock = fixedClock('2031-07-01T03:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const officer = { sub: `sec-${randomUUID().slice(0, 8)}`, role: 'security' as const };
let security: SecurityHarness;

beforeAll(async () => {
  security = await createSecurityHarness({ clock, realAudit: true });
});

const runAt = async (days: number) => {
  const outcome = (await security.runScheduled(new Date(clock.now().getTime() + days * DAY_MS))) as { runId: string };
  return (await security.invoke({ routeKey: 'GET /v1/security/audits/{id}', caller: officer, pathParameters: { id: outcome.runId } })).body!;
};

describe('the security audit job on the local stack', () => {
  it('records a run in which every check passed, failed or was not applicable', async () => {
    // Act
    const run = await runAt(0);

    // Assess
    expect(run.status).toBe('completed');
    expect(run.counts.checks).toBeGreaterThan(0);
    expect(run.counts.passed + run.counts.failed + run.counts.notApplicable).toBe(run.counts.checks);
    expect(run.results).toHaveLength(run.counts.checks);
    expect(new Set(run.results.map((r: CheckResult) => `${r.checkId} ${r.resource}`)).size).toBe(run.results.length);
  });

  it('turns an e-mail address planted in clear into a critical finding, resolved once it is removed', async () => {
    // Prepare
    const key = { pk: { S: `PLANTED#${randomUUID()}` }, sk: { S: 'PLANTED' } };
    const dynamodb = new DynamoDBClient({});
    await dynamodb.send(new PutItemCommand({ TableName: security.auditedTableName, Item: { ...key, note: { S: 'write to jane.doe@example.com' } } }));
    const id = findingIdOf(auditChecks.personalDataInClear.id, 'table:security');
    const read = () => security.invoke({ routeKey: 'GET /v1/security/findings/{id}', caller: officer, pathParameters: { id } });

    // Act
    const planted = await runAt(1);
    const found = await read();
    await dynamodb.send(new DeleteItemCommand({ TableName: security.auditedTableName, Key: key }));
    const cleaned = await runAt(2);
    const resolved = await read();

    // Assess
    expect(planted.findings.opened).toBeGreaterThanOrEqual(1);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ status: 'new', severity: 'critical', ownerTeam: 'data-protection', resource: 'table:security' });
    expect(found.body!.detail).toMatch(/e-?mail/i);
    expect(found.body!.detail).not.toContain('jane.doe@example.com');
    expect(cleaned.findings.resolved).toBeGreaterThanOrEqual(1);
    expect(resolved.body).toMatchObject({ status: 'resolved', history: expect.arrayContaining([expect.objectContaining({ to: 'resolved', by: { kind: 'audit', runId: cleaned.id } })]) });
  });
});
