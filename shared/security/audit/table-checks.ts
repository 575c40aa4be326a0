import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { Stage } from '#shared/manifest/platform.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import type { AuditClients } from '#shared/security/audit/clients.ts';
import { auditChecks, notApplicableLocally, resultOf, runsIn, unreadable, type CheckDefinition } from '#shared/security/audit/checks.ts';
import type { AuditExpectations } from '#shared/security/audit/expected.ts';
import type { AuditEnvironment } from '#shared/security/domain/audit.ts';

/** One table as the audit sees it: its manifest name, its physical name (when targeted) and what the manifest says. */
export interface AuditedTable {
  name: string;
  tableName: string | undefined;
  expected: AuditExpectations['tables'][string] | undefined;
}

interface TableContext {
  environment: AuditEnvironment;
  stage: Stage;
  /** The ARN of the storage key, which tables and queues are encrypted with (absent when not targeted). */
  storageKeyArn: string | undefined;
  dynamodb: AuditClients['dynamodb'];
}

const { tableEncryption, tablePointInTimeRecovery, tableDeletionProtection, tableTimeToLive } = auditChecks;
const tableChecks: readonly CheckDefinition[] = [tableEncryption, tablePointInTimeRecovery, tableDeletionProtection, tableTimeToLive];

const encryption = (resource: string, table: TableDescription, storageKeyArn: string | undefined): CheckResult => {
  const sse = table.SSEDescription;
  if (sse?.Status !== 'ENABLED' || sse.SSEType !== 'KMS') {
    return resultOf(tableEncryption, resource, 'failed', 'the table is encrypted with an AWS owned key, not a customer-managed key');
  }
  if (storageKeyArn === undefined) {
    return resultOf(tableEncryption, resource, 'failed', 'the storage key is not among the audit targets: its key cannot be compared');
  }
  return sse.KMSMasterKeyArn === storageKeyArn
    ? resultOf(tableEncryption, resource, 'passed', 'encrypted with the storage key')
    : resultOf(tableEncryption, resource, 'failed', 'encrypted with a KMS key other than the storage key');
};

const deletionProtection = (resource: string, table: TableDescription): CheckResult =>
  table.DeletionProtectionEnabled === true
    ? resultOf(tableDeletionProtection, resource, 'passed', 'deletion protection is on')
    : resultOf(tableDeletionProtection, resource, 'failed', 'deletion protection is off in prod');

const pointInTimeRecovery = async (resource: string, tableName: string, context: TableContext): Promise<CheckResult> => {
  try {
    const { ContinuousBackupsDescription: backups } = await context.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: tableName }));
    return backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED'
      ? resultOf(tablePointInTimeRecovery, resource, 'passed', 'point-in-time recovery is on')
      : resultOf(tablePointInTimeRecovery, resource, 'failed', 'point-in-time recovery is off');
  } catch (error) {
    return unreadable(tablePointInTimeRecovery, resource, 'the continuous backups', error);
  }
};

const timeToLive = async (resource: string, table: AuditedTable & { tableName: string }, context: TableContext): Promise<CheckResult> => {
  if (table.expected === undefined) {
    return resultOf(tableTimeToLive, resource, 'failed', 'no manifest names this table');
  }
  const wanted = table.expected === '' ? undefined : table.expected;
  try {
    const { TimeToLiveDescription: ttl } = await context.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));
    const on = ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING';
    if (wanted === undefined) {
      return on
        ? resultOf(tableTimeToLive, resource, 'failed', `time to live is on (attribute ${ttl?.AttributeName}) where the manifest names none`)
        : resultOf(tableTimeToLive, resource, 'passed', 'time to live is off, as the manifest names no attribute');
    }
    if (!on) return resultOf(tableTimeToLive, resource, 'failed', `time to live is off; the manifest names attribute ${wanted}`);
    return ttl?.AttributeName === wanted
      ? resultOf(tableTimeToLive, resource, 'passed', `time to live is on attribute ${wanted}`)
      : resultOf(tableTimeToLive, resource, 'failed', `time to live is on attribute ${ttl?.AttributeName}; the manifest names ${wanted}`);
  } catch (error) {
    return unreadable(tableTimeToLive, resource, 'the time to live', error);
  }
};

/** The results read from DescribeTable: encryption, and deletion protection on the prod stage. */
const describedChecks = async (resource: string, tableName: string, context: TableContext): Promise<CheckResult[]> => {
  const protectionApplies = runsIn(tableDeletionProtection, context.environment);
  const outsideProd =
    protectionApplies && context.stage !== 'prod'
      ? [resultOf(tableDeletionProtection, resource, 'not-applicable', `not applicable on stage ${context.stage}: required in prod only`)]
      : [];
  const toRead = [
    ...(runsIn(tableEncryption, context.environment) ? [tableEncryption] : []),
    ...(protectionApplies && context.stage === 'prod' ? [tableDeletionProtection] : []),
  ];
  if (toRead.length === 0) return outsideProd;
  try {
    const { Table: table = {} } = await context.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const read = toRead.map((check) =>
      check === tableEncryption ? encryption(resource, table, context.storageKeyArn) : deletionProtection(resource, table),
    );
    return [...read, ...outsideProd];
  } catch (error) {
    return [...toRead.map((check) => unreadable(check, resource, 'the table', error)), ...outsideProd];
  }
};

/** Every table check on one table: one result per check, whatever happens. */
export const checkTable = async (table: AuditedTable, context: TableContext): Promise<CheckResult[]> => {
  const resource = `table:${table.name}`;
  const local = tableChecks.filter((check) => !runsIn(check, context.environment)).map((check) => notApplicableLocally(check, resource));
  const { tableName } = table;
  if (tableName === undefined) {
    const missing = tableChecks
      .filter((check) => runsIn(check, context.environment))
      .map((check) => resultOf(check, resource, 'failed', 'the table is in the manifest but not among the audit targets'));
    return [...missing, ...local];
  }
  const [described, recovery, ttl] = await Promise.all([
    describedChecks(resource, tableName, context),
    runsIn(tablePointInTimeRecovery, context.environment) ? pointInTimeRecovery(resource, tableName, context) : undefined,
    timeToLive(resource, { ...table, tableName }, context),
  ]);
  return [...described, ...(recovery ? [recovery] : []), ttl, ...local];
};
