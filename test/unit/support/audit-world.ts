import { GetRoutesCommand, GetStagesCommand, type Route, type Stage } from '@aws-sdk/client-apigatewayv2';
import { DescribeLogGroupsCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { ListRulesCommand, ListTargetsByRuleCommand, type Rule, type Target } from '@aws-sdk/client-eventbridge';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetFunctionEventInvokeConfigCommand, ListFunctionsCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { GetScheduleCommand, ListSchedulesCommand, type GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import { GetFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { Logger } from '@aws-lambda-powertools/logger';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import type { DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import type { AuditDeployment, AuditInventory } from '#shared/security/audit/inventory.ts';
import type { Kms } from '#shared/security/audit/key-checks.ts';
import { lambdaAuditReaders } from '#shared/security/audit/lambda-readers.ts';
import { checkWithReaders } from '#shared/security/audit/reader-checks.ts';
import type { AuditReaders } from '#shared/security/audit/reader-contract.ts';
import type { SecurityHub } from '#shared/security/audit/security-hub.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';
import { createDeploymentReaderHandler } from '#shared/security/wiring/security-audit-deployment-reader.ts';
import { createKeysAndFindingsReaderHandler } from '#shared/security/wiring/security-audit-keys-and-findings-reader.ts';
import { lambdaContext } from '../../support/events.ts';

/**
 * A deployed stack as the SDK answers for it, where everything is as the manifest says unless a
 * test changes one part: the SDK boundary of the deployment checks (functions, roles, API,
 * schedules, rules, Security Hub), each client a `{ send }` that answers per command class. The
 * audit reaches the checks through its readers, run here as Lambda would run them (`readersOver`).
 */

const REGION = 'eu-central-1';
const ACCOUNT = '111122223333';
const STAGE = 'prod';

export const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:UserProtection-${STAGE}-Stateless-${name}-A1b2C3`;
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/UserProtection-${STAGE}-Stateless-${name}Role-X9y8Z7`;
const logGroupOf = (name: string) => `UserProtection-${STAGE}-Stateless-${name}LogGroup-Q1w2E3`;
const scheduleArn = (job: string) => `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/UserProtection-${STAGE}-${job}`;
const ruleArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/domain-bus/${name}-R1`;
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

export const inventory: AuditInventory = {
  functions: { complaints: false, slaSweep: true, securityAudit: true },
  routes: { 'POST /v1/complaints': 'person', 'GET /v1/figures': 'machine', 'GET /health': 'public' },
  throttledRoutes: ['POST /v1/complaints'],
  jobs: { 'sla-sweep': 'slaSweep', 'security-audit': 'securityAudit' },
  eventRules: { auditRequested: { sources: ['user-protection.security'], detailTypes: ['security.audit-requested'] } },
};
const deployment: AuditDeployment = { httpApiId: 'a1b2c3d4e5', eventBusName: 'UserProtection-prod-DomainEventBus' };

export const goodFunction = (name: string): FunctionConfiguration => ({
  FunctionName: `UserProtection-${STAGE}-Stateless-${name}-A1b2C3`,
  FunctionArn: functionArn(name),
  Runtime: 'nodejs22.x',
  Architectures: ['arm64'],
  TracingConfig: { Mode: 'PassThrough' },
  Role: roleArn(name),
  LoggingConfig: { LogGroup: logGroupOf(name), LogFormat: 'Text' },
  Environment: {
    Variables: {
      STAGE,
      POWERTOOLS_SERVICE_NAME: name,
      POWERTOOLS_METRICS_NAMESPACE: 'UserProtection',
      COMPLAINTS_TABLE_NAME: 'UserProtection-prod-Stateful-ComplaintsTable5D3F2E1A-1ABCDEFGHIJKL',
      DATA_KEY_ARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
      ORIGIN_SECRET_ARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:origin-AbCdEf`,
      SECRETS_MANAGER_TTL: '60',
      READINESS_TARGETS: JSON.stringify({ queues: { reports: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/UserProtection-prod-ReportsQueue-1A2B3C4D5E6F` } }),
    },
  },
});

/** What CDK grants a function: named tables and their indexes, one key through DynamoDB, its log group. */
export const cdkLikePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Complaints-1A2B`, `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Complaints-1A2B/index/*`],
    },
    { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/storage-0001` },
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:x:*` },
    { Effect: 'Allow', Action: 'lambda:ListFunctions', Resource: '*' },
  ],
};

const healthyStage: Stage = {
  StageName: '$default',
  AccessLogSettings: { DestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:ApiAccessLogs`, Format: '{"requestId":"$context.requestId"}' },
  DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
  RouteSettings: { 'POST /v1/complaints': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } },
  CreatedDate: undefined,
  LastUpdatedDate: undefined,
};

const goodSchedule = (job: string, fn: string): GetScheduleCommandOutput => ({
  $metadata: {},
  Name: `UserProtection-${STAGE}-${job}`,
  GroupName: 'default',
  Arn: scheduleArn(job),
  ScheduleExpression: 'rate(1 minute)',
  FlexibleTimeWindow: undefined,
  Target: {
    Arn: functionArn(fn),
    RoleArn: roleArn(`${job}Scheduler`),
    Input: JSON.stringify({ job, time: '<aws.scheduler.scheduled-time>' }),
    RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
    DeadLetterConfig: { Arn: queueArn(`${job}-dlq`) },
  },
});

export interface DeployedWorld {
  functions?: FunctionConfiguration[] | Error;
  invokeConfig?: (functionName: string) => unknown;
  logGroups?: (prefix: string) => LogGroup[];
  inlinePolicies?: (roleName: string) => Record<string, unknown>;
  attachedPolicies?: (roleName: string) => Record<string, unknown>;
  routes?: Route[] | Error;
  stages?: Stage[];
  schedules?: GetScheduleCommandOutput[];
  rules?: Rule[];
  targets?: (rule: string) => Target[];
  findings?: AwsSecurityFinding[] | Error;
}

type CommandClass = new (...args: any[]) => { input: any };
type Answer = (input: any) => unknown;

/** A client whose `send` answers only the command types it is given, and records every command it saw. */
const fakeClient = (answers: [CommandClass, Answer][], seen: string[]): { send: (command: object) => Promise<any> } => ({
  send: async (command: object) => {
    seen.push(command.constructor.name);
    const match = answers.find(([type]) => command instanceof type);
    if (!match) throw new Error(`unexpected command ${command.constructor.name}`);
    const answer = match[1]((command as { input: unknown }).input);
    if (answer instanceof Error) throw answer;
    return answer;
  },
});

export const sdkError = (name: string) => Object.assign(new Error(`${name}: arn:aws:iam::${ACCOUNT}:role/x`), { name });

const orThrow = <T>(value: T | Error): T => {
  if (value instanceof Error) throw value;
  return value;
};

const defaultRoutes: Route[] = [
  { RouteKey: 'POST /v1/complaints', AuthorizationType: 'CUSTOM', AuthorizerId: 'auth1' } as Route,
  { RouteKey: 'GET /v1/figures', AuthorizationType: 'CUSTOM', AuthorizerId: 'auth2' } as Route,
  { RouteKey: 'GET /health', AuthorizationType: 'NONE' } as Route,
];

/** The clients of the deployment reader and the keys and findings reader over `world` (its keys all as the stack sets them). */
const deployedClients = (world: DeployedWorld, seen: string[]): DeploymentClients & { securityHub: SecurityHub; kms: Kms } => {
  const fns = () => orThrow(world.functions ?? Object.keys(inventory.functions).map(goodFunction));
  const schedules = () => world.schedules ?? [goodSchedule('sla-sweep', 'slaSweep'), goodSchedule('security-audit', 'securityAudit')];
  const policy = (document: unknown) => encodeURIComponent(JSON.stringify(document));
  return {
    lambda: fakeClient(
      [
        [ListFunctionsCommand, ({ Marker }) => (Marker ? { Functions: fns().slice(1) } : { Functions: fns().slice(0, 1), NextMarker: 'page-2' })],
        [GetFunctionEventInvokeConfigCommand, ({ FunctionName }) => world.invokeConfig?.(FunctionName) ?? { DestinationConfig: { OnFailure: { Destination: queueArn('on-failure') } } }],
      ],
      seen,
    ) as never,
    logs: fakeClient(
      [[DescribeLogGroupsCommand, ({ logGroupNamePrefix }) => ({ logGroups: world.logGroups?.(logGroupNamePrefix) ?? [{ logGroupName: logGroupOf('x'), retentionInDays: 365 }, { logGroupName: logGroupNamePrefix, retentionInDays: 365 }] })]],
      seen,
    ) as never,
    iam: fakeClient(
      [
        [ListRolePoliciesCommand, ({ RoleName }) => ({ PolicyNames: Object.keys(world.inlinePolicies?.(RoleName) ?? { DefaultPolicy: cdkLikePolicy }), IsTruncated: false })],
        [GetRolePolicyCommand, ({ RoleName, PolicyName }) => ({ PolicyDocument: policy((world.inlinePolicies?.(RoleName) ?? { DefaultPolicy: cdkLikePolicy })[PolicyName]!) })],
        [ListAttachedRolePoliciesCommand, ({ RoleName }) => ({ AttachedPolicies: Object.keys(world.attachedPolicies?.(RoleName) ?? {}).map((name) => ({ PolicyName: name, PolicyArn: `arn:aws:iam::aws:policy/${name}` })), IsTruncated: false })],
        [GetPolicyCommand, ({ PolicyArn }) => ({ Policy: { Arn: PolicyArn, DefaultVersionId: 'v3' } })],
        [
          GetPolicyVersionCommand,
          ({ PolicyArn, VersionId }) => {
            const attached = Object.assign({}, ...fns().map((fn) => world.attachedPolicies?.(fn.Role!.split('/').at(-1)!) ?? {}));
            return { PolicyVersion: { VersionId, Document: policy(attached[PolicyArn.split('/').at(-1)]) } };
          },
        ],
      ],
      seen,
    ) as never,
    apigateway: fakeClient(
      [
        [GetRoutesCommand, () => ({ Items: orThrow(world.routes ?? defaultRoutes) })],
        [GetStagesCommand, () => ({ Items: world.stages ?? [healthyStage] })],
      ],
      seen,
    ) as never,
    scheduler: fakeClient(
      [
        [ListSchedulesCommand, () => ({ Schedules: [...schedules(), goodSchedule('elsewhere', 'anotherStacksFunction')].map(({ Name, GroupName, Arn, Target }) => ({ Name, GroupName, Arn, Target: { Arn: Target?.Arn } })) })],
        [GetScheduleCommand, ({ Name }) => [...schedules(), goodSchedule('elsewhere', 'anotherStacksFunction')].find((schedule) => schedule.Name === Name)],
      ],
      seen,
    ) as never,
    events: fakeClient(
      [
        [
          ListRulesCommand,
          () => ({
            Rules: world.rules ?? [
              { Name: 'Events-Archive-1', Arn: ruleArn('archive'), EventPattern: JSON.stringify({ source: [{ prefix: 'user-protection.' }] }) },
              { Name: 'AuditRequested-R1', Arn: ruleArn('AuditRequested'), EventPattern: JSON.stringify({ source: ['user-protection.security'], 'detail-type': ['security.audit-requested'] }) },
            ],
          }),
        ],
        [
          ListTargetsByRuleCommand,
          ({ Rule }) => ({
            Targets: world.targets?.(Rule) ?? [{ Id: 'Target0', Arn: functionArn('securityAudit'), RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: queueArn('rule-dlq') } }],
          }),
        ],
      ],
      seen,
    ) as never,
    securityHub: fakeClient([[GetFindingsCommand, () => ({ Findings: orThrow(world.findings ?? []) })]], seen) as never,
    kms: fakeClient(
      [
        [DescribeKeyCommand, ({ KeyId }) => ({ KeyMetadata: { KeyId, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' } })],
        [GetKeyRotationStatusCommand, () => ({ KeyRotationEnabled: true })],
        [GetKeyPolicyCommand, () => ({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }) })],
      ],
      seen,
    ) as never,
  };
};

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Lambda's Invoke (RequestResponse) in process: the request and the answer cross as JSON, and a
 * handler that throws comes back as Lambda reports it, FunctionError with its error type. It is
 * the boundary between the audit's functions, so it records nothing in `seen`.
 */
const inProcessLambda = (handlers: Readonly<Record<string, Handler>>) => ({
  send: async (command: InvokeCommand) => {
    if (!(command instanceof InvokeCommand)) throw new Error(`unexpected command ${String(command)}`);
    const { FunctionName, Payload } = command.input;
    const handler = handlers[FunctionName ?? ''];
    if (!handler) throw Object.assign(new Error(`Function not found: ${FunctionName}`), { name: 'ResourceNotFoundException' });
    const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    try {
      const answer = await handler(JSON.parse(String(Payload)), lambdaContext());
      return { StatusCode: 200, Payload: json(answer) };
    } catch (error) {
      const { name, message } = error as Error;
      return { StatusCode: 200, FunctionError: 'Unhandled', Payload: json({ errorType: name, errorMessage: message }) };
    }
  },
});

/** The audit's readers over `world` (and `kms`, when given): their handlers, wired as their functions wire them, behind Lambda's Invoke. */
export const readersOver = (world: DeployedWorld, seen: string[], options: { inventory?: AuditInventory; kms?: Kms } = {}): AuditReaders => {
  const clients = deployedClients(world, seen);
  const logger = new Logger({ serviceName: 'security-audit-readers-test', logLevel: 'SILENT' });
  const ports = { stage: STAGE, clients, inventory: () => options.inventory ?? inventory, deployment: () => deployment } as const;
  const lambda = inProcessLambda({
    'deployment-reader': createDeploymentReaderHandler(ports, logger),
    'keys-and-findings-reader': createKeysAndFindingsReaderHandler({ kms: options.kms ?? clients.kms, securityHub: clients.securityHub }, logger),
  });
  return lambdaAuditReaders(lambda as never, () => ({ deployment: 'deployment-reader', keysAndFindings: 'keys-and-findings-reader' }));
};

export const storageKeyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/storage-0001`;
const targets = {
  tables: { complaints: 'UserProtection-prod-Stateful-Complaints-1A2B' },
  queues: { reports: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/UserProtection-prod-Reports-3C4D` },
  keys: { storage: storageKeyArn },
};

/** The key checks: security-audit-checks.test.ts tests them. */
const keyCheckIds = new Set(['key.rotation', 'key.policy-no-wildcard-principal']);

/** The deployment checks (what runs the code, and Security Hub) against `world`, in AWS unless said otherwise. */
export const auditDeployment = async (world: DeployedWorld = {}, options: { environment?: AuditEnvironment; now?: Date; inventory?: AuditInventory } = {}) => {
  const seen: string[] = [];
  const all = await checkWithReaders({
    environment: options.environment ?? 'aws',
    readers: readersOver(world, seen, options),
    now: options.now ?? new Date('2026-12-06T06:40:00.000Z'),
    targets,
  });
  const results = all.filter((result) => !keyCheckIds.has(result.checkId));
  return { results, seen };
};

export const only = (results: readonly CheckResult[], checkId: string, resource: string): CheckResult => {
  const matches = results.filter((result) => result.checkId === checkId && result.resource === resource);
  if (matches.length !== 1) throw new Error(`${matches.length} results for ${checkId} on ${resource}`);
  return matches[0]!;
};
