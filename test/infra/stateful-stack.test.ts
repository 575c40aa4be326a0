import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventArchivePattern, matchesPattern, type EventPattern } from '#infra/event-pattern.ts';
import { eventBus, functions, queues, tables, userPools, type FunctionDefinition, type QueueName } from '#infra/manifest.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { SUPERVISORS_GROUP } from '#shared/notifications/manifest.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import {
  dataKeyLogicalId,
  deadLetterQueueLogicalId,
  eventArchiveLogicalId,
  pseudonymKeyLogicalId,
  storageKeyLogicalId,
} from '../../infra/stacks/stateful-stack.ts';
import { userPoolLogicalId } from '../../infra/stacks/stateless-stack.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection } from './synth-app.ts';

const tableDefinitions = Object.values(tables);
const queueDefinitions = Object.values(queues);
const keyArn = { 'Fn::GetAtt': [dataKeyLogicalId, 'Arn'] };
const storageKeyArn = { 'Fn::GetAtt': [storageKeyLogicalId, 'Arn'] };

describe('stateful stack', () => {
  let dev: Template;
  let prod: Template;
  let prodStateless: Template;

  beforeAll(() => {
    // Prepare: one synthesis per stage for the whole file (bundling takes seconds).
    dev = synthUserProtection('dev').stateful;
    ({ stateful: prod, stateless: prodStateless } = synthUserProtection('prod'));
  });

  describe('data key', () => {
    it('is a customer-managed key with rotation, retained even in dev', () => {
      // Act
      const keys = dev.findResources('AWS::KMS::Key');

      // Assess: the data key, the storage key and the pseudonym key, nothing else.
      expect(Object.keys(keys).sort()).toEqual([dataKeyLogicalId, storageKeyLogicalId, pseudonymKeyLogicalId].sort());
      expect(keys[dataKeyLogicalId]).toMatchObject({
        Properties: { EnableKeyRotation: true },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expectResourceProperties(dev, 'AWS::KMS::Alias', {
        AliasName: 'alias/user-protection/dev/data',
        TargetKeyId: keyArn,
      });
    });
  });

  describe('storage key', () => {
    it('is a customer-managed key apart from the data key, with rotation, retained even in dev', () => {
      // Act
      const keys = resourcesOfType(dev, 'AWS::KMS::Key');

      // Assess
      expect(storageKeyLogicalId).not.toBe(dataKeyLogicalId);
      expect(keys[storageKeyLogicalId]).toMatchObject({
        Properties: { EnableKeyRotation: true },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expectResourceProperties(dev, 'AWS::KMS::Alias', {
        AliasName: 'alias/user-protection/dev/storage',
        TargetKeyId: storageKeyArn,
      });
    });

    it('encrypts no table and no queue with the data key', () => {
      // Act
      const encryptedWithDataKey = [
        ...Object.values(resourcesOfType(dev, 'AWS::DynamoDB::Table')).map((table) => table.Properties?.SSESpecification),
        ...Object.values(resourcesOfType(dev, 'AWS::SQS::Queue')).map((queue) => queue.Properties?.KmsMasterKeyId),
      ].filter((reference) => JSON.stringify(reference).includes(`"${dataKeyLogicalId}"`));

      // Assess
      expect(encryptedWithDataKey).toEqual([]);
    });
  });

  describe('pseudonym key', () => {
    it('is an HMAC-256 key for GenerateMac/VerifyMac under its alias, under a stable logical id', () => {
      // Act
      const key = resourcesOfType(dev, 'AWS::KMS::Key')[pseudonymKeyLogicalId];

      // Assess
      expect(key?.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      expectResourceProperties(dev, 'AWS::KMS::Alias', {
        AliasName: 'alias/user-protection/dev/pseudonym',
        TargetKeyId: { 'Fn::GetAtt': [pseudonymKeyLogicalId, 'Arn'] },
      });
    });

    it('is retained in prod and may be destroyed in dev', () => {
      // Act
      const inProd = resourcesOfType(prod, 'AWS::KMS::Key')[pseudonymKeyLogicalId];
      const inDev = resourcesOfType(dev, 'AWS::KMS::Key')[pseudonymKeyLogicalId];

      // Assess
      expect(inProd).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(inDev?.DeletionPolicy).toBe('Delete');
    });
  });

  describe('event bus', () => {
    it('exists once, under the logical id of its definition', () => {
      // Act
      const buses = Object.keys(resourcesOfType(dev, 'AWS::Events::EventBus'));

      // Assess
      expect(buses).toEqual([eventBus.logicalId]);
    });

    it.each([
      ['dev', 30],
      ['prod', 365],
    ] as const)('archives every event of the system in %s for %i days', (stage, days) => {
      // Act
      const archives = Object.entries(resourcesOfType(stage === 'dev' ? dev : prod, 'AWS::Events::Archive'));

      // Assess
      expect(archives).toHaveLength(1);
      const [logicalId, archive] = archives[0]!;
      expect(logicalId).toBe(eventArchiveLogicalId);
      expect(archive.Properties).toMatchObject({
        SourceArn: { 'Fn::GetAtt': [eventBus.logicalId, 'Arn'] },
        EventPattern: eventArchivePattern,
        RetentionDays: days,
      });
    });

    it.each([customerServiceManifest.name, moderationManifest.name, surveysManifest.name])(
      'archives an event published by the %s context, by the pattern deployed',
      (context) => {
        // Prepare
        const [, archive] = Object.entries(resourcesOfType(dev, 'AWS::Events::Archive'))[0]!;
        const event = { source: `${eventBus.source}.${context}`, 'detail-type': 'anything.happened' };

        // Act
        const archived = matchesPattern(archive.Properties?.EventPattern as EventPattern, event);

        // Assess
        expect(archived).toBe(true);
      },
    );

    it('keeps the bus and its archive in prod', () => {
      // Act
      const kept = ['AWS::Events::EventBus', 'AWS::Events::Archive'].flatMap((type) =>
        Object.values(resourcesOfType(prod, type)),
      );

      // Assess
      expect(kept).toHaveLength(2);
      for (const resource of kept) expect(resource.DeletionPolicy).toBe('Retain');
    });
  });

  describe('tables', () => {
    it('exist once per definition, under the logical id of the definition', () => {
      // Act
      const logicalIds = Object.keys(resourcesOfType(dev, 'AWS::DynamoDB::Table'));

      // Assess
      expect(logicalIds.sort()).toEqual(tableDefinitions.map((table) => table.logicalId).sort());
    });

    it.each(tableDefinitions)('$logicalId: keys, indexes and TTL follow the definition', (table) => {
      // Act
      const properties = resourcesOfType(dev, 'AWS::DynamoDB::Table')[table.logicalId]?.Properties;

      // Assess
      const keySchema = (partitionKey: { name: string }, sortKey?: { name: string }) => [
        { AttributeName: partitionKey.name, KeyType: 'HASH' },
        ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
      ];
      const sortKey = 'sortKey' in table ? table.sortKey : undefined;
      expect(properties?.KeySchema).toEqual(keySchema(table.partitionKey, sortKey));
      expect(properties?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(properties?.GlobalSecondaryIndexes ?? []).toEqual(
        table.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      const ttl = 'timeToLiveAttribute' in table ? table.timeToLiveAttribute : undefined;
      expect(properties?.TimeToLiveSpecification).toEqual(
        ttl ? { AttributeName: ttl, Enabled: true } : undefined,
      );
    });

    it.each(['dev', 'prod'] as const)('are encrypted with the storage key and have PITR in %s', (stage) => {
      // Act
      const stageTables = Object.values(resourcesOfType(stage === 'dev' ? dev : prod, 'AWS::DynamoDB::Table'));

      // Assess
      expect(stageTables).toHaveLength(tableDefinitions.length);
      for (const table of stageTables) {
        expect(table.Properties?.SSESpecification).toEqual({
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: storageKeyArn,
        });
        expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
      }
    });

    it('are retained and deletion-protected in prod', () => {
      // Act
      const prodTables = Object.values(resourcesOfType(prod, 'AWS::DynamoDB::Table'));

      // Assess
      expect(prodTables).toHaveLength(tableDefinitions.length);
      for (const table of prodTables) {
        expect(table).toMatchObject({
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { DeletionProtectionEnabled: true },
        });
      }
    });

    it('can be destroyed in dev', () => {
      // Act
      const devTables = Object.values(resourcesOfType(dev, 'AWS::DynamoDB::Table'));

      // Assess
      expect(devTables).toHaveLength(tableDefinitions.length);
      for (const table of devTables) {
        expect(table).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
      }
    });
  });

  describe('queues', () => {
    // The functions that consume each queue, from the definitions (`consumes`), as the event
    // source mappings of the stateless stack are built (test/infra/moderation-queues.test.ts).
    const consumerTimeouts = (queue: QueueName) =>
      Object.values(functions as Record<string, FunctionDefinition>)
        .filter((fn) => fn.consumes?.queue === queue)
        .map((fn) => fn.timeoutSeconds);
    const redriveOf = (template: Template, logicalId: string) =>
      resourcesOfType(template, 'AWS::SQS::Queue')[logicalId]?.Properties?.RedrivePolicy;

    it('exist with a dead-letter queue each, under stable logical ids', () => {
      // Act
      const logicalIds = Object.keys(resourcesOfType(dev, 'AWS::SQS::Queue'));

      // Assess
      const expected = queueDefinitions.flatMap((queue) => [queue.logicalId, deadLetterQueueLogicalId(queue)]);
      expect(logicalIds.sort()).toEqual(expected.sort());
    });

    it.each(queueDefinitions)('$logicalId redrives to its DLQ after maxReceiveCount (>= 5)', (queue) => {
      // Act
      const redrivePolicy = redriveOf(dev, queue.logicalId);

      // Assess
      expect(redrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueLogicalId(queue), 'Arn'] },
        maxReceiveCount: queue.maxReceiveCount,
      });
      expect(redrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
    });

    it.each(Object.keys(queues) as QueueName[])('%s hides a message for at least 6x the timeout of each function that consumes it', (name) => {
      // Act
      const queue = queues[name];
      const properties = resourcesOfType(dev, 'AWS::SQS::Queue')[queue.logicalId]?.Properties;
      const timeouts = consumerTimeouts(name);

      // Assess: a queue nobody consumes would only fill up.
      expect(timeouts.length).toBeGreaterThan(0);
      expect(properties?.VisibilityTimeout).toBe(queue.visibilityTimeoutSeconds);
      for (const timeout of timeouts) expect(properties?.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
      expect(properties?.MessageRetentionPeriod).toBe(queue.retentionDays * 24 * 3600);
    });

    it('are all encrypted with the storage key and refuse requests without TLS', () => {
      // Act
      const allQueues = resourcesOfType(dev, 'AWS::SQS::Queue');

      // Assess: every queue and its dead-letter queue.
      expect(Object.keys(allQueues)).toHaveLength(2 * queueDefinitions.length);
      for (const [logicalId, queue] of Object.entries(allQueues)) {
        expect(queue.Properties?.KmsMasterKeyId).toEqual(storageKeyArn);
        expectResourceProperties(dev, 'AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: logicalId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      }
    });

    it.each(queueDefinitions)('$logicalId: an alarm fires as soon as its DLQ holds a message', (queue) => {
      // Assess
      expectResourceProperties(dev, 'AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueueLogicalId(queue), 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
    });

    it('are retained in prod', () => {
      // Act
      const prodQueues = Object.values(resourcesOfType(prod, 'AWS::SQS::Queue'));

      // Assess
      expect(prodQueues).toHaveLength(2 * queueDefinitions.length);
      for (const queue of prodQueues) expect(queue.DeletionPolicy).toBe('Retain');
    });
  });

  describe('staff user pool', () => {
    const staffPool = (template: Template) => resourcesOfType(template, 'AWS::Cognito::UserPool')[userPools.staff.logicalId];

    it.each(['dev', 'prod'] as const)('%s: admin-created accounts only, TOTP MFA required, long passwords', (stage) => {
      // Act
      const pool = staffPool(stage === 'dev' ? dev : prod);

      // Assess
      expect(pool?.Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      });
    });

    it('has threat protection enforced in prod (Plus plan, full function)', () => {
      // Act
      const pool = staffPool(prod);

      // Assess
      expect(pool?.Properties).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    });

    it('has one group per staff role, the supervisors group, and a console client that signs in with SRP, without a secret', () => {
      // Act
      const groups = Object.values(resourcesOfType(dev, 'AWS::Cognito::UserPoolGroup')).map((group) => group.Properties?.GroupName);
      const clients = Object.values(resourcesOfType(dev, 'AWS::Cognito::UserPoolClient'));

      // Assess
      expect(groups.sort()).toEqual([...userPools.staff.roles, SUPERVISORS_GROUP].sort());
      expect(clients).toHaveLength(1);
      expect(clients[0]?.Properties).toMatchObject({
        UserPoolId: { Ref: userPools.staff.logicalId },
        GenerateSecret: false,
        AllowedOAuthFlowsUserPoolClient: false,
      });
      expect(clients[0]?.Properties?.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
    });

    it('keeps the accounts in prod: retained, with deletion protection', () => {
      // Act
      const pool = resourcesOfType(prod, 'AWS::Cognito::UserPool')[userPools.staff.logicalId];

      // Assess
      expect(pool).toMatchObject({ DeletionPolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
    });
  });

  describe('in prod, data held by the stateless stack', () => {
    it('keeps the user pool (every account) through stack deletion', () => {
      // Act
      const userPool = resourcesOfType(prodStateless, 'AWS::Cognito::UserPool')[userPoolLogicalId];

      // Assess
      expect(userPool).toMatchObject({ DeletionPolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
    });

    it('keeps function and access logs for a year', () => {
      // Act
      const logGroups = Object.values(resourcesOfType(prodStateless, 'AWS::Logs::LogGroup'));

      // Assess
      expect(logGroups.length).toBeGreaterThan(0);
      for (const logGroup of logGroups) {
        expect(logGroup).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365 } });
      }
    });
  });

  it('tags the keys, tables, queues and event bus with project and stage', () => {
    // Act
    const types = ['AWS::KMS::Key', 'AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::Events::EventBus'];
    const tagged = types.flatMap((type) =>
      Object.values(resourcesOfType(prod, type)),
    );

    // Assess
    for (const resource of tagged) {
      expect(resource.Properties?.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'project', Value: 'user-protection' },
          { Key: 'stage', Value: 'prod' },
        ]),
      );
    }
  });
});
