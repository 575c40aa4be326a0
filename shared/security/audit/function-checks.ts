import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionEventInvokeConfigCommand, ListFunctionsCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { commonEnv } from '#shared/manifest/platform.ts';
import type { DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import { auditChecks, functionChecks, resultOf, unreadable } from '#shared/security/audit/checks.ts';
import { allPages } from '#shared/security/audit/pages.ts';
import { secretLikeVariables } from '#shared/security/audit/secret-detectors.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';

/**
 * The functions' checks: runtime, architecture, log retention, tracing, an on-failure destination
 * where something invokes the function asynchronously, and no secret in the environment. The
 * deployed functions are found with ListFunctions: the stack sets `STAGE` and
 * `POWERTOOLS_SERVICE_NAME` (the manifest name) on every function, for its metrics.
 */

/**
 * The Node.js runtimes Lambda supports, each with the day Lambda deprecates it, from the AWS
 * Lambda runtimes page as read on `writtenOn`. Review it when a runtime is added or deprecated:
 * a function on a runtime past its date, or on one not listed here, fails.
 */
export const supportedNodeRuntimes = {
  writtenOn: '2026-12-06',
  deprecatedOn: { 'nodejs22.x': '2027-04-30', 'nodejs24.x': '2028-04-30' } as Readonly<Record<string, string>>,
} as const;

/** The architecture the stack gives every function (infra/constructs/node-function.ts). */
const expectedArchitecture = 'arm64';

const { functionRuntime, functionArchitecture, functionLogRetention, functionTracing, functionOnFailureDestination, functionNoSecretInEnvironment } = auditChecks;

/** Every function of the region, page after page (configurations only: no code). */
export const listDeployedFunctions = (lambda: DeploymentClients['lambda']): Promise<FunctionConfiguration[]> =>
  allPages(async (marker) => {
    const page = await lambda.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }));
    return { items: page.Functions, next: page.NextMarker };
  });

/** The deployed functions of the stage that carry a manifest name, by that name (more than one is an ambiguity the checks report). */
export const functionsByManifestName = (deployed: readonly FunctionConfiguration[], stage: string): Map<string, FunctionConfiguration[]> => {
  const byName = new Map<string, FunctionConfiguration[]>();
  for (const fn of deployed) {
    const variables = fn.Environment?.Variables ?? {};
    const name = variables[commonEnv.serviceName];
    if (variables[commonEnv.stage] !== stage || name === undefined) continue;
    byName.set(name, [...(byName.get(name) ?? []), fn]);
  }
  return byName;
};

const runtime = (resource: string, fn: FunctionConfiguration, now: Date): CheckResult => {
  const name = fn.Runtime ?? 'unknown';
  const deprecatedOn = supportedNodeRuntimes.deprecatedOn[name];
  if (deprecatedOn === undefined) {
    const supported = Object.keys(supportedNodeRuntimes.deprecatedOn).join(', ');
    return resultOf(functionRuntime, resource, 'failed', `runtime ${name} is not among the supported ones (${supported}, as of ${supportedNodeRuntimes.writtenOn})`);
  }
  return now.toISOString().slice(0, 10) < deprecatedOn
    ? resultOf(functionRuntime, resource, 'passed', `runtime ${name}, supported until ${deprecatedOn}`)
    : resultOf(functionRuntime, resource, 'failed', `runtime ${name} was deprecated on ${deprecatedOn}`);
};

const architecture = (resource: string, fn: FunctionConfiguration): CheckResult => {
  // Lambda's default is x86_64: a configuration without the field runs there.
  const architectures = fn.Architectures ?? ['x86_64'];
  return architectures.length === 1 && architectures[0] === expectedArchitecture
    ? resultOf(functionArchitecture, resource, 'passed', `runs on ${expectedArchitecture}`)
    : resultOf(functionArchitecture, resource, 'failed', `runs on ${architectures.join(', ')}; the stack sets ${expectedArchitecture}`);
};

/**
 * The tracing mode the stack sets: the platform does not use X-Ray (README, Observability: the
 * Tracer's load cost buys little over the metrics and logs), so a function found `Active` was
 * changed outside the stack, and sends traces nobody set out to keep.
 */
