import { describe, expect, it } from 'vitest';
import { auditChecks } from '#shared/security/audit/checks.ts';
import { supportedNodeRuntimes } from '#shared/security/audit/function-checks.ts';
import { wildcardOnDataService } from '#shared/security/audit/iam-checks.ts';
import { secretLikeVariables } from '#shared/security/audit/secret-detectors.ts';
import { auditDeployment, cdkLikePolicy, goodFunction, only, sdkError } from './support/audit-world.ts';

const functionCheckIds = [
  auditChecks.functionRuntime,
  auditChecks.functionArchitecture,
  auditChecks.functionLogRetention,
  auditChecks.functionTracing,
  auditChecks.functionOnFailureDestination,
  auditChecks.functionNoSecretInEnvironment,
  auditChecks.iamNoWildcardOnDataServices,
].map((check) => check.id);

/** The three manifest functions, `complaints` changed by `change`. */
const withComplaints = (change: (fn: ReturnType<typeof goodFunction>) => ReturnType<typeof goodFunction>) => [
  change(goodFunction('complaints')),
  goodFunction('slaSweep'),
  goodFunction('securityAudit'),
];

describe('function checks on functions as the stack deploys them', () => {
  it('pass every check on every function found by its stage and manifest name, over pages of ListFunctions', async () => {
    // Act
    const { results, seen } = await auditDeployment({
      functions: [goodFunction('complaints'), { ...goodFunction('complaints'), Environment: { Variables: { STAGE: 'dev', POWERTOOLS_SERVICE_NAME: 'complaints' } } }, goodFunction('slaSweep'), goodFunction('securityAudit')],
    });

    // Assess
    for (const name of ['complaints', 'slaSweep', 'securityAudit']) {
      for (const id of functionCheckIds) expect(only(results, id, `function:${name}`).outcome, `${id} ${name}`).not.toBe('failed');
    }
    expect(only(results, auditChecks.functionOnFailureDestination.id, 'function:complaints')).toMatchObject({ outcome: 'not-applicable' });
    expect(only(results, auditChecks.functionOnFailureDestination.id, 'function:slaSweep').outcome).toBe('passed');
    expect(only(results, auditChecks.functionRuntime.id, 'function:complaints').detail).toBe('runtime nodejs22.x, supported until 2027-04-30');
    expect(seen.filter((command) => command === 'ListFunctionsCommand')).toHaveLength(2);
    expect(seen.every((command) => /^(Describe|Get|List)/.test(command))).toBe(true);
  });
});

