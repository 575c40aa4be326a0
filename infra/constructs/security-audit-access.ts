import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functions, queues as queueDefinitions, tables as tableDefinitions } from '#infra/manifest.ts';
import { READINESS_TARGETS_ENV, type ReadinessTargets } from '#shared/platform/readiness.ts';
import { AUDIT_EXPECTATIONS_ENV, auditExpectationsOf } from '#shared/security/audit/expected.ts';

/**
 * The describe actions the security audit needs on each kind of resource, to compare what is
 * deployed with what the manifests say: a table's encryption, deletion protection (DescribeTable),
 * point-in-time recovery (DescribeContinuousBackups) and TTL (DescribeTimeToLive); a queue's
 * encryption, policy and redrive policy (GetQueueAttributes). None of them reads an item or a
 * message. (The keys are described by its keys and findings reader: security-audit-readers.ts.)
 */
export const securityAuditDescribeActions = {
  tables: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTimeToLive'],
  queues: ['sqs:GetQueueAttributes'],
} as const;

export interface SecurityAuditAccessProps {
  /** The audit function (manifest `securityAudit`). */
  target: IFunction & { addEnvironment(key: string, value: string): unknown };
  /** Every table, queue and key of the stack, by manifest name (keys: `data`, `storage`, `pseudonym`). */
  tables: Record<string, ITable>;
  queues: Record<string, IQueue>;
  keys: Record<string, IKey>;
}

/**
 * What the security audit reads beyond its tables (NodeFunction grants those from the manifest:
 * read on every table for the data sample, read and write on its own): the describe actions above
 * on exactly the stack's tables and queues, named one by one, and the same targets in its
 * environment as the readiness check gets (manifest name -> table name, queue URL, key ARN), with
 * every key (its keys and findings reader describes them: security-audit-readers.ts). Nothing here writes, and no key is
 * granted for use: the audit recognises ciphertext by its shape and never decrypts.
 */
export class SecurityAuditAccess extends Construct {
  public readonly targets: ReadinessTargets;

  constructor(scope: Construct, id: string, props: SecurityAuditAccessProps) {
    super(scope, id);
    const { target, tables, queues, keys } = props;
    this.targets = {
      tables: Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, table.tableName])),
      queues: Object.fromEntries(Object.entries(queues).map(([name, queue]) => [name, queue.queueUrl])),
      keys: Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, key.keyArn])),
    };
    target.addEnvironment(READINESS_TARGETS_ENV, Stack.of(this).toJsonString(this.targets));
    // What should be: plain data from the manifests, no deploy-time value in it.
    target.addEnvironment(AUDIT_EXPECTATIONS_ENV, JSON.stringify(auditExpectationsOf({ tables: tableDefinitions, queues: queueDefinitions, functions })));

    const statements = [
      { actions: securityAuditDescribeActions.tables, resources: Object.values(tables).map((table) => table.tableArn) },
      { actions: securityAuditDescribeActions.queues, resources: Object.values(queues).map((queue) => queue.queueArn) },
    ];
    for (const { actions, resources } of statements) {
      if (resources.length > 0) target.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources }));
    }
  }
}
