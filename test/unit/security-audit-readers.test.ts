import { Logger } from '@aws-lambda-powertools/logger';
import type { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import { auditChecks, functionChecks } from '#shared/security/audit/checks.ts';
import { AUDIT_READERS_ENV, lambdaAuditReaders, readAuditReaderNames } from '#shared/security/audit/lambda-readers.ts';
import { checkWithReaders } from '#shared/security/audit/reader-checks.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { createDeploymentReaderHandler } from '#shared/security/wiring/security-audit-deployment-reader.ts';
import { createKeysAndFindingsReaderHandler } from '#shared/security/wiring/security-audit-keys-and-findings-reader.ts';
import { lambdaContext } from '../support/events.ts';

/**
 * The audit and its two readers, across Lambda's Invoke: what the audit asks, in which order, and
 * what becomes of a reader that fails or answers outside the contract. The readers' checks
 * themselves are tested through the same boundary in security-audit-checks (the keys),
 * security-audit-function-checks and security-audit-stack-checks.
 */

const names = { deployment: 'UserProtection-prod-Stateless-DeploymentReader-A1', keysAndFindings: 'UserProtection-prod-Stateless-KeysAndFindingsReader-B2' };
const now = new Date('2026-12-06T06:40:00.000Z');
const targets = {
  tables: { complaints: 'UserProtection-prod-Stateful-Complaints-1A2B' },
  queues: { reports: 'https://sqs.eu-central-1.amazonaws.com/111122223333/UserProtection-prod-Reports-3C4D' },
  keys: { storage: 'arn:aws:kms:eu-central-1:111122223333:key/storage-0001', data: 'arn:aws:kms:eu-central-1:111122223333:key/data-0001' },
};
const functionArn = 'arn:aws:lambda:eu-central-1:111122223333:function:UserProtection-prod-Stateless-Complaints-A1b2C3';

const result = (checkId: string, resource: string, outcome: CheckResult['outcome'] = 'passed'): CheckResult => ({
  checkId,
  resource,
  outcome,
  severity: 'high',
  ownerTeam: 'platform',
  title: 'what the check expects',
  detail: 'what was seen',
});
const deploymentAnswer = {
  results: [result(auditChecks.functionRuntime.id, 'function:complaints'), result(auditChecks.apiAccessLogging.id, 'api-stage:$default', 'failed')],
  resources: { [functionArn]: 'function:complaints', [targets.keys.storage]: 'key:storage' },
};
const keyResults = ['data', 'storage'].flatMap((name) => [result(auditChecks.keyRotation.id, `key:${name}`), result(auditChecks.keyPolicyPrincipals.id, `key:${name}`)]);
const findings = [result(auditChecks.securityHubFindings.id, 'stack:security-hub'), result('security-hub.Lambda.2', 'function:complaints', 'failed')];
const keysAndFindingsAnswer = { keys: keyResults, findings };
const keysOnlyAnswer = { keys: keyResults, findings: [] };

/** What Lambda hands back for one invocation: an answer, a function error (with its payload), or an error of the Invoke call itself. */
type Reply = { answer: unknown } | { functionError: string; payload: unknown } | { invokeFails: Error };
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Lambda's Invoke as the audit sees it: each reader's reply by function name, and every request kept. */
const lambdaReplying = (replies: { deployment: Reply; keysAndFindings: Reply }) => {
  const requests: { functionName: string; payload: unknown }[] = [];
  const send = async (command: InvokeCommand) => {
    const { FunctionName, Payload, InvocationType } = command.input;
    expect(InvocationType ?? 'RequestResponse').toBe('RequestResponse');
    requests.push({ functionName: FunctionName!, payload: JSON.parse(String(Payload)) });
    const reply = FunctionName === names.deployment ? replies.deployment : FunctionName === names.keysAndFindings ? replies.keysAndFindings : undefined;
    if (!reply) throw new Error(`no reply for ${FunctionName}`);
    if ('invokeFails' in reply) throw reply.invokeFails;
    if ('functionError' in reply) return { StatusCode: 200, FunctionError: reply.functionError, Payload: json(reply.payload) };
    return { StatusCode: 200, Payload: json(reply.answer) };
  };
  return { lambda: { send }, requests };
};

const auditWith = async (replies: { deployment: Reply; keysAndFindings: Reply }) => {
  const { lambda, requests } = lambdaReplying(replies);
  const results = await checkWithReaders({ environment: 'aws', readers: lambdaAuditReaders(lambda as never, () => names), now, targets });
  return { results, requests };
};

/** The thirteen deployment checks, each on the part of the stack it covers. */
const deploymentScopes = [
  ...functionChecks.map((check) => [check.id, 'stack:functions']),
  [auditChecks.apiAuthorizer.id, 'stack:http-api'],
  [auditChecks.apiAccessLogging.id, 'stack:http-api'],
  [auditChecks.apiThrottling.id, 'stack:http-api'],
  [auditChecks.scheduleDeadLetterAndRetry.id, 'stack:schedules'],
  [auditChecks.ruleDeadLetterAndRetry.id, 'stack:event-rules'],
  [auditChecks.securityHubFindings.id, 'stack:security-hub'],
];
const keyScopes = keyResults.map((check) => [check.checkId, check.resource]);

describe('the audit and its readers', () => {
  it('asks the deployment reader with the run time and the targets, then the keys and findings reader on the keys and the resources found, and keeps every answer', async () => {
    // Act
    const { results, requests } = await auditWith({ deployment: { answer: deploymentAnswer }, keysAndFindings: { answer: keysAndFindingsAnswer } });

    // Assess
    expect(requests).toEqual([
      { functionName: names.deployment, payload: { now: '2026-12-06T06:40:00.000Z', targets } },
      { functionName: names.keysAndFindings, payload: { keys: targets.keys, resources: deploymentAnswer.resources } },
    ]);
    expect(results).toEqual([...keyResults, ...deploymentAnswer.results, ...findings]);
  });

  it.each([
    { failure: 'a function error, with the type Lambda reports', reply: { functionError: 'Unhandled', payload: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 180.00 seconds' } }, name: 'Sandbox.Timedout' },
    { failure: 'a function error whose type is not a name', reply: { functionError: 'Unhandled', payload: { errorType: `denied on ${functionArn}`, errorMessage: 'x' } }, name: 'AuditReaderError' },
    { failure: 'a function error without a payload', reply: { functionError: 'Unhandled', payload: null }, name: 'AuditReaderError' },
    { failure: 'an Invoke call refused', reply: { invokeFails: Object.assign(new Error(`User is not authorized to perform lambda:InvokeFunction on ${functionArn}`), { name: 'AccessDeniedException' }) }, name: 'AccessDeniedException' },
    { failure: 'an answer outside the contract', reply: { answer: { results: [{ ...result('x', 'y'), outcome: 'fine' }], resources: {} } }, name: 'MalformedReaderAnswer' },
    { failure: 'an answer without its resources', reply: { answer: { results: [] } }, name: 'MalformedReaderAnswer' },
  ] satisfies { failure: string; reply: Reply; name: string }[])(
    'fails each deployment check on its part of the stack, and checks the keys without looking findings up, when the deployment reader gives $failure',
    async ({ reply, name }) => {
      // Act
      const { results, requests } = await auditWith({ deployment: reply, keysAndFindings: { answer: keysOnlyAnswer } });

      // Assess
      expect(requests.slice(1)).toEqual([{ functionName: names.keysAndFindings, payload: { keys: targets.keys } }]);
      expect(results.slice(0, keyResults.length)).toEqual(keyResults);
      const failed = results.slice(keyResults.length);
      expect(failed.map((check) => [check.checkId, check.resource])).toEqual(deploymentScopes);
      for (const check of failed) expect(check).toMatchObject({ outcome: 'failed', detail: `the deployment could not be read: ${name}` });
      expect(JSON.stringify(failed)).not.toContain('111122223333');
    },
  );

  it.each([
    { failure: 'a function error', reply: { functionError: 'Unhandled', payload: { errorType: 'TooManyRequestsException', errorMessage: 'Rate exceeded' } }, name: 'TooManyRequestsException' },
    { failure: 'an answer outside the contract', reply: { answer: { findings: [] } }, name: 'MalformedReaderAnswer' },
  ] satisfies { failure: string; reply: Reply; name: string }[])('fails the key checks and the Security Hub import, keeping the deployment results, when the keys and findings reader gives $failure', async ({ reply, name }) => {
    // Act
    const { results } = await auditWith({ deployment: { answer: deploymentAnswer }, keysAndFindings: reply });

    // Assess
    const failedKeys = results.slice(0, keyScopes.length);
    expect(failedKeys.map((check) => [check.checkId, check.resource])).toEqual(keyScopes);
    for (const check of failedKeys) expect(check).toMatchObject({ outcome: 'failed', detail: `the keys could not be read: ${name}` });
    expect(results.slice(keyScopes.length)).toEqual([
      ...deploymentAnswer.results,
      expect.objectContaining({ checkId: auditChecks.securityHubFindings.id, resource: 'stack:security-hub', outcome: 'failed', detail: `the Security Hub findings could not be read: ${name}` }),
    ]);
  });

  it('invokes no reader locally: every deployment check is not applicable there', async () => {
    // Prepare
    const { lambda, requests } = lambdaReplying({ deployment: { answer: deploymentAnswer }, keysAndFindings: { answer: keysAndFindingsAnswer } });

    // Act
    const results = await checkWithReaders({ environment: 'local', readers: lambdaAuditReaders(lambda as never, () => names), now, targets });

    // Assess
    expect(requests).toEqual([]);
    expect(results.map((check) => [check.checkId, check.resource])).toEqual([...keyScopes, ...deploymentScopes]);
    for (const check of results) expect(check).toMatchObject({ outcome: 'not-applicable', detail: expect.stringMatching(/^not applicable locally: /) });
  });
});

describe('the keys and findings reader', () => {
  it('checks every key it is given, in the order of their names, and looks no finding up when it is given no resources', async () => {
    // Prepare
    const sent: string[] = [];
    const kms = {
      send: async (command: object) => {
        sent.push(command.constructor.name);
        const answers: Record<string, unknown> = {
          DescribeKeyCommand: { KeyMetadata: { KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' } },
          GetKeyRotationStatusCommand: { KeyRotationEnabled: true },
          GetKeyPolicyCommand: { Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*' }] }) },
        };
        return answers[command.constructor.name];
      },
    };
    const securityHub = { send: async (command: object) => void sent.push(command.constructor.name) };
    const handler = createKeysAndFindingsReaderHandler({ kms: kms as never, securityHub: securityHub as never }, new Logger({ logLevel: 'SILENT' }));

    // Act
    const reading = await handler({ keys: targets.keys }, lambdaContext());

    // Assess
    expect(reading.findings).toEqual([]);
    expect(reading.keys.map((check) => [check.checkId, check.resource, check.outcome])).toEqual(keyScopes.map(([checkId, resource]) => [checkId, resource, 'passed']));
    expect(sent.filter((command) => command === 'GetFindingsCommand')).toEqual([]);
    expect(sent.filter((command) => command === 'DescribeKeyCommand')).toHaveLength(2);
  });
});

describe("the readers' names", () => {
  it('are read from AUDIT_READERS', () => {
    // Act
    const read = readAuditReaderNames({ [AUDIT_READERS_ENV]: JSON.stringify(names) });

    // Assess
    expect(read).toEqual(names);
  });

  it.each([
    { value: undefined, message: `Missing environment variable ${AUDIT_READERS_ENV}` },
    { value: 'not json', message: `${AUDIT_READERS_ENV} is not a valid pair of readers (deployment, keysAndFindings)` },
    { value: JSON.stringify({ deployment: names.deployment }), message: `${AUDIT_READERS_ENV} is not a valid pair of readers (deployment, keysAndFindings)` },
    { value: JSON.stringify({ ...names, keysAndFindings: '' }), message: `${AUDIT_READERS_ENV} is not a valid pair of readers (deployment, keysAndFindings)` },
  ])('refuse $value with a configuration error', ({ value, message }) => {
    // Act + Assess
    expect(() => readAuditReaderNames(value === undefined ? {} : { [AUDIT_READERS_ENV]: value })).toThrow(new ConfigError(message));
  });
});

describe('the readers refuse a request outside the contract, and read nothing', () => {
  const logger = new Logger({ serviceName: 'security-audit-readers-test', logLevel: 'SILENT' });
  const client = (sent: string[]) => ({ send: async (command: object) => void sent.push(command.constructor.name) }) as never;

  it.each([
    { request: { now: 'yesterday', targets } },
    { request: { now: now.toISOString() } },
    { request: { job: 'security-audit', time: now.toISOString() } },
  ])('the deployment reader: $request', async ({ request }) => {
    // Prepare
    const sent: string[] = [];
    const clients = { lambda: client(sent), logs: client(sent), iam: client(sent), apigateway: client(sent), scheduler: client(sent), events: client(sent) };
    const handler = createDeploymentReaderHandler(
      { stage: 'prod', clients, inventory: () => ({ functions: {}, routes: {}, throttledRoutes: [], jobs: {}, eventRules: {} }), deployment: () => ({ httpApiId: 'a1b2c3d4e5', eventBusName: 'bus' }) },
      logger,
    );

    // Act + Assess
    await expect(handler(request, lambdaContext())).rejects.toThrow('The deployment reader expects { now, targets } from the security audit');
    expect(sent).toEqual([]);
  });

  it.each([
    { request: { resources: { [functionArn]: 'function:complaints' } } },
    { request: { keys: targets.keys, resources: [functionArn] } },
    { request: {} },
    { request: { keys: { data: 7 } } },
    { request: { keys: targets.keys, resources: { [functionArn]: 7 } } },
  ])('the keys and findings reader: $request', async ({ request }) => {
    // Prepare
    const sent: string[] = [];
    const handler = createKeysAndFindingsReaderHandler({ kms: client(sent), securityHub: client(sent) }, logger);

    // Act + Assess
    await expect(handler(request, lambdaContext())).rejects.toThrow('The keys and findings reader expects { keys, resources? } from the security audit');
    expect(sent).toEqual([]);
  });
});
