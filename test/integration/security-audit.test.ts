import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteItemCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { functions, queues, tables } from '#infra/manifest.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { readReadinessTargets } from '#shared/platform/readiness.ts';
import { auditChecks } from '#shared/security/audit/checks.ts';
import { auditClientsFromEnvironment, auditExpectationsOf, runAudit, type AuditDeps } from '#shared/security/audit/run-audit.ts';
import type { AuditReaders } from '#shared/security/audit/reader-contract.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';

const expected = auditExpectationsOf({ tables, queues, functions });
const tableChecks = [auditChecks.tableEncryption, auditChecks.tablePointInTimeRecovery, auditChecks.tableDeletionProtection, auditChecks.tableTimeToLive, auditChecks.personalDataInClear];
const queueChecks = [auditChecks.queueEncryption, auditChecks.queueSslOnly, auditChecks.queueDeadLetter, auditChecks.queueVisibilityTimeout];
const keyChecks = [auditChecks.keyRotation, auditChecks.keyPolicyPrincipals];
const deploymentChecks = Object.values(auditChecks).filter((check) => /^(function|api|iam|schedule|rule|security-hub)\./.test(check.id));

/** Locally no reader is invoked (their checks have no local counterpart): one that is fails the test. */
const noReaders: AuditReaders = {
  readDeployment: () => Promise.reject(new Error('the local audit invoked the deployment reader')),
  readKeysAndFindings: () => Promise.reject(new Error('the local audit invoked the keys and findings reader')),
};

const localAudit = (overrides: Partial<AuditDeps> = {}) =>
  runAudit({
    environment: 'local',
    stage: 'local',
    targets: readReadinessTargets(),
    clients: auditClientsFromEnvironment(),
    readers: noReaders,
    // What should be comes from the environment, as in the audit function (AUDIT_EXPECTATIONS).
    now: new Date(),
    ...overrides,
  });

const only = (results: CheckResult[], checkId: string, resource: string): CheckResult => {
  const matches = results.filter((result) => result.checkId === checkId && result.resource === resource);
  expect(matches, `${checkId} on ${resource}`).toHaveLength(1);
  return matches[0] as CheckResult;
};

describe('the audit against the local stack (DynamoDB Local, the SQS emulator, file keys)', () => {
  it('gives every table, queue and key a result for each of its checks, and none is missing', async () => {
    // Act
    const results = await localAudit();

    // Assess
    const targets = readReadinessTargets();
    expect(Object.keys(targets.tables).sort()).toEqual(Object.keys(tables).sort());
    for (const table of Object.keys(tables)) for (const check of tableChecks) only(results, check.id, `table:${table}`);
    for (const queue of Object.keys(queues)) for (const check of queueChecks) only(results, check.id, `queue:${queue}`);
    for (const key of Object.keys(targets.keys)) for (const check of keyChecks) only(results, check.id, `key:${key}`);
    for (const result of results) {
      expect(['passed', 'failed', 'not-applicable']).toContain(result.outcome);
      if (result.outcome === 'not-applicable') expect(result.detail).toMatch(/^(not applicable locally: |no function of the manifest consumes)/);
    }
    // Every check the audit defines is reported: those of functions, the API, roles, schedules, rules and Security Hub not applicable locally.
    for (const check of Object.values(auditChecks)) expect(results.some((result) => result.checkId === check.id), check.id).toBe(true);
    for (const check of deploymentChecks) {
      expect(results.filter((result) => result.checkId === check.id), check.id).toEqual([
        expect.objectContaining({ resource: expect.stringMatching(/^stack:/), outcome: 'not-applicable', detail: expect.stringMatching(/^not applicable locally: no /) }),
      ]);
    }
    expect(deploymentChecks).toHaveLength(13);
    // What has a local counterpart really ran, and the local stack is built as the manifest says.
    for (const table of Object.keys(tables)) expect(only(results, auditChecks.tableTimeToLive.id, `table:${table}`).outcome).toBe('passed');
    for (const queue of Object.keys(queues)) expect(only(results, auditChecks.queueDeadLetter.id, `queue:${queue}`).outcome).toBe('passed');
    expect(only(results, auditChecks.tablePointInTimeRecovery.id, 'table:idempotency').detail).toMatch(/^not applicable locally: /);
  });

  describe('on a table of its own', () => {
    const db = new DynamoDBClient({});
    const tableName = `audit-planted-${randomUUID().slice(0, 8)}`;
    const key = { pk: { S: 'COMPLAINT#cmp_01JEG3Z9XK' }, sk: { S: 'COMPLAINT' } };
    const auditPlanted = async () => {
      const targets = readReadinessTargets();
      const results = await localAudit({
        targets: { ...targets, tables: { ...targets.tables, planted: tableName } },
        expected: { ...expected, tables: { ...expected.tables, planted: '' } },
      });
      return only(results, auditChecks.personalDataInClear.id, 'table:planted');
    };

    beforeAll(async () => {
      await db.send(new CreateTableCommand(createTableInput(tables.complaints, tableName)));
    });
    afterAll(async () => {
      await db.send(new DeleteTableCommand({ TableName: tableName }));
    });

    it('finds an e-mail address planted in clear, then passes once it is gone', async () => {
      // Prepare: an item written through the SDK with an address in clear, deep in a map
      await db.send(new PutItemCommand({ TableName: tableName, Item: { ...key, contact: { M: { reply: { S: 'planted.person@example.com' } } } } }));

      // Act
      const planted = await auditPlanted();
      await db.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
      const removed = await auditPlanted();

      // Assess
      expect(planted).toMatchObject({ outcome: 'failed', severity: 'critical', ownerTeam: 'data-protection' });
      expect(planted.detail).toContain('e-mail address at contact.reply');
      expect(planted.detail).not.toContain('planted.person');
      expect(planted.detail).not.toContain('cmp_01JEG3Z9XK');
      expect(removed.outcome).toBe('passed');
    });

    it('passes the same address sealed as Encryption SDK ciphertext', async () => {
      // Prepare: the address sealed with the local data key, as the stores do
      const sealed = await cipherFromEnvironment().seal('complaint', 'cmp_01JEG3Z9XK', { reply: 'planted.person@example.com' });
      await db.send(new PutItemCommand({ TableName: tableName, Item: { ...key, personal: { B: sealed } } }));

      // Act
      const result = await auditPlanted();

      // Assess
      expect(result).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('1 Encryption SDK ciphertexts') });
    });
  });
});
