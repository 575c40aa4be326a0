import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Route } from '@aws-sdk/client-apigatewayv2';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import { auditChecks } from '#shared/security/audit/checks.ts';
import { AUDIT_INVENTORY_ENV, auditInventoryOf, readAuditDeployment, readAuditInventory } from '#shared/security/audit/inventory.ts';
import { auditDeployment, functionArn, inventory, only, roleArn, sdkError, storageKeyArn } from './support/audit-world.ts';

/** The thirteen checks of what runs the code, as the audit defines them. */
const deploymentChecks = [
  auditChecks.functionRuntime,
  auditChecks.functionArchitecture,
  auditChecks.functionLogRetention,
  auditChecks.functionTracing,
  auditChecks.functionOnFailureDestination,
  auditChecks.functionNoSecretInEnvironment,
  auditChecks.apiAuthorizer,
  auditChecks.apiAccessLogging,
  auditChecks.apiThrottling,
  auditChecks.iamNoWildcardOnDataServices,
  auditChecks.scheduleDeadLetterAndRetry,
  auditChecks.ruleDeadLetterAndRetry,
  auditChecks.securityHubFindings,
];

describe('the deployment checks against a stack that matches its manifests', () => {
  it('report each of the thirteen checks, one result per check and resource, none failed, with read calls only', async () => {
    // Act
    const { results, seen } = await auditDeployment();

    // Assess
    for (const check of deploymentChecks) expect(results.some((result) => result.checkId === check.id), check.id).toBe(true);
    const pairs = results.map((result) => `${result.checkId} ${result.resource}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(results.filter((result) => result.outcome === 'failed')).toEqual([]);
    expect(only(results, auditChecks.apiAuthorizer.id, 'route:GET /health')).toMatchObject({ outcome: 'not-applicable', detail: expect.stringContaining('public by its manifest') });
    expect(only(results, auditChecks.apiThrottling.id, 'api-stage:$default').detail).toContain('1 routes have their own throttle');
    expect(only(results, auditChecks.scheduleDeadLetterAndRetry.id, 'job:sla-sweep').detail).toBe('a dead-letter queue, and 2 retries within 60 s');
    expect(only(results, auditChecks.securityHubFindings.id, 'stack:security-hub').outcome).toBe('passed');
    // Another stack's schedule (a function not of this stage) is neither read nor reported.
    expect(results.some((result) => result.resource === 'job:elsewhere')).toBe(false);
    expect(seen.every((command) => /^(Describe|Get|List)/.test(command))).toBe(true);
  });
});

describe('the API checks', () => {
  it('fail a non-public route without an authorizer, a manifest route not deployed, and a deployed route no manifest names', async () => {
    // Prepare
    const routes = [
      { RouteKey: 'POST /v1/complaints', AuthorizationType: 'NONE' },
      { RouteKey: 'GET /health', AuthorizationType: 'NONE' },
      { RouteKey: 'DELETE /v1/debug', AuthorizationType: 'NONE' },
    ] as Route[];

    // Act
    const { results } = await auditDeployment({ routes });

    // Assess
    expect(only(results, auditChecks.apiAuthorizer.id, 'route:POST /v1/complaints')).toMatchObject({ outcome: 'failed', severity: 'critical', detail: 'anyone can call it: no authorizer' });
    expect(only(results, auditChecks.apiAuthorizer.id, 'route:GET /v1/figures')).toMatchObject({ outcome: 'failed', detail: 'the route is in the manifest but not deployed' });
    expect(only(results, auditChecks.apiAuthorizer.id, 'route:DELETE /v1/debug')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('no manifest names this route') });
    expect(only(results, auditChecks.apiAuthorizer.id, 'route:GET /health').outcome).toBe('not-applicable');
  });

  it('fail a stage without access logs, without a default throttle, or without the throttle a manifest route sets', async () => {
    // Act
    const noLogs = await auditDeployment({ stages: [{ StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 } }] });
    const noThrottle = await auditDeployment({ stages: [{ StageName: '$default', DefaultRouteSettings: {} }] });
    const none = await auditDeployment({ stages: [] });

    // Assess
    expect(only(noLogs.results, auditChecks.apiAccessLogging.id, 'api-stage:$default')).toMatchObject({ outcome: 'failed', detail: 'the stage writes no access logs' });
    expect(only(noLogs.results, auditChecks.apiThrottling.id, 'api-stage:$default')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('lack the throttle their manifest sets: POST /v1/complaints') });
    expect(only(noThrottle.results, auditChecks.apiThrottling.id, 'api-stage:$default').detail).toBe('the stage has no default throttle (rate and burst)');
    for (const check of [auditChecks.apiAccessLogging, auditChecks.apiThrottling]) expect(only(none.results, check.id, 'api:http-api').detail).toBe('the API has no stage');
  });

  it('fail every route when the routes cannot be read', async () => {
    // Act
    const { results } = await auditDeployment({ routes: sdkError('NotFoundException') });

    // Assess
    for (const key of Object.keys(inventory.routes)) expect(only(results, auditChecks.apiAuthorizer.id, `route:${key}`).detail).toBe("the API's routes could not be read: NotFoundException");
  });
});

describe('the schedule and rule checks', () => {
  it('fail a schedule without a dead-letter queue, and a job of the manifest no schedule runs', async () => {
    // Prepare: the sla-sweep schedule lost its dead-letter queue; security-audit has no schedule
    const { results: good } = await auditDeployment();

    // Act
    const { results } = await auditDeployment({
      schedules: [
        {
          $metadata: {},
          Name: 'UserProtection-prod-sla-sweep',
          GroupName: 'default',
          Arn: 'arn:aws:scheduler:eu-central-1:111122223333:schedule/default/UserProtection-prod-sla-sweep',
          Target: { Arn: functionArn('slaSweep'), RoleArn: roleArn('scheduler'), Input: JSON.stringify({ job: 'sla-sweep' }), RetryPolicy: { MaximumRetryAttempts: 2 } },
        },
      ],
    });

    // Assess
    expect(only(good, auditChecks.scheduleDeadLetterAndRetry.id, 'job:sla-sweep').outcome).toBe('passed');
    expect(only(results, auditChecks.scheduleDeadLetterAndRetry.id, 'job:sla-sweep')).toMatchObject({ outcome: 'failed', detail: "the schedule's target lacks a dead-letter queue" });
    expect(only(results, auditChecks.scheduleDeadLetterAndRetry.id, 'job:security-audit')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('it is not deployed') });
  });

  it('fail a rule target without a retry policy, and a manifest rule no deployed rule matches', async () => {
    // Act
    const withoutRetry = await auditDeployment({ targets: () => [{ Id: 'Target0', Arn: functionArn('securityAudit'), DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-central-1:111122223333:dlq' } }] });
    const missing = await auditDeployment({ rules: [{ Name: 'Other', EventPattern: JSON.stringify({ source: ['user-protection.security'], 'detail-type': ['other'] }) }] });

    // Assess
    expect(only(withoutRetry.results, auditChecks.ruleDeadLetterAndRetry.id, 'rule:auditRequested')).toMatchObject({ outcome: 'failed', detail: 'target Target0 lacks a retry policy' });
    expect(only(missing.results, auditChecks.ruleDeadLetterAndRetry.id, 'rule:auditRequested')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('it is not deployed') });
  });
});

describe('Security Hub', () => {
  const finding = (overrides: Partial<AwsSecurityFinding>): AwsSecurityFinding =>
    ({
      SchemaVersion: '2018-10-08',
      Id: `finding-${Math.random()}`,
      ProductArn: 'arn:aws:securityhub:eu-central-1::product/aws/securityhub',
      ProductName: 'Security Hub',
      GeneratorId: 'security-control/Lambda.2',
      AwsAccountId: '111122223333',
      Title: 'Lambda functions should use supported runtimes',
      Description: 'This control checks whether the runtime settings match the expected values.',
      Severity: { Label: 'MEDIUM' },
      Compliance: { Status: 'FAILED', SecurityControlId: 'Lambda.2' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      Resources: [{ Type: 'AwsLambdaFunction', Id: functionArn('complaints') }],
      ...overrides,
    }) as AwsSecurityFinding;

  it("imports the active findings on the stack's resources, under the audit's names for them", async () => {
    // Act
    const { results } = await auditDeployment({
      findings: [
        finding({}),
        finding({ Severity: { Label: 'CRITICAL' }, Compliance: { Status: 'FAILED', SecurityControlId: 'KMS.4' }, Workflow: { Status: 'RESOLVED' }, Resources: [{ Type: 'AwsKmsKey', Id: storageKeyArn }] }),
        finding({ Compliance: { Status: 'PASSED', SecurityControlId: 'IAM.1' }, Resources: [{ Type: 'AwsIamRole', Id: roleArn('slaSweep') }] }),
      ],
    });

    // Assess
    expect(only(results, 'security-hub.Lambda.2', 'function:complaints')).toMatchObject({
      outcome: 'failed',
      severity: 'medium',
      ownerTeam: 'security',
      title: 'Lambda functions should use supported runtimes',
      detail: 'Security Hub (Security Hub): compliance FAILED, workflow NEW',
    });
    expect(only(results, 'security-hub.KMS.4', 'key:storage')).toMatchObject({ outcome: 'passed', severity: 'critical' });
    expect(only(results, 'security-hub.IAM.1', 'role:slaSweep').outcome).toBe('passed');
    expect(only(results, auditChecks.securityHubFindings.id, 'stack:security-hub')).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('3 active findings') });
  });

  it('says, once, that Security Hub is not enabled where the account has not enabled it', async () => {
    // Act
    const { results } = await auditDeployment({ findings: sdkError('InvalidAccessException') });

    // Assess
    const fromHub = results.filter((result) => result.checkId.startsWith('security-hub.'));
    expect(fromHub).toEqual([
      expect.objectContaining({ checkId: 'security-hub.findings', resource: 'stack:security-hub', outcome: 'not-applicable', detail: 'Security Hub is not enabled in this account and region (InvalidAccessException)' }),
    ]);
  });

  it('fails the import when the findings cannot be read', async () => {
    // Act
    const { results } = await auditDeployment({ findings: sdkError('AccessDeniedException') });

    // Assess
    expect(only(results, auditChecks.securityHubFindings.id, 'stack:security-hub')).toMatchObject({ outcome: 'failed', detail: 'the Security Hub findings could not be read: AccessDeniedException' });
  });
});

describe('the deployment checks run locally', () => {
  it('say "not applicable locally" with the reason for each of the thirteen checks, never passed, and call nothing', async () => {
    // Act
    const { results, seen } = await auditDeployment({}, { environment: 'local' });

    // Assess
    expect(results.map((result) => result.checkId).sort()).toEqual(deploymentChecks.map((check) => check.id).sort());
    for (const result of results) {
      expect(result.outcome).toBe('not-applicable');
      expect(result.detail).toMatch(/^not applicable locally: no .+/);
    }
    expect(only(results, auditChecks.iamNoWildcardOnDataServices.id, 'stack:functions').detail).toBe('not applicable locally: no IAM here: the emulators accept any credentials');
    expect(seen).toEqual([]);
  });
});

describe('the inventory', () => {
  const manifest = {
    functions: { api: {}, sweep: {} },
    routes: [
      { method: 'GET' as const, path: '/health', function: 'api', caller: 'public' as const },
      { method: 'POST' as const, path: '/v1/x', function: 'api', caller: 'person' as const, throttle: { rateLimit: 5, burstLimit: 10 } },
    ],
    jobs: { sweep: { function: 'sweep', schedule: 'rate(1 minute)' as const, description: 'd' } },
    eventRules: { onX: { logicalId: 'R', function: 'sweep', sources: ['s'], detailTypes: ['x.happened'], description: 'd', retryAttempts: 2, maxEventAgeHours: 1 } },
  };

  const fileHolding = (content: string): string => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'inventory-')), 'inventory.json');
    writeFileSync(file, content);
    return file;
  };

  it('is composed from the manifests, and read from the file the environment names', () => {
    // Act
    const composed = auditInventoryOf(manifest, ['sweep']);
    const read = readAuditInventory({ [AUDIT_INVENTORY_ENV]: fileHolding(JSON.stringify(composed)) });

    // Assess
    expect(composed).toEqual({
      functions: { api: false, sweep: true },
      routes: { 'GET /health': 'public', 'POST /v1/x': 'person' },
      throttledRoutes: ['POST /v1/x'],
      jobs: { sweep: 'sweep' },
      eventRules: { onX: { sources: ['s'], detailTypes: ['x.happened'] } },
    });
    expect(read).toEqual(composed);
  });

  it('is refused when missing or malformed, as is the deployment', () => {
    // Act + Assess
    expect(() => readAuditInventory({})).toThrow(ConfigError);
    expect(() => readAuditInventory({ [AUDIT_INVENTORY_ENV]: '/nowhere/inventory.json' })).toThrow(ConfigError);
    expect(() => readAuditInventory({ [AUDIT_INVENTORY_ENV]: fileHolding('{"functions":[]}') })).toThrow(ConfigError);
    expect(() => readAuditDeployment({ AUDIT_DEPLOYMENT: '{"httpApiId":1}' })).toThrow(ConfigError);
    expect(readAuditDeployment({ AUDIT_DEPLOYMENT: '{"httpApiId":"a1","eventBusName":"bus"}' })).toEqual({ httpApiId: 'a1', eventBusName: 'bus' });
  });
});
