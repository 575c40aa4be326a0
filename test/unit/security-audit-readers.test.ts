import { Logger } from '@aws-lambda-powertools/logger';
import type { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import { auditChecks, functionChecks } from '#shared/security/audit/checks.ts';
import { checkDeployment } from '#shared/security/audit/deployment-checks.ts';
import { AUDIT_READERS_ENV, lambdaAuditReaders, readAuditReaderNames } from '#shared/security/audit/lambda-readers.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { createDeploymentReaderHandler } from '#shared/security/wiring/security-audit-deployment-reader.ts';
import { createSecurityHubReaderHandler } from '#shared/security/wiring/security-audit-security-hub-reader.ts';
import { lambdaContext } from '../support/events.ts';

/**
 * The audit and its two readers, across Lambda's Invoke: what the audit asks, in which order, and
 * what becomes of a reader that fails or answers outside the contract. The readers' checks
 * themselves are tested through the same boundary in security-audit-function-checks and
 * security-audit-stack-checks.
 */

const names = { deployment: 'UserProtection-prod-Stateless-DeploymentReader-A1', securityHub: 'UserProtection-prod-Stateless-SecurityHubReader-B2' };
const now = new Date('2026-12-06T06:40:00.000Z');
const targets = {
  tables: { complaints: 'UserProtection-prod-Stateful-Complaints-1A2B' },
  queues: { reports: 'https://sqs.eu-central-1.amazonaws.com/111122223333/UserProtection-prod-Reports-3C4D' },
  keys: { storage: 'arn:aws:kms:eu-central-1:111122223333:key/storage-0001' },
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
const securityHubAnswer = { results: [result(auditChecks.securityHubFindings.id, 'stack:security-hub'), result('security-hub.Lambda.2', 'function:complaints', 'failed')] };

/** What Lambda hands back for one invocation: an answer, a function error (with its payload), or an error of the Invoke call itself. */
type Reply = { answer: unknown } | { functionError: string; payload: unknown } | { invokeFails: Error };
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Lambda's Invoke as the audit sees it: each reader's reply by function name, and every request kept. */
const lambdaReplying = (replies: { deployment: Reply; securityHub?: Reply }) => {
  const requests: { functionName: string; payload: unknown }[] = [];
  const send = async (command: InvokeCommand) => {
    const { FunctionName, Payload, InvocationType } = command.input;
    expect(InvocationType ?? 'RequestResponse').toBe('RequestResponse');
    requests.push({ functionName: FunctionName!, payload: JSON.parse(String(Payload)) });
    const reply = FunctionName === names.deployment ? replies.deployment : replies.securityHub;
    if (!reply) throw new Error(`no reply for ${FunctionName}`);
    if ('invokeFails' in reply) throw reply.invokeFails;
    if ('functionError' in reply) return { StatusCode: 200, FunctionError: reply.functionError, Payload: json(reply.payload) };
    return { StatusCode: 200, Payload: json(reply.answer) };
  };
  return { lambda: { send }, requests };
};

const auditWith = async (replies: { deployment: Reply; securityHub?: Reply }) => {
  const { lambda, requests } = lambdaReplying(replies);
  const results = await checkDeployment({ environment: 'aws', readers: lambdaAuditReaders(lambda as never, () => names), now, targets });
  return { results, requests };
};

/** The thirteen deployment checks, each on the part of the stack it covers. */
const scopes = [
  ...functionChecks.map((check) => [check.id, 'stack:functions']),
  [auditChecks.apiAuthorizer.id, 'stack:http-api'],
  [auditChecks.apiAccessLogging.id, 'stack:http-api'],
  [auditChecks.apiThrottling.id, 'stack:http-api'],
  [auditChecks.scheduleDeadLetterAndRetry.id, 'stack:schedules'],
  [auditChecks.ruleDeadLetterAndRetry.id, 'stack:event-rules'],
  [auditChecks.securityHubFindings.id, 'stack:security-hub'],
];

describe('the audit and its readers', () => {
  it('asks the deployment reader with the run time and the targets, then the Security Hub reader on the resources it found, and keeps both answers', async () => {
    // Act
    const { results, requests } = await auditWith({ deployment: { answer: deploymentAnswer }, securityHub: { answer: securityHubAnswer } });

    // Assess
    expect(requests).toEqual([
      { functionName: names.deployment, payload: { now: '2026-12-06T06:40:00.000Z', targets } },
      { functionName: names.securityHub, payload: { resources: deploymentAnswer.resources } },
    ]);
    expect(results).toEqual([...deploymentAnswer.results, ...securityHubAnswer.results]);
  });

  it.each([
    { failure: 'a function error, with the type Lambda reports', reply: { functionError: 'Unhandled', payload: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 180.00 seconds' } }, name: 'Sandbox.Timedout' },
    { failure: 'a function error whose type is not a name', reply: { functionError: 'Unhandled', payload: { errorType: `denied on ${functionArn}`, errorMessage: 'x' } }, name: 'AuditReaderError' },
    { failure: 'a function error without a payload', reply: { functionError: 'Unhandled', payload: null }, name: 'AuditReaderError' },
    { failure: 'an Invoke call refused', reply: { invokeFails: Object.assign(new Error(`User is not authorized to perform lambda:InvokeFunction on ${functionArn}`), { name: 'AccessDeniedException' }) }, name: 'AccessDeniedException' },
    { failure: 'an answer outside the contract', reply: { answer: { results: [{ ...result('x', 'y'), outcome: 'fine' }], resources: {} } }, name: 'MalformedReaderAnswer' },
    { failure: 'an answer without its resources', reply: { answer: { results: [] } }, name: 'MalformedReaderAnswer' },
  ] satisfies { failure: string; reply: Reply; name: string }[])(
    'fails each deployment check on its part of the stack, and asks Security Hub nothing, when the deployment reader gives $failure',
    async ({ reply, name }) => {
      // Act
      const { results, requests } = await auditWith({ deployment: reply });

      // Assess
      expect(requests.map((request) => request.functionName)).toEqual([names.deployment]);
      expect(results.map((check) => [check.checkId, check.resource])).toEqual(scopes);
      for (const check of results) expect(check).toMatchObject({ outcome: 'failed', detail: `the deployment could not be read: ${name}` });
      expect(JSON.stringify(results)).not.toContain('111122223333');
    },
  );

  it.each([
    { failure: 'a function error', reply: { functionError: 'Unhandled', payload: { errorType: 'TooManyRequestsException', errorMessage: 'Rate exceeded' } }, name: 'TooManyRequestsException' },
    { failure: 'an answer outside the contract', reply: { answer: { findings: [] } }, name: 'MalformedReaderAnswer' },
  ] satisfies { failure: string; reply: Reply; name: string }[])('fails the Security Hub import alone, keeping the deployment results, when its reader gives $failure', async ({ reply, name }) => {
    // Act
    const { results } = await auditWith({ deployment: { answer: deploymentAnswer }, securityHub: reply });

    // Assess
    expect(results).toEqual([
      ...deploymentAnswer.results,
      expect.objectContaining({ checkId: auditChecks.securityHubFindings.id, resource: 'stack:security-hub', outcome: 'failed', detail: `the Security Hub findings could not be read: ${name}` }),
    ]);
  });

  it('invokes no reader locally: every deployment check is not applicable there', async () => {
    // Prepare
    const { lambda, requests } = lambdaReplying({ deployment: { answer: deploymentAnswer }, securityHub: { answer: securityHubAnswer } });

    // Act
    const results = await checkDeployment({ environment: 'local', readers: lambdaAuditReaders(lambda as never, () => names), now, targets });

    // Assess
    expect(requests).toEqual([]);
    expect(results.map((check) => [check.checkId, check.resource])).toEqual(scopes);
    for (const check of results) expect(check.outcome).toBe('not-applicable');
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
    { value: 'not json', message: `${AUDIT_READERS_ENV} is not a valid pair of readers (deployment, securityHub)` },
    { value: JSON.stringify({ deployment: names.deployment }), message: `${AUDIT_READERS_ENV} is not a valid pair of readers (deployment, securityHub)` },
    { value: JSON.stringify({ ...names, securityHub: '' }), message: `${AUDIT_READERS_ENV} is not a valid pair of readers (deployment, securityHub)` },
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

  it.each([{ request: { resources: [functionArn] } }, { request: {} }, { request: { resources: { [functionArn]: 7 } } }])('the Security Hub reader: $request', async ({ request }) => {
    // Prepare
    const sent: string[] = [];
    const handler = createSecurityHubReaderHandler(client(sent), logger);

    // Act + Assess
    await expect(handler(request, lambdaContext())).rejects.toThrow('The Security Hub reader expects { resources } from the security audit');
    expect(sent).toEqual([]);
  });
});
