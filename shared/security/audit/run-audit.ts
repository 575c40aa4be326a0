import type { Stage } from '#shared/manifest/platform.ts';
import type { ReadinessTargets } from '#shared/platform/readiness.ts';
import type { AuditClients } from '#shared/security/audit/clients.ts';
import { checkTableData, DEFAULT_SAMPLE_SIZE } from '#shared/security/audit/data-checks.ts';
import { readAuditExpectations, type AuditExpectations } from '#shared/security/audit/expected.ts';
import { checkQueue } from '#shared/security/audit/queue-checks.ts';
import { checkWithReaders } from '#shared/security/audit/reader-checks.ts';
import type { AuditReaders } from '#shared/security/audit/reader-contract.ts';
import { checkTable } from '#shared/security/audit/table-checks.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';

export type { AuditClients } from '#shared/security/audit/clients.ts';
export { auditClientsFromEnvironment } from '#shared/security/audit/clients.ts';
export { auditExpectationsOf, readAuditExpectations, type AuditExpectations } from '#shared/security/audit/expected.ts';

export interface AuditDeps {
  environment: AuditEnvironment;
  stage: Stage;
  /** What is deployed: manifest name → table name, queue URL, key ARN (`file:<path>` locally). */
  targets: ReadinessTargets;
  clients: AuditClients;
  /** What reads the keys, the deployment and Security Hub's findings (in AWS only: lambda-readers.ts). */
  readers: AuditReaders;
  now: Date;
  /** Items sampled per table by the data check (one Scan page). */
  sampleSize?: number;
  /** What the manifests say should be; read from `AUDIT_EXPECTATIONS` when not given. */
  expected?: AuditExpectations;
}

/** The name of the key that encrypts tables and queues at rest, among the targets' keys. */
const STORAGE_KEY = 'storage';

/** Every name that the targets or the manifest know, in a stable order: a resource missing on either side is still checked. */
const namesOf = (...sources: Record<string, unknown>[]): string[] => [...new Set(sources.flatMap((source) => Object.keys(source)))].sort();

/**
 * Runs every check on every resource the targets and the manifests name, and returns one result
 * per (check, resource): passed, failed or not applicable, never silently skipped. A resource that
 * cannot be read fails the checks that needed it. `now` is the run's time: the checks compare
 * configuration, and the runtime check compares it with the runtimes' deprecation dates.
 */
export const runAudit = async (deps: AuditDeps): Promise<CheckResult[]> => {
  const expected = deps.expected ?? readAuditExpectations();
  const { environment, stage, targets, clients } = deps;
  const storageKeyArn = targets.keys[STORAGE_KEY];
  const sampleSize = deps.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const tableNames = namesOf(targets.tables, expected.tables);
  const queueNames = namesOf(targets.queues, expected.queues);

  const results = await Promise.all([
    ...tableNames.map((name) =>
      checkTable(
        { name, tableName: targets.tables[name], expected: expected.tables[name] },
        { environment, stage, storageKeyArn, dynamodb: clients.dynamodb },
      ),
    ),
    ...tableNames.map(async (name) => [await checkTableData(name, targets.tables[name], { dynamodb: clients.dynamodb, sampleSize })]),
    ...queueNames.map((name) =>
      checkQueue({ name, queueUrl: targets.queues[name], expected: expected.queues[name] }, { environment, storageKeyArn, sqs: clients.sqs }),
    ),
    checkWithReaders({ environment, readers: deps.readers, now: deps.now, targets }),
  ]);
  return results.flat();
};
