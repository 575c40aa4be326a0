import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { commonEnv, type Stage } from '#shared/manifest/platform.ts';
import type { ReadinessTargets } from '#shared/platform/readiness.ts';
import { checkApi } from '#shared/security/audit/api-checks.ts';
import { functionChecks, unreadable } from '#shared/security/audit/checks.ts';
import type { DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import { checkFunction, failedFunctionChecks, functionsByManifestName, listDeployedFunctions } from '#shared/security/audit/function-checks.ts';
import { checkFunctionRole } from '#shared/security/audit/iam-checks.ts';
import type { AuditDeployment, AuditInventory } from '#shared/security/audit/inventory.ts';
import { checkEventRules, checkSchedules, type FoundResources } from '#shared/security/audit/schedule-checks.ts';
import type { DeploymentReading } from '#shared/security/audit/reader-contract.ts';

/**
 * The deployment reader's work (a function of its own, invoked by the audit in AWS): the checks of
 * what runs the code, i.e. functions and their roles, the HTTP API, schedules and event rules, and
 * the ARN of every resource of the stack it knows, on which the keys and findings reader then looks
 * findings up.
 */

interface DeploymentDeps {
  stage: Stage;
  clients: DeploymentClients;
  now: Date;
  /** The tables, queues and keys, whose Security Hub findings are looked up too. */
  targets: ReadinessTargets;
  /** What the manifests say should be deployed, and what the stack names. */
  inventory: AuditInventory;
  deployment: AuditDeployment;
}

/** Every function check on every manifest function, and the functions found (one per manifest name). */
const checkFunctions = async (inventory: AuditInventory, deps: DeploymentDeps) => {
  const names = Object.keys(inventory.functions).sort();
  const found = new Map<string, FunctionConfiguration>();
  let deployed: FunctionConfiguration[];
  try {
    deployed = await listDeployedFunctions(deps.clients.lambda);
  } catch (error) {
    return { results: names.flatMap((name) => functionChecks.map((check) => unreadable(check, `function:${name}`, 'the functions', error))), found };
  }
  const byName = functionsByManifestName(deployed, deps.stage);
  const perFunction = await Promise.all(
    names.map(async (name) => {
      const candidates = byName.get(name) ?? [];
      const claim = `${commonEnv.serviceName}=${name} and ${commonEnv.stage}=${deps.stage}`;
      if (candidates.length === 0) return failedFunctionChecks(name, `the function is in the manifest but not deployed: no function carries ${claim}`);
      if (candidates.length > 1) return failedFunctionChecks(name, `${candidates.length} deployed functions carry ${claim}: the audit cannot tell which is the stack's`);
      const fn = candidates[0]!;
      found.set(name, fn);
      const context = { lambda: deps.clients.lambda, logs: deps.clients.logs, now: deps.now, asynchronous: inventory.functions[name] === true };
      const [checks, role] = await Promise.all([checkFunction(name, fn, context), checkFunctionRole(name, fn.Role, deps.clients.iam)]);
      return [...checks, role];
    }),
  );
  return { results: perFunction.flat(), found };
};

/** The partition, region and account of the stack, read from a key ARN of the targets or a function's ARN. */
const whereOf = (arns: readonly string[]): { partition: string; region: string; account: string } | undefined => {
  const [, partition, , region, account] = arns.find((arn) => arn.startsWith('arn:'))?.split(':') ?? [];
  return partition && region && account ? { partition, region, account } : undefined;
};

/** The ARN of each resource of the stack the audit knows, with the audit's name for it: what Security Hub findings are looked up on. */
const stackResources = (deps: DeploymentDeps, functions: Map<string, FunctionConfiguration>, found: FoundResources[], apiId: string) => {
  const names = new Map<string, string>(found.flatMap((family) => family.resources));
  for (const [name, fn] of functions) {
    if (fn.FunctionArn) names.set(fn.FunctionArn, `function:${name}`);
    if (fn.Role) names.set(fn.Role, `role:${name}`);
  }
  for (const [name, arn] of Object.entries(deps.targets.keys)) if (arn.startsWith('arn:')) names.set(arn, `key:${name}`);
  const where = whereOf([...Object.values(deps.targets.keys), ...[...functions.values()].flatMap((fn) => (fn.FunctionArn ? [fn.FunctionArn] : []))]);
  if (!where) return names;
  const { partition, region, account } = where;
  for (const [name, table] of Object.entries(deps.targets.tables)) names.set(`arn:${partition}:dynamodb:${region}:${account}:table/${table}`, `table:${name}`);
  for (const [name, url] of Object.entries(deps.targets.queues)) {
    names.set(`arn:${partition}:sqs:${region}:${account}:${url.split('/').at(-1)}`, `queue:${name}`);
  }
  names.set(`arn:${partition}:apigateway:${region}::/apis/${apiId}`, 'api:http-api');
  names.set(`arn:${partition}:apigateway:${region}::/apis/${apiId}/stages/$default`, 'api-stage:$default');
  return names;
};

/** One result per deployment check and resource, and the stack's resources by ARN. */
export const readDeployment = async (deps: DeploymentDeps): Promise<DeploymentReading> => {
  const { inventory, clients } = deps;
  const { httpApiId, eventBusName } = deps.deployment;
  const functions = await checkFunctions(inventory, deps);
  const functionNames = new Map([...functions.found].flatMap(([name, fn]) => (fn.FunctionArn ? [[fn.FunctionArn, name] as const] : [])));
  const [api, schedules, rules] = await Promise.all([
    checkApi(httpApiId, inventory, clients.apigateway),
    checkSchedules({ scheduler: clients.scheduler, functionNames, inventory }),
    checkEventRules({ events: clients.events, eventBusName, inventory }),
  ]);
  const resources = stackResources(deps, functions.found, [schedules, rules], httpApiId);
  return { results: [...functions.results, ...api, ...schedules.results, ...rules.results], resources: Object.fromEntries(resources) };
};
