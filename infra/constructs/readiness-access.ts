import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { READINESS_TARGETS_ENV, type ReadinessTargets } from '#shared/platform/readiness.ts';
import { Stack } from 'aws-cdk-lib';

/**
 * What `GET /health/ready` needs: the physical names of every table, queue and key, by manifest
 * name, and describe permissions on exactly those (DescribeTable, GetQueueAttributes,
 * DescribeKey): no item, message or key material can be read with them.
 */
export function grantReadinessChecks(
  target: IFunction & { addEnvironment(key: string, value: string): unknown },
  dependencies: { tables: Record<string, ITable>; queues: Record<string, IQueue>; keys: Record<string, IKey> },
): void {
  const targets: ReadinessTargets = {
    tables: Object.fromEntries(Object.entries(dependencies.tables).map(([name, table]) => [name, table.tableName])),
    queues: Object.fromEntries(Object.entries(dependencies.queues).map(([name, queue]) => [name, queue.queueUrl])),
    keys: Object.fromEntries(Object.entries(dependencies.keys).map(([name, key]) => [name, key.keyArn])),
  };
  target.addEnvironment(READINESS_TARGETS_ENV, Stack.of(target).toJsonString(targets));
  const statements = [
    { actions: ['dynamodb:DescribeTable'], resources: Object.values(dependencies.tables).map((t) => t.tableArn) },
    { actions: ['sqs:GetQueueAttributes'], resources: Object.values(dependencies.queues).map((q) => q.queueArn) },
    { actions: ['kms:DescribeKey'], resources: Object.values(dependencies.keys).map((k) => k.keyArn) },
  ];
  for (const statement of statements) {
    if (statement.resources.length > 0) target.addToRolePolicy(new PolicyStatement(statement));
  }
}
