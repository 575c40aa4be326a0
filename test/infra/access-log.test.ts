import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, functions, tables, type FunctionDefinition, type FunctionName } from '#infra/manifest.ts';
import { resourcesOfType, synthUserProtection } from './synth-app.ts';

/**
 * The access log is append-only: the functions that record staff reads may only put new records
 * (no read, update, delete or batch write, which can delete), and the table keeps its history
 * (PITR, deletion protection in prod, the storage key) until its records' time to live ends.
 */

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const accessLogArn = `${tables.accessLog.logicalId}Arn`;
const appenders = (Object.keys(functions) as FunctionName[]).filter(
  (name) => (functions[name] as FunctionDefinition).tables.accessLog === 'append',
);

describe('access log (prod)', () => {
  let stateful: Template;
  let stateless: Template;

  /** The statements of a function's role that name the access-log table. */
  const accessLogStatements = (name: FunctionName) => {
    const [, lambda] = Object.entries(resourcesOfType(stateless, 'AWS::Lambda::Function')).find(
      ([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
    )!;
    const roleId = lambda.Properties?.Role['Fn::GetAtt'][0];
    return Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy'))
      .filter((policy) => policy.Properties?.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Array<Record<string, any>>)
      .filter((statement) => JSON.stringify(statement.Resource).includes(accessLogArn));
  };

  beforeAll(() => {
    ({ stateful, stateless } = synthUserProtection('prod'));
    // Bundling every function is slow on a busy machine.
  }, 600_000);

  it('is written by the functions that serve staff reads', () => {
    // Assess
    expect(appenders.sort()).toEqual(['complaints', 'moderation', 'privacy', 'surveys']);
  });

  it.each(appenders)('%s may only PutItem on the access-log table, with no index and no wildcard', (name) => {
    // Act
    const statements = accessLogStatements(name);

    // Assess
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      expect(asArray(statement.Action)).toEqual(['dynamodb:PutItem']);
      expect(JSON.stringify(statement.Resource)).not.toContain('/index/');
    }
  });

  it('lets the access-log function read the table and its indexes but write nothing', () => {
    // Act
    const actions = accessLogStatements('accessLog').flatMap((statement) => asArray(statement.Action) as string[]);

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query']));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
      expect(actions).not.toContain(write);
    }
  });

  it('keeps its records: PITR, deletion protection, the storage key, and a time to live that DynamoDB enforces', () => {
    // Act
    const table = resourcesOfType(stateful, 'AWS::DynamoDB::Table')[tables.accessLog.logicalId]!;

    // Assess
    expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties?.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    expect(table.Properties?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table.Properties?.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(['bySubject', 'byDay']);
  });
});