describe('function checks that fail', () => {
  it.each([
    ['an unsupported runtime', auditChecks.functionRuntime, { Runtime: 'nodejs18.x' as const }, 'runtime nodejs18.x is not among the supported ones'],
    ['the x86_64 architecture', auditChecks.functionArchitecture, { Architectures: ['x86_64' as const] }, 'runs on x86_64; the stack sets arm64'],
    ['no architecture named (Lambda defaults to x86_64)', auditChecks.functionArchitecture, { Architectures: undefined }, 'runs on x86_64'],
    ['tracing switched on outside the stack', auditChecks.functionTracing, { TracingConfig: { Mode: 'Active' as const } }, 'tracing mode is Active; the stack sets PassThrough'],
  ])('fail a function with %s', async (_, check, change, detail) => {
    // Act
    const { results } = await auditDeployment({ functions: withComplaints((fn) => ({ ...fn, ...change })) });

    // Assess
    expect(only(results, check.id, 'function:complaints')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining(detail) });
    expect(only(results, check.id, 'function:slaSweep').outcome).toBe('passed');
  });

  it('fail a supported runtime once Lambda has deprecated it', async () => {
    // Act
    const { results } = await auditDeployment({}, { now: new Date('2027-05-01T00:00:00.000Z') });

    // Assess
    expect(supportedNodeRuntimes.writtenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(only(results, auditChecks.functionRuntime.id, 'function:complaints')).toMatchObject({ outcome: 'failed', detail: 'runtime nodejs22.x was deprecated on 2027-04-30' });
  });

  it('fail a log group that keeps its logs forever, and one that does not exist', async () => {
    // Act
    const { results } = await auditDeployment({
      logGroups: (prefix) => (prefix.includes('complaints') ? [{ logGroupName: prefix }] : prefix.includes('slaSweep') ? [{ logGroupName: `${prefix}-other`, retentionInDays: 30 }] : [{ logGroupName: prefix, retentionInDays: 30 }]),
    });

    // Assess
    expect(only(results, auditChecks.functionLogRetention.id, 'function:complaints')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('no retention') });
    expect(only(results, auditChecks.functionLogRetention.id, 'function:slaSweep')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('does not exist') });
    expect(only(results, auditChecks.functionLogRetention.id, 'function:securityAudit')).toMatchObject({ outcome: 'passed', detail: 'logs are kept 30 days' });
  });

  it('fail a function a schedule invokes without an on-failure destination, or without any asynchronous configuration', async () => {
    // Act
    const { results } = await auditDeployment({
      invokeConfig: (name) => (name.includes('slaSweep') ? { DestinationConfig: { OnSuccess: {} } } : sdkError('ResourceNotFoundException')),
    });

    // Assess
    expect(only(results, auditChecks.functionOnFailureDestination.id, 'function:slaSweep')).toMatchObject({ outcome: 'failed', detail: 'invoked asynchronously, with no on-failure destination' });
    expect(only(results, auditChecks.functionOnFailureDestination.id, 'function:securityAudit')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('no asynchronous invocation configuration') });
  });

  it('fail a secret-looking environment variable, naming the variable and never its value', async () => {
    // Prepare: an AWS secret access key under an innocent name, and a password by name
    const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
    const variables = { ...goodFunction('complaints').Environment!.Variables, SETTING: awsSecret, DB_PASSWORD: 'correct horse battery staple' };

    // Act
    const { results } = await auditDeployment({ functions: withComplaints((fn) => ({ ...fn, Environment: { Variables: variables } })) });

    // Assess
    const result = only(results, auditChecks.functionNoSecretInEnvironment.id, 'function:complaints');
    expect(result).toMatchObject({ outcome: 'failed', severity: 'critical', ownerTeam: 'security' });
    expect(result.detail).toContain('SETTING (its value looks like a long random-looking value)');
    expect(result.detail).toContain('DB_PASSWORD (its name says it holds a secret');
    for (const secret of [awsSecret.slice(0, 8), 'horse']) expect(result.detail).not.toContain(secret);
    expect(only(results, auditChecks.functionNoSecretInEnvironment.id, 'function:slaSweep').outcome).toBe('passed');
  });

  it('fail every check of a manifest function that is not deployed, or deployed twice on the stage', async () => {
    // Act
    const { results } = await auditDeployment({ functions: [goodFunction('complaints'), goodFunction('complaints'), goodFunction('securityAudit')] });

    // Assess
    for (const id of functionCheckIds) {
      expect(only(results, id, 'function:slaSweep')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('in the manifest but not deployed') });
      expect(only(results, id, 'function:complaints')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('2 deployed functions carry') });
    }
  });

  it('fail every function check when the functions cannot be listed, naming the error and not its message', async () => {
    // Act
    const { results } = await auditDeployment({ functions: sdkError('AccessDeniedException') });

    // Assess
    const forFunctions = results.filter((result) => result.resource.startsWith('function:'));
    expect(forFunctions).toHaveLength(3 * functionCheckIds.length);
    for (const result of forFunctions) expect(result.detail).toBe('the functions could not be read: AccessDeniedException');
  });
});