const expectedTracingMode = 'PassThrough';

const tracing = (resource: string, fn: FunctionConfiguration): CheckResult => {
  // Lambda's default is PassThrough: a configuration without the field traces nothing of its own.
  const mode = fn.TracingConfig?.Mode ?? 'PassThrough';
  return mode === expectedTracingMode
    ? resultOf(functionTracing, resource, 'passed', `tracing mode is ${mode}, as the stack sets it`)
    : resultOf(functionTracing, resource, 'failed', `tracing mode is ${mode}; the stack sets ${expectedTracingMode} (X-Ray is not used)`);
};

const secrets = (resource: string, fn: FunctionConfiguration): CheckResult => {
  const found = secretLikeVariables(fn.Environment?.Variables ?? {});
  if (found.length === 0) return resultOf(functionNoSecretInEnvironment, resource, 'passed', 'no environment variable looks like a secret');
  const listed = found.map((variable) => `${variable.name} (${variable.reason})`).join('; ');
  return resultOf(functionNoSecretInEnvironment, resource, 'failed', `environment variables that look like secrets: ${listed}`);
};

const logRetention = async (resource: string, fn: FunctionConfiguration, logs: DeploymentClients['logs']): Promise<CheckResult> => {
  // Without a logging configuration Lambda writes to /aws/lambda/<function name>.
  const logGroupName = fn.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.FunctionName}`;
  try {
    const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, limit: 50 }));
    const group = logGroups.find((candidate) => candidate.logGroupName === logGroupName);
    if (!group) return resultOf(functionLogRetention, resource, 'failed', "the function's log group does not exist");
    return group.retentionInDays === undefined
      ? resultOf(functionLogRetention, resource, 'failed', "the function's log group keeps its logs forever: no retention")
      : resultOf(functionLogRetention, resource, 'passed', `logs are kept ${group.retentionInDays} days`);
  } catch (error) {
    return unreadable(functionLogRetention, resource, 'the log group', error);
  }
};

const onFailureDestination = async (
  resource: string,
  fn: FunctionConfiguration,
  context: { lambda: DeploymentClients['lambda']; asynchronous: boolean },
): Promise<CheckResult> => {
  if (!context.asynchronous) {
    return resultOf(functionOnFailureDestination, resource, 'not-applicable', 'no schedule, event rule or topic invokes the function asynchronously');
  }
  try {
    const config = await context.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.FunctionArn ?? fn.FunctionName }));
    return config.DestinationConfig?.OnFailure?.Destination
      ? resultOf(functionOnFailureDestination, resource, 'passed', 'failed asynchronous invocations go to an on-failure destination')
      : resultOf(functionOnFailureDestination, resource, 'failed', 'invoked asynchronously, with no on-failure destination');
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      return resultOf(functionOnFailureDestination, resource, 'failed', 'invoked asynchronously, with no asynchronous invocation configuration');
    }
    return unreadable(functionOnFailureDestination, resource, 'the asynchronous invocation configuration', error);
  }
};

interface FunctionContext {
  lambda: DeploymentClients['lambda'];
  logs: DeploymentClients['logs'];
  now: Date;
  /** Whether a schedule, an event rule or a topic invokes the function asynchronously (the inventory says). */
  asynchronous: boolean;
}

/** The function checks on one deployed function (its role's check is iam-checks.ts'): one result per check. */
export const checkFunction = async (name: string, fn: FunctionConfiguration, context: FunctionContext): Promise<CheckResult[]> => {
  const resource = `function:${name}`;
  const [retention, onFailure] = await Promise.all([logRetention(resource, fn, context.logs), onFailureDestination(resource, fn, context)]);
  return [runtime(resource, fn, context.now), architecture(resource, fn), retention, tracing(resource, fn), onFailure, secrets(resource, fn)];
};

/** Every function check, the role's included, failed with one reason: the function is missing, ambiguous or unreadable. */
export const failedFunctionChecks = (name: string, detail: string): CheckResult[] =>
  functionChecks.map((check) => resultOf(check, `function:${name}`, 'failed', detail));
