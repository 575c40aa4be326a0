import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, eventBus, eventRules, functions, jobs, queues, tables, type FunctionName } from '#infra/manifest.ts';
import { AUDIT_REQUESTED_EVENT } from '#shared/security/manifest.ts';
import { auditExpectationsOf } from '#shared/security/audit/expected.ts';
import { asyncRetryAttempts } from '../../infra/constructs/async-invocation.ts';
import { jobRetryAttempts } from '../../infra/constructs/job-schedule.ts';
import { securityAuditDescribeActions } from '../../infra/constructs/security-audit-access.ts';
import { dataKeyLogicalId, pseudonymKeyLogicalId, storageKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

/**
 * The AWS side of the security audit: the quarterly schedule and the on-demand rule (each with its
 * retries, dead-letter queue and alarms), and the audit function's role, which describes every
 * table, queue and key of the stack and writes nothing but its own table.
 */

type Statement = Record<string, any>;
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const job = jobs['security-audit'];
const rule = eventRules.auditRequested;
/** How a cross-stack reference to a stateful resource appears in this template (export names carry the logical id). */
const importedArn = (logicalId: string) => `${logicalId}Arn`;
const keyLogicalIds = { data: dataKeyLogicalId, storage: storageKeyLogicalId, pseudonym: pseudonymKeyLogicalId };

describe('the security audit in AWS (dev)', () => {
  let stateless: Template;
  let lambdaId: string;
  let roleId: string;

  const lambdaIdOf = (name: FunctionName): string => {
    const found = Object.entries(resourcesOfType(stateless, 'AWS::Lambda::Function')).find(
      ([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
    );
    if (!found) throw new Error(`no function for ${name}`);
    return found[0];
  };
  const resource = (type: string, id: string): TemplateResource => {
    const found = resourcesOfType(stateless, type)[id];
    if (!found) throw new Error(`no ${type} ${id}`);
    return found;
  };
  /** Every statement of every policy attached to the audit function's role, inline ones included. */
  const auditRoleStatements = (): Statement[] => {
    const role = resource('AWS::IAM::Role', roleId);
    const attached = Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy'))
      .filter((policy) => policy.Properties?.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Statement[]);
    const inline = (role.Properties?.Policies ?? []).flatMap((policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement);
    return [...attached, ...inline];
  };
  /** A queue alarms as soon as it holds a message. */
  const expectAlarmed = (queueId: string) =>
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
    });

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    ({ stateless } = synthUserProtection('dev'));
    lambdaId = lambdaIdOf('securityAudit');
    roleId = resource('AWS::Lambda::Function', lambdaId).Properties?.Role['Fn::GetAtt'][0];
  });

  describe('the quarterly schedule', () => {
    const schedule = () => {
      const found = Object.values(resourcesOfType(stateless, 'AWS::Scheduler::Schedule')).filter(
        (candidate) => JSON.parse(candidate.Properties?.Target.Input).job === 'security-audit',
      );
      expect(found).toHaveLength(1);
      return found[0]!.Properties!;
    };

    it('invokes the audit at 03:00 UTC on the first day of each quarter, with { job, time: the scheduled time }', () => {
      // Act
      const properties = schedule();

      // Assess
      expect(job.schedule).toBe('cron(0 3 1 1,4,7,10 ? *)');
      expect(properties.ScheduleExpression).toBe(job.schedule);
      expect(properties.ScheduleExpressionTimezone).toBe('Etc/UTC');
      expect(properties.State).toBe('ENABLED');
      expect(properties.Target.Arn).toEqual({ 'Fn::GetAtt': [lambdaId, 'Arn'] });
      expect(JSON.parse(properties.Target.Input)).toEqual({ job: 'security-audit', time: '<aws.scheduler.scheduled-time>' });
    });

    it('retries a refused delivery for up to a day, then parks it in an encrypted dead-letter queue that alarms', () => {
      // Act
      const target = schedule().Target;
      const queueId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];

      // Assess
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: jobRetryAttempts, MaximumEventAgeInSeconds: 86_400 });
      expect(resource('AWS::SQS::Queue', queueId).Properties?.SqsManagedSseEnabled).toBe(true);
      expectAlarmed(queueId);
    });
  });

  describe('the on-demand rule', () => {
    const ruleId = () => {
      const found = Object.entries(resourcesOfType(stateless, 'AWS::Events::Rule')).filter(([id, candidate]) =>
        id.startsWith(rule.logicalId) && candidate.Properties?.EventPattern?.['detail-type']?.includes(AUDIT_REQUESTED_EVENT),
      );
      expect(found).toHaveLength(1);
      return found[0]![0];
    };
    const ruleProperties = () => resource('AWS::Events::Rule', ruleId()).Properties!;

    it('hands the audit requests of security staff on the domain bus to the audit function', () => {
      // Act
      const properties = ruleProperties();

      // Assess
      expect(properties.EventPattern).toEqual({ source: ['user-protection.security'], 'detail-type': [AUDIT_REQUESTED_EVENT] });
      expect(JSON.stringify(properties.EventBusName)).toContain(eventBus.logicalId);
      expect(properties.Targets).toHaveLength(1);
      expect(properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [lambdaId, 'Arn'] });
    });

    it('retries, then parks the event in a dead-letter queue that alarms', () => {
      // Act
      const target = ruleProperties().Targets[0];
      const queueId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];

      // Assess
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: rule.retryAttempts, MaximumEventAgeInSeconds: rule.maxEventAgeHours * 3600 });
      expect(rule.retryAttempts).toBeGreaterThan(0);
      expectAlarmed(queueId);
    });

    it('may invoke the audit function, from this rule only', () => {
      // Assess
      expectResourceProperties(stateless, 'AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [lambdaId, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId(), 'Arn'] },
      });
    });
  });

  describe('a failed audit', () => {
    it('is retried by Lambda, then kept in its own on-failure queue, which alarms, and its Errors alarm fires', () => {
      // Act
      const configs = Object.values(resourcesOfType(stateless, 'AWS::Lambda::EventInvokeConfig')).filter(
        (config) => config.Properties?.FunctionName.Ref === lambdaId,
      );
      const queueId = configs[0]?.Properties?.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];

      // Assess: the event is worth the shorter of the rule's hour and the schedule's day (within Lambda's 6 hours).
      expect(configs).toHaveLength(1);
      expect(configs[0]?.Properties).toMatchObject({ MaximumRetryAttempts: asyncRetryAttempts, MaximumEventAgeInSeconds: 3600 });
      expectAlarmed(queueId);
      expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaId } }],
      });
    });
  });

  describe("the audit function's role", () => {
    /** Every action the role allows on one stateful resource (statements may be merged: their union). */
    const actionsOn = (logicalId: string): string[] =>
      auditRoleStatements()
        .filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Resource).includes(importedArn(logicalId)))
        .flatMap((statement) => asArray(statement.Action) as string[]);
    const describeStatements = (actions: readonly string[]) =>
      auditRoleStatements().filter((statement) => asArray(statement.Action).some((action: string) => actions.includes(action)));

    it('reads every table of the stack: its manifest grants read on each one', () => {
      // Assess
      expect(Object.keys(functions.securityAudit.tables).sort()).toEqual(Object.keys(tables).sort());
    });

    it('may describe every table, its backups and its TTL, each table named', () => {
      // Act + Assess
      for (const table of Object.values(tables)) expect(actionsOn(table.logicalId), table.logicalId).toEqual(expect.arrayContaining([...securityAuditDescribeActions.tables]));
      for (const statement of describeStatements(securityAuditDescribeActions.tables)) expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|\/\*/);
    });

    it("may read every queue's attributes, each queue named", () => {
      // Act + Assess
      for (const queue of Object.values(queues)) expect(actionsOn(queue.logicalId), queue.logicalId).toContain('sqs:GetQueueAttributes');
      for (const statement of describeStatements(securityAuditDescribeActions.queues)) expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|\/\*/);
    });

    it("may read each key's state, rotation and policy: the data, storage and pseudonym keys", () => {
      // Act + Assess
      for (const logicalId of Object.values(keyLogicalIds)) expect(actionsOn(logicalId), logicalId).toEqual(expect.arrayContaining([...securityAuditDescribeActions.keys]));
      for (const statement of describeStatements(securityAuditDescribeActions.keys)) expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"/);
    });

    it('names every resource it is granted: no * resource, no managed policy', () => {
      // Act
      const resources = auditRoleStatements().flatMap((statement) => asArray(statement.Resource));

      // Assess
      expect(resources.length).toBeGreaterThan(0);
      expect(resources).not.toContain('*');
      expect(resource('AWS::IAM::Role', roleId).Properties?.ManagedPolicyArns).toBeUndefined();
    });

    it('holds no write action but on its own table, its logs and its on-failure queue; keys only through DynamoDB and SQS', () => {
      // Prepare: what every function has (its log group), what it writes (its table), and how a failed
      // invocation leaves (Lambda sends the record to the on-failure queue as the function's role).
      const securityTable = importedArn(tables.security.logicalId);
      const onFailureQueueId = Object.values(resourcesOfType(stateless, 'AWS::Lambda::EventInvokeConfig')).find(
        (config) => config.Properties?.FunctionName.Ref === lambdaId,
      )?.Properties?.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
      const logGroupId: string = resource('AWS::Lambda::Function', lambdaId).Properties?.LoggingConfig.LogGroup.Ref;
      const viaService = (statement: Statement) => JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService'] ?? null);
      const readOnly = /^(dynamodb:(Describe|Get|Query|Scan|BatchGet|ConditionCheck)|sqs:GetQueueAttributes$|kms:(DescribeKey|GetKeyRotationStatus|GetKeyPolicy)$)/;
      /** Why a write is allowed, or undefined when it is not. */
      const allowedWrite = (action: string, statement: Statement): string | undefined => {
        const resources = asArray(statement.Resource).map((arn) => JSON.stringify(arn));
        if (/^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/.test(action) && resources.every((arn) => arn.includes(securityTable))) return 'own table';
        if (/^logs:(CreateLogStream|PutLogEvents)$/.test(action) && resources.every((arn) => arn.includes(`"${logGroupId}"`))) return 'own logs';
        if (action === 'sqs:SendMessage' && resources.every((arn) => arn === JSON.stringify({ 'Fn::GetAtt': [onFailureQueueId, 'Arn'] }))) return 'on-failure queue';
        // Reading an encrypted table needs Decrypt, writing its own needs Encrypt/GenerateDataKey: only
        // as DynamoDB's (or, for the on-failure records, SQS's) caller, on the storage key alone.
        const onStorageKeyOnly = resources.length === 1 && resources[0]!.includes(importedArn(storageKeyLogicalId));
        if (/^kms:(Decrypt|Encrypt|ReEncrypt\*|GenerateDataKey\*?)$/.test(action) && onStorageKeyOnly && /"(dynamodb|sqs)\./.test(viaService(statement))) return 'storage key via service';
        return undefined;
      };

      // Act
      const statements = auditRoleStatements();
      const refused = statements
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => asArray(statement.Action).map((action: string) => ({ action, statement })))
        .filter(({ action, statement }) => !readOnly.test(action) && allowedWrite(action, statement) === undefined);

      // Assess
      expect(refused, JSON.stringify(refused, null, 1)).toEqual([]);
      const actions = statements.flatMap((statement) => asArray(statement.Action));
      expect(actions).toContain('dynamodb:PutItem');
      expect(actions).toContain('dynamodb:Scan');
      expect(actions).not.toContain('events:PutEvents');
      expect(actions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action)).length).toBeGreaterThan(0);
    });

    it('may not use the data key or the pseudonym key in any way: only read their metadata', () => {
      // Act
      const onKey = (logicalId: string) =>
        auditRoleStatements().filter((statement) => JSON.stringify(statement.Resource).includes(importedArn(logicalId)));

      // Assess
      for (const logicalId of [dataKeyLogicalId, pseudonymKeyLogicalId]) {
        const actions = onKey(logicalId).flatMap((statement) => asArray(statement.Action));
        expect(actions.sort(), logicalId).toEqual([...securityAuditDescribeActions.keys].sort());
      }
    });
  });

  describe("the audit function's environment", () => {
    const variables = () => resource('AWS::Lambda::Function', lambdaId).Properties?.Environment.Variables as Record<string, any>;
    /** The JSON of a variable built with deploy-time values: each value is replaced by the name of the export it imports. */
    const targetsOf = (value: { 'Fn::Join': [string, Array<string | Record<string, any>>] }) =>
      JSON.parse(value['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`)).join(''));

    it('names every table, queue and key of the stack, as the readiness targets do', () => {
      // Act
      const targets = targetsOf(variables().READINESS_TARGETS);

      // Assess
      expect(Object.keys(targets.tables).sort()).toEqual(Object.keys(tables).sort());
      for (const [name, table] of Object.entries(tables)) expect(targets.tables[name], name).toContain(table.logicalId);
      expect(Object.keys(targets.queues).sort()).toEqual(Object.keys(queues).sort());
      for (const [name, queue] of Object.entries(queues)) expect(targets.queues[name], name).toContain(queue.logicalId);
      expect(Object.keys(targets.keys).sort()).toEqual(Object.keys(keyLogicalIds).sort());
      for (const [name, logicalId] of Object.entries(keyLogicalIds)) expect(targets.keys[name], name).toContain(importedArn(logicalId));
    });

    it('holds what the manifests say should be, and no data key', () => {
      // Act
      const environment = variables();

      // Assess
      expect(JSON.parse(environment.AUDIT_EXPECTATIONS)).toEqual(auditExpectationsOf({ tables, queues, functions }));
      expect(functions.securityAudit.usesDataKey).toBe(false);
      expect(environment[commonEnv.dataKeyArn]).toBeUndefined();
    });
  });
});
