import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, eventBus, eventRules, functions, jobs, queues, routes, tables, type FunctionName } from '#infra/manifest.ts';
import { AUDIT_REQUESTED_EVENT } from '#shared/security/manifest.ts';
import { auditExpectationsOf } from '#shared/security/audit/expected.ts';
import { asyncRetryAttempts } from '../../infra/constructs/async-invocation.ts';
import { jobRetryAttempts } from '../../infra/constructs/job-schedule.ts';
import { securityAuditDescribeActions } from '../../infra/constructs/security-audit-access.ts';
import { securityAuditDeploymentActions } from '../../infra/constructs/security-audit-deployment-access.ts';
import { asynchronouslyInvokedFunctions } from '../../infra/constructs/async-invocation.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_INVENTORY_FILE, auditInventoryOf } from '#shared/security/audit/inventory.ts';
import { secretLikeVariables } from '#shared/security/audit/secret-detectors.ts';
import { SecurityAuditDeploymentAccess } from '../../infra/constructs/security-audit-deployment-access.ts';
import { keyReadActions, securityHubReadActions } from '../../infra/constructs/security-audit-readers.ts';
import type { StatelessStack } from '../../infra/stacks/stateless-stack.ts';
import { dataKeyLogicalId, pseudonymKeyLogicalId, storageKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

/**
 * The AWS side of the security audit: the quarterly schedule and the on-demand rule (each with its
 * retries, dead-letter queue and alarms), the audit function's role, which describes every table,
 * queue and key of the stack, invokes its two readers and writes nothing but its own table, and the
 * readers' roles, which read what runs the code (the deployment reader) and Security Hub's findings.
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
  let statelessStack: StatelessStack;
  let lambdaId: string;
  let deploymentReaderId: string;
  let keysAndFindingsReaderId: string;

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
  const roleIdOf = (functionId: string): string => resource('AWS::Lambda::Function', functionId).Properties?.Role['Fn::GetAtt'][0];
  /** Every statement of every policy attached to a function's role (policies and managed policies of the stack), inline ones included. */
  const roleStatements = (functionId: string): Statement[] => {
    const id = roleIdOf(functionId);
    const role = resource('AWS::IAM::Role', id);
    const attached = [...Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy')), ...Object.values(resourcesOfType(stateless, 'AWS::IAM::ManagedPolicy'))]
      .filter((policy) => (policy.Properties?.Roles ?? []).some((r: { Ref: string }) => r.Ref === id))
      .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Statement[]);
    const inline = (role.Properties?.Policies ?? []).flatMap((policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement);
    return [...attached, ...inline];
  };
  const auditRoleStatements = (): Statement[] => roleStatements(lambdaId);
  /** A queue alarms as soon as it holds a message. */
  const expectAlarmed = (queueId: string) =>
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
    });

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling every function takes minutes on a busy machine).
    let stacks: { stateless: StatelessStack };
    ({ stateless, stacks } = synthUserProtection('dev'));
    statelessStack = stacks.stateless;
    lambdaId = lambdaIdOf('securityAudit');
    deploymentReaderId = lambdaIdOf('securityAuditDeploymentReader');
    keysAndFindingsReaderId = lambdaIdOf('securityAuditKeysAndFindingsReader');
  }, 600_000);

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
    /** Every action a role allows on one stateful resource (statements may be merged: their union); the audit's by default. */
    const actionsOn = (logicalId: string, statements: Statement[] = auditRoleStatements()): string[] =>
      statements
        .filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Resource).includes(importedArn(logicalId)))
        .flatMap((statement) => asArray(statement.Action) as string[]);
    const describeStatements = (actions: readonly string[], statements: Statement[] = auditRoleStatements()) =>
      statements.filter((statement) => asArray(statement.Action).some((action: string) => actions.includes(action)));

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

    it("through its keys and findings reader, may read each key's state, rotation and policy: the data, storage and pseudonym keys", () => {
      // Prepare
      const readerStatements = roleStatements(keysAndFindingsReaderId);

      // Act + Assess
      for (const logicalId of Object.values(keyLogicalIds)) expect(actionsOn(logicalId, readerStatements), logicalId).toEqual(expect.arrayContaining([...keyReadActions]));
      for (const statement of describeStatements(keyReadActions, readerStatements)) expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"/);
    });

    it.each([
      { role: 'the audit', functionId: () => lambdaId, unscoped: [] as string[] },
      { role: 'the deployment reader', functionId: () => deploymentReaderId, unscoped: Object.keys(securityAuditDeploymentActions.unscoped) },
      { role: 'the keys and findings reader', functionId: () => keysAndFindingsReaderId, unscoped: [] as string[] },
    ])('$role: names every resource it is granted, but for the list actions IAM cannot scope; no AWS managed policy', ({ functionId, unscoped: listActions }) => {
      // Act
      const statements = roleStatements(functionId());
      const unscoped = statements.filter((statement) => asArray(statement.Resource).includes('*'));

      // Assess
      expect(statements.flatMap((statement) => asArray(statement.Resource)).length).toBeGreaterThan(0);
      expect(unscoped.flatMap((statement) => asArray(statement.Action)).sort()).toEqual([...listActions].sort());
      expect(resource('AWS::IAM::Role', roleIdOf(functionId())).Properties?.ManagedPolicyArns).toBeUndefined();
    });

    it('may invoke its two readers, and no other function', () => {
      // Act
      const invoke = auditRoleStatements().filter((statement) => asArray(statement.Action).some((action: string) => action.startsWith('lambda:')));

      // Assess
      expect(invoke.flatMap((statement) => asArray(statement.Action))).toEqual(['lambda:InvokeFunction']);
      expect(invoke.flatMap((statement) => asArray(statement.Resource))).toEqual([
        { 'Fn::GetAtt': [deploymentReaderId, 'Arn'] },
        { 'Fn::GetAtt': [keysAndFindingsReaderId, 'Arn'] },
      ]);
    });

    it("through its deployment reader, may read each function's asynchronous configuration and its role's policies, each named", () => {
      // Prepare
      const names = Object.keys(functions) as FunctionName[];
      const granted = (action: string) =>
        roleStatements(deploymentReaderId)
          .filter((statement) => statement.Effect === 'Allow' && asArray(statement.Action).includes(action))
          .flatMap((statement) => asArray(statement.Resource).map((arn) => JSON.stringify(arn)));

      // Act + Assess
      for (const name of names) {
        const lambda = lambdaIdOf(name);
        const role = resource('AWS::Lambda::Function', lambda).Properties?.Role['Fn::GetAtt'][0];
        expect(granted('lambda:GetFunctionEventInvokeConfig'), name).toContain(JSON.stringify({ 'Fn::GetAtt': [lambda, 'Arn'] }));
        for (const action of securityAuditDeploymentActions.named.roles) expect(granted(action), `${action} ${name}`).toContain(JSON.stringify({ 'Fn::GetAtt': [role, 'Arn'] }));
      }
      expect(granted('lambda:GetFunctionEventInvokeConfig')).toHaveLength(names.length);
    });

    it('through its readers, may read every schedule, every rule, the API, and the Security Hub findings of its own hub, each named', () => {
      // Prepare
      const grantedTo = (functionId: string, action: string) =>
        roleStatements(functionId)
          .filter((statement) => asArray(statement.Action).includes(action))
          .flatMap((statement) => asArray(statement.Resource).map((arn) => JSON.stringify(arn)));
      const granted = (action: string) => grantedTo(deploymentReaderId, action);

      // Act + Assess
      for (const id of Object.keys(resourcesOfType(stateless, 'AWS::Scheduler::Schedule'))) expect(granted('scheduler:GetSchedule')).toContain(JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
      for (const id of Object.keys(resourcesOfType(stateless, 'AWS::Events::Rule'))) expect(granted('events:ListTargetsByRule')).toContain(JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
      const apiId = Object.keys(resourcesOfType(stateless, 'AWS::ApiGatewayV2::Api'))[0]!;
      expect(granted('apigateway:GET').join()).toMatch(new RegExp(`/apis/.*${apiId}.*/routes.*/apis/.*${apiId}.*/stages`));
      expect(grantedTo(keysAndFindingsReaderId, 'securityhub:GetFindings').join()).toContain(':hub/default');
      expect(granted('securityhub:GetFindings')).toEqual([]);
      const readerActions = roleStatements(keysAndFindingsReaderId).flatMap((statement) => asArray(statement.Action) as string[]);
      expect(readerActions.filter((action) => !/^logs:/.test(action)).sort()).toEqual([...securityHubReadActions, ...keyReadActions].sort());
      expect(granted('logs:DescribeLogGroups').join()).toContain(':log-group:*');
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
      const readOnly =
        /^(dynamodb:(Describe|Get|Query|Scan|BatchGet|ConditionCheck)|sqs:GetQueueAttributes$)/;
      const readers = [deploymentReaderId, keysAndFindingsReaderId].map((id) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
      /** Why a write is allowed, or undefined when it is not. */
      const allowedWrite = (action: string, statement: Statement): string | undefined => {
        const resources = asArray(statement.Resource).map((arn) => JSON.stringify(arn));
        if (action === 'lambda:InvokeFunction' && resources.every((arn) => readers.includes(arn))) return 'its readers';
        if (/^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/.test(action) && resources.every((arn) => arn.includes(securityTable))) return 'own table';
        if (/^logs:(CreateLogStream|PutLogEvents)$/.test(action) && resources.every((arn) => arn.includes(`"${logGroupId}"`))) return 'own logs';
        if (action === 'sqs:SendMessage' && resources.every((arn) => arn === JSON.stringify({ 'Fn::GetAtt': [onFailureQueueId, 'Arn'] }))) return 'on-failure queue';
        // Reading an encrypted table needs Decrypt, writing its own needs Encrypt/GenerateDataKey (CDK's
        // grant adds DescribeKey): only as DynamoDB's (or, for the on-failure records, SQS's) caller, on the storage key alone.
        const onStorageKeyOnly = resources.length === 1 && resources[0]!.includes(importedArn(storageKeyLogicalId));
        if (/^kms:(Decrypt|Encrypt|ReEncrypt\*|GenerateDataKey\*?|DescribeKey)$/.test(action) && onStorageKeyOnly && /"(dynamodb|sqs)\./.test(viaService(statement))) return 'storage key via service';
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

    it('leaves its readers read actions only, and their own logs: the deployment checks to one, the keys and Security Hub to the other', () => {
      // Prepare
      const readOnly =
        /^(lambda:(ListFunctions|GetFunctionEventInvokeConfig)$|logs:DescribeLogGroups$|iam:(ListRolePolicies|GetRolePolicy|ListAttachedRolePolicies|GetPolicy|GetPolicyVersion)$|apigateway:GET$|scheduler:(ListSchedules|GetSchedule)$|events:(ListRules|ListTargetsByRule)$|securityhub:GetFindings$|kms:(DescribeKey|GetKeyRotationStatus|GetKeyPolicy)$)/;
      const actionsOf = (functionId: string) => {
        const logGroupId: string = resource('AWS::Lambda::Function', functionId).Properties?.LoggingConfig.LogGroup.Ref;
        const statements = roleStatements(functionId).filter((statement) => statement.Effect === 'Allow');
        const ownLogs = (statement: Statement) => asArray(statement.Resource).every((arn) => JSON.stringify(arn).includes(`"${logGroupId}"`));
        const refused = statements.flatMap((statement) =>
          asArray(statement.Action).filter((action: string) => !readOnly.test(action) && !(/^logs:(CreateLogStream|PutLogEvents)$/.test(action) && ownLogs(statement))),
        );
        return { refused, actions: statements.flatMap((statement) => asArray(statement.Action) as string[]) };
      };

      // Act
      const deploymentReader = actionsOf(deploymentReaderId);
      const keysAndFindingsReader = actionsOf(keysAndFindingsReaderId);

      // Assess
      expect(deploymentReader.refused).toEqual([]);
      expect(keysAndFindingsReader.refused).toEqual([]);
      const deploymentActions = [...Object.values(securityAuditDeploymentActions.named).flat(), ...Object.keys(securityAuditDeploymentActions.unscoped)];
      for (const action of deploymentActions) expect(deploymentReader.actions, action).toContain(action);
      expect(keysAndFindingsReader.actions).toContain('securityhub:GetFindings');
      for (const action of keyReadActions) expect(keysAndFindingsReader.actions).toContain(action);
      for (const functionId of [deploymentReaderId, keysAndFindingsReaderId]) {
        expect(resource('AWS::Lambda::Function', functionId).Properties?.Environment.Variables[commonEnv.dataKeyArn]).toBeUndefined();
      }
    });

    it('may not use the data key or the pseudonym key in any way; its keys and findings reader only reads their metadata', () => {
      // Act
      const onKey = (logicalId: string, statements: Statement[]) =>
        statements.filter((statement) => JSON.stringify(statement.Resource).includes(importedArn(logicalId))).flatMap((statement) => asArray(statement.Action));

      // Assess
      for (const logicalId of [dataKeyLogicalId, pseudonymKeyLogicalId]) {
        expect(onKey(logicalId, auditRoleStatements()), logicalId).toEqual([]);
        expect(onKey(logicalId, roleStatements(keysAndFindingsReaderId)).sort(), logicalId).toEqual([...keyReadActions].sort());
        expect(onKey(logicalId, roleStatements(deploymentReaderId)), logicalId).toEqual([]);
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

    it('names its two readers, by the names the stack gives them', () => {
      // Act
      const readers = targetsOf(variables().AUDIT_READERS);

      // Assess
      expect(Object.keys(readers).sort()).toEqual(['deployment', 'keysAndFindings']);
      expect(readers.deployment).toBe(`<{'Ref':'${deploymentReaderId}'}>`);
      expect(readers.keysAndFindings).toBe(`<{'Ref':'${keysAndFindingsReaderId}'}>`);
    });

    it('leaves the inventory of the manifests (functions, routes, jobs, rules) to its deployment reader, in a layer, with the API and the event bus', () => {
      // Act
      const environment = resource('AWS::Lambda::Function', deploymentReaderId).Properties?.Environment.Variables as Record<string, any>;
      const deployment = targetsOf(environment.AUDIT_DEPLOYMENT);
      const access = statelessStack.node.findAll().find((construct) => construct instanceof SecurityAuditDeploymentAccess);
      const file = path.join(access!.inventoryDirectory, AUDIT_INVENTORY_FILE.directory, AUDIT_INVENTORY_FILE.name);
      const layers = resource('AWS::Lambda::Function', deploymentReaderId).Properties?.Layers as { Ref: string }[];

      // Assess
      const expected = auditInventoryOf({ functions, routes, jobs, eventRules }, Object.keys(asynchronouslyInvokedFunctions()));
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expected);
      expect(environment.AUDIT_INVENTORY).toBe(`/opt/${AUDIT_INVENTORY_FILE.directory}/${AUDIT_INVENTORY_FILE.name}`);
      expect(layers.map((layer) => resource('AWS::Lambda::LayerVersion', layer.Ref).Properties?.Description)).toContain(
        'Security audit: what the manifests say should be deployed (functions, routes, jobs, event rules)',
      );
      expect(Object.values(expected.routes).filter((caller) => caller === 'public').length).toBeGreaterThan(0);
      expect(expected.functions.securityAudit).toBe(true);
      const apiId = Object.keys(resourcesOfType(stateless, 'AWS::ApiGatewayV2::Api'))[0]!;
      expect(deployment.httpApiId).toContain(apiId);
      expect(deployment.eventBusName).toContain(eventBus.logicalId);
      expect(variables().AUDIT_INVENTORY).toBeUndefined();
      expect(resource('AWS::Lambda::Function', lambdaId).Properties?.Layers).toBeUndefined();
    });

    /**
     * A deploy-time value as CloudFormation will write it in prod, at its longest likely length: a
     * generated name (stack name, logical id and hash, a 13-character suffix), a queue URL (the same
     * name behind the regional endpoint and an account id), a KMS key ARN, an API id, a function
     * name (Lambda allows 64 characters).
     */
    const standIn = (token: Record<string, any>): string => {
      if (token.Ref && resourcesOfType(stateless, 'AWS::ApiGatewayV2::Api')[token.Ref]) return 'a1b2c3d4e5';
      if (token.Ref && resourcesOfType(stateless, 'AWS::Lambda::Function')[token.Ref]) {
        // CloudFormation cuts a generated function name to 64 characters, its 13-character suffix included.
        const prefix = `UserProtection-prod-Stateless-${token.Ref}`.slice(0, 50);
        return `${prefix}-ABCDEFGHIJKLM`;
      }
      const exported: string = token['Fn::ImportValue'] ?? JSON.stringify(token);
      const rest = exported.split('ExportsOutput').at(-1) ?? exported;
      if (/Arn/.test(rest)) return `arn:aws:kms:eu-central-1:123456789012:key/${'0'.repeat(36)}`;
      const name = `UserProtection-prod-Stateful-${rest.replace(/^(Ref|FnGetAtt)/, '')}-ABCDEFGHIJKLM`;
      return /Queue/.test(rest) ? `https://sqs.eu-central-1.amazonaws.com/123456789012/${name}` : name;
    };
    const render = (value: unknown): string => {
      if (typeof value === 'string') return value;
      const token = value as Record<string, any>;
      if (token['Fn::Join']) return (token['Fn::Join'][1] as unknown[]).map(render).join(token['Fn::Join'][0]);
      return standIn(token);
    };
    const renderAll = (environment: Record<string, unknown>): Record<string, string> =>
      Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, render(value)]));

    it('fits in the 4 KB Lambda allows for a whole environment, with each deploy-time value at its longest likely length', () => {
      // Act
      const rendered = renderAll(variables());
      const size = Buffer.byteLength(JSON.stringify(rendered));

      // Assess
      console.info(`security audit environment: ${size} bytes of 4096`);
      expect(size).toBeLessThan(4096);
    });

    it("gives the audit no false alarm: no function of the stack has a variable the secret check would flag", () => {
      // Act
      const flagged = Object.values(resourcesOfType(stateless, 'AWS::Lambda::Function')).flatMap((fn) => {
        const environment = (fn.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
        return secretLikeVariables(renderAll(environment)).map((variable) => `${environment[commonEnv.serviceName] ?? fn.Properties?.Handler}: ${variable.name}`);
      });

      // Assess
      expect(flagged).toEqual([]);
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

  describe('security education', () => {
    it('runs the education job hourly, lets it list the members of the staff pool’s groups only, and alarms on an overdue quarter', () => {
      // Prepare
      const jobLambdaId = lambdaIdOf('securityEducationJob');
      const jobRoleId = resource('AWS::Lambda::Function', jobLambdaId).Properties?.Role['Fn::GetAtt'][0];

      // Act
      const schedules = Object.values(resourcesOfType(stateless, 'AWS::Scheduler::Schedule')).filter(
        (candidate) => JSON.parse(candidate.Properties?.Target.Input).job === 'security-education',
      );
      const cognito = Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy'))
        .filter((policy) => (policy.Properties?.Roles ?? []).some((r: { Ref: string }) => r.Ref === jobRoleId))
        .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Statement[])
        .filter((statement) => [statement.Action].flat().some((action) => String(action).startsWith('cognito-idp:')));
      const alarms = Object.values(resourcesOfType(stateless, 'AWS::CloudWatch::Alarm')).filter(
        (alarm) => alarm.Properties?.MetricName === 'SecurityEducationOverdue',
      );

      // Assess
      expect(schedules.map((schedule) => [schedule.Properties?.ScheduleExpression, schedule.Properties?.Target.Arn])).toEqual([
        ['rate(1 hour)', { 'Fn::GetAtt': [jobLambdaId, 'Arn'] }],
      ]);
      expect(cognito.map((statement) => [statement.Action, JSON.stringify(statement.Resource)])).toEqual([
        ['cognito-idp:ListUsersInGroup', expect.stringContaining('StaffUserPoolArn')],
      ]);
      expect(alarms.map((alarm) => alarm.Properties)).toEqual([
        expect.objectContaining({
          Namespace: 'UserProtection',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: expect.arrayContaining([{ Name: 'function', Value: 'securityEducationJob' }]),
        }),
      ]);
    });
  });
});