describe('the IAM check on function roles', () => {
  it.each([
    ['a wildcard action on dynamodb', { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:eu-central-1:111122223333:table/Complaints-1A2B' }, 'allows action dynamodb:*'],
    ['a data action on every resource', { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' }, 'allows dynamodb:GetItem on *'],
    ['a data action on every table', { Effect: 'Allow', Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:eu-central-1:111122223333:table/*' }, 'allows dynamodb:Query on dynamodb:table/*'],
    ['every action on a key', { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:eu-central-1:111122223333:key/k' }, 'allows action kms:*'],
    ['NotAction', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, 'allows every action but those it names (NotAction)'],
  ])('fails an inline policy with %s, read URL-encoded', async (_, statement, detail) => {
    // Act
    const { results } = await auditDeployment({
      inlinePolicies: (role) => (role.includes('complaints') ? { DefaultPolicy: cdkLikePolicy, Extra: { Statement: [statement] } } : { DefaultPolicy: cdkLikePolicy }),
    });

    // Assess
    const result = only(results, auditChecks.iamNoWildcardOnDataServices.id, 'function:complaints');
    expect(result).toMatchObject({ outcome: 'failed', severity: 'critical', detail: expect.stringContaining(`policy Extra statement #1 ${detail}`) });
    expect(result.detail).not.toContain('111122223333');
    expect(only(results, auditChecks.iamNoWildcardOnDataServices.id, 'function:slaSweep')).toMatchObject({ outcome: 'passed', detail: '1 inline and 0 attached policies: no wildcard on a data service' });
  });

  it('fails an attached managed policy that allows everything, read through its default version', async () => {
    // Act
    const { results, seen } = await auditDeployment({
      attachedPolicies: (role) => (role.includes('slaSweep') ? { AdministratorAccess: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } : {}),
    });

    // Assess
    expect(only(results, auditChecks.iamNoWildcardOnDataServices.id, 'function:slaSweep')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('policy AdministratorAccess statement #1 allows action *') });
    expect(seen).toContain('GetPolicyVersionCommand');
  });

  it('passes the grants CDK writes, a denial, and wildcards outside data services', () => {
    // Act + Assess
    for (const statement of cdkLikePolicy.Statement) expect(wildcardOnDataService(statement)).toBeUndefined();
    expect(wildcardOnDataService({ Effect: 'Deny', Action: '*', Resource: '*' })).toBeUndefined();
    expect(wildcardOnDataService({ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' })).toBeUndefined();
  });
});

describe('secret-looking variables', () => {
  it.each([
    ['an AWS access key id', { X: 'AKIAIOSFODNN7EXAMPLE' }, 'an AWS access key id', 'IOSFODNN'],
    ['a private key', { TLS: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...' }, 'a private key', 'MIIEow'],
    ['a JWT', { T: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U' }, 'a JSON web token', 'dozjgNry'],
    ['a bearer token', { H: 'Bearer 0123456789abcdefghijKLMN' }, 'a bearer token', '0123456789'],
    ['a password in a URL', { DB: 'postgres://app:s3cr3t@db.internal:5432/app' }, 'a password in a URL', 's3cr3t'],
    ['a secret inside JSON, by its key', { CONFIG: JSON.stringify({ db: { clientSecret: 'hunter2hunter2' } }) }, 'its name says it holds a secret', 'hunter2'],
  ])('finds %s', (_, variables, reason, secret) => {
    // Act
    const found = secretLikeVariables(variables);

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]!.reason).toContain(reason);
    expect(JSON.stringify(found)).not.toContain(secret);
  });

  it('leaves references, names, numbers, ARNs, URLs, JSON of them and long compressed documents alone', () => {
    // Act
    const found = secretLikeVariables({
      ...goodFunction('x').Environment!.Variables,
      SYNTHETIC_TOKEN_URL: 'https://user-protection-prod.auth.eu-central-1.amazoncognito.com/oauth2/token',
      PEOPLE_CLIENT_IDS: '1example23456789,2example34567890',
      API_TOKEN: '',
      AUDIT_INVENTORY: 'G6EEAB'.repeat(5) + 'x9Y8z7W6v5U4t3S2r1Q0'.repeat(20),
      KEY_ID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    });

    // Assess
    expect(found).toEqual([]);
  });
});
