import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArnFormat, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { ManagedPolicy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, LayerVersion, type ILayerVersion, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { eventRules as eventRuleDefinitions, functions as functionDefinitions, jobs as jobDefinitions, routes } from '#infra/manifest.ts';
import {
  AUDIT_DEPLOYMENT_ENV,
  AUDIT_INVENTORY_ENV,
  AUDIT_INVENTORY_FILE,
  auditInventoryOf,
  type AuditDeployment,
} from '#shared/security/audit/inventory.ts';
import { asynchronouslyInvokedFunctions } from './async-invocation.ts';

/**
 * The read actions the audit's deployment reader needs on what runs the code (shared/security/audit:
 * function, API, IAM, schedule and rule checks). `named`: granted on the stack's own
 * resources, one by one. `unscoped`: the actions whose service has no resource-level permission
 * (IAM's "*" is the only resource they accept), each with why.
 */
export const securityAuditDeploymentActions = {
  named: {
    functions: ['lambda:GetFunctionEventInvokeConfig'],
    roles: ['iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'],
    api: ['apigateway:GET'],
    schedules: ['scheduler:GetSchedule'],
    rules: ['events:ListTargetsByRule'],
    logGroups: ['logs:DescribeLogGroups'],
    managedPolicies: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
  },
  unscoped: {
    'lambda:ListFunctions': 'ListFunctions has no resource-level permission: the audit finds the stage functions by the STAGE and POWERTOOLS_SERVICE_NAME they carry',
    'scheduler:ListSchedules': "ListSchedules has no resource-level permission: the audit finds the stack's schedules by the function they invoke",
    'events:ListRules': 'ListRules has no resource-level permission; the audit lists the rules of the domain event bus only (EventBusName)',
  },
} as const;

export interface SecurityAuditDeploymentAccessProps {
  /** The audit's deployment reader (manifest `securityAuditDeploymentReader`). */
  target: IFunction & { addEnvironment(key: string, value: string): unknown; addLayers(...layers: ILayerVersion[]): void; role?: IRole };
  /** Every function of the stack, with its role, by manifest name. */
  functions: Record<string, { function: IFunction; role: IRole }>;
  api: IHttpApi;
  eventBus: IEventBus;
  /** The schedules of the jobs and the rules of the event subscriptions. */
  schedules: readonly { scheduleArn: string }[];
  rules: readonly { ruleArn: string }[];
}

/**
 * What the audit's deployment reader reads: the functions' configurations, their roles' policies,
 * the API's routes and stages, the schedules and the rules' targets; read actions only, on the
 * stack's resources by name where the service allows it. The manifests' inventory reaches the
 * function in a layer (a file: Lambda allows 4 KB for the whole environment, and the route table
 * alone is over 2 KB), and its environment names the API and the event bus; the functions and
 * schedules are discovered.
 */
export class SecurityAuditDeploymentAccess extends Construct {
  /** The directory the inventory layer is built from (its one file is the inventory). */
  public readonly inventoryDirectory: string;

  constructor(scope: Construct, id: string, props: SecurityAuditDeploymentAccessProps) {
    super(scope, id);
    const { target, api, eventBus } = props;
    const inventory = auditInventoryOf(
      { functions: functionDefinitions, routes, jobs: jobDefinitions, eventRules: eventRuleDefinitions },
      Object.keys(asynchronouslyInvokedFunctions()),
    );
    this.inventoryDirectory = mkdtempSync(path.join(tmpdir(), 'security-audit-inventory-'));
    mkdirSync(path.join(this.inventoryDirectory, AUDIT_INVENTORY_FILE.directory));
    writeFileSync(path.join(this.inventoryDirectory, AUDIT_INVENTORY_FILE.directory, AUDIT_INVENTORY_FILE.name), JSON.stringify(inventory, null, 1));
    target.addLayers(
      new LayerVersion(this, 'InventoryLayer', {
        code: Code.fromAsset(this.inventoryDirectory),
        description: 'Security audit: what the manifests say should be deployed (functions, routes, jobs, event rules)',
        compatibleArchitectures: [Architecture.ARM_64],
      }),
    );
    target.addEnvironment(AUDIT_INVENTORY_ENV, AUDIT_INVENTORY_FILE.inFunction);
    const deployment: AuditDeployment = { httpApiId: api.apiId, eventBusName: eventBus.eventBusName };
    target.addEnvironment(AUDIT_DEPLOYMENT_ENV, Stack.of(this).toJsonString(deployment));

    const role = target.role;
    if (!role) throw new Error('The deployment reader has no role to grant the deployment checks to');
    // Managed policies of their own: inline, the functions' and roles' ARNs would not fit (IAM allows
    // 10 KB in all), and the function does not wait for them, so granting it a read of itself makes no cycle.
    // One per kind of named resource, as a managed policy holds 6 KB and each function adds two ARNs.
    const actions = securityAuditDeploymentActions.named;
    const functions = Object.values(props.functions);
    new ManagedPolicy(this, 'FunctionReadPolicy', {
      description: 'Security audit deployment reader: read the asynchronous invocation configuration of the stack functions',
      roles: [role],
      statements: [new PolicyStatement({ actions: [...actions.functions], resources: functions.map((fn) => fn.function.functionArn) })],
    });
    new ManagedPolicy(this, 'RoleReadPolicy', {
      description: 'Security audit deployment reader: read the policies of the stack function roles',
      roles: [role],
      statements: [new PolicyStatement({ actions: [...actions.roles], resources: functions.map((fn) => fn.role.roleArn) })],
    });
    const stackPolicy = new ManagedPolicy(this, 'StackReadPolicy', {
      description: 'Security audit deployment reader: read the API, schedules, rules and log groups of the stack',
      roles: [role],
      statements: this.stackStatements(props),
    });
    this.acknowledgeFindings(stackPolicy);
  }

  private stackStatements({ api, schedules, rules }: SecurityAuditDeploymentAccessProps): PolicyStatement[] {
    const stack = Stack.of(this);
    const actions = securityAuditDeploymentActions.named;
    const apiArn = (path: string) => stack.formatArn({ service: 'apigateway', account: '', resource: `/apis/${api.apiId}/${path}` });
    return [
      new PolicyStatement({ actions: [...actions.api], resources: [apiArn('routes'), apiArn('stages')] }),
      new PolicyStatement({ actions: [...actions.schedules], resources: schedules.map((schedule) => schedule.scheduleArn) }),
      new PolicyStatement({ actions: [...actions.rules], resources: rules.map((rule) => rule.ruleArn) }),
      // The log groups of the functions, in this account and region: which one a function writes to is read from it.
      new PolicyStatement({ actions: [...actions.logGroups], resources: [this.logGroupsArn()] }),
      // Whatever managed policy is attached to a function's role when the audit runs: AWS's and this account's.
      new PolicyStatement({ actions: [...actions.managedPolicies], resources: [...this.managedPoliciesArns()] }),
      new PolicyStatement({ actions: Object.keys(securityAuditDeploymentActions.unscoped), resources: ['*'] }),
    ];
  }

  private logGroupsArn(): string {
    return Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  private managedPoliciesArns(): [aws: string, account: string] {
    const stack = Stack.of(this);
    return [`arn:${stack.partition}:iam::aws:policy/*`, stack.formatArn({ service: 'iam', region: '', resource: 'policy', resourceName: '*' })];
  }

  /** Acknowledged on the policy that holds each wildcard, with its reason (cdk-nag names tokens as `<AWS::Region>`). */
  private acknowledgeFindings(stackPolicy: ManagedPolicy): void {
    const stack = Stack.of(this);
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    const region = shown(stack.region, 'AWS::Region');
    const account = shown(stack.account, 'AWS::AccountId');
    const unscoped = Object.entries(securityAuditDeploymentActions.unscoped).map(([action, reason]) => `${action}: ${reason}`).join('; ');
    Validations.of(stackPolicy).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: `Read-only list actions without resource-level permissions. ${unscoped}.` },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:*]`,
        reason: "DescribeLogGroups (read-only) on this account and region's log groups: the audit reads the retention of the log group each function names.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::aws:policy/*]',
        reason: 'GetPolicy and GetPolicyVersion (read-only) on AWS managed policies: the audit reads whatever managed policy is attached to a function role when it runs.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${account}:policy/*]`,
        reason: "GetPolicy and GetPolicyVersion (read-only) on this account's managed policies: the audit reads whatever policy is attached to a function role when it runs.",
      },
    );
  }
}
