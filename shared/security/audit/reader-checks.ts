import type { ReadinessTargets } from '#shared/platform/readiness.ts';
import { auditChecks, functionChecks, notApplicableLocally, SECURITY_HUB_SCOPE, unreadable, type CheckDefinition } from '#shared/security/audit/checks.ts';
import type { AuditReaders, DeploymentReading, KeysAndFindingsReading } from '#shared/security/audit/reader-contract.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';

/**
 * The checks the audit's readers run (reader-contract.ts): the keys, what runs the code (functions
 * and their roles, the HTTP API, schedules, event rules) and Security Hub's findings on all of it.
 * In AWS the deployment reader runs first, then the keys and findings reader on the resources it
 * found. Locally none has a counterpart (the keys are files; no Lambda, API Gateway, IAM,
 * Scheduler or Security Hub emulator) and no reader is invoked: each check is reported not
 * applicable with its reason, per key, and once on the part of the stack it covers. A reader that
 * fails fails the checks it runs, on those same resources.
 */

const deploymentScopes: readonly [CheckDefinition, string][] = [
  ...functionChecks.map((check): [CheckDefinition, string] => [check, 'stack:functions']),
  [auditChecks.apiAuthorizer, 'stack:http-api'],
  [auditChecks.apiAccessLogging, 'stack:http-api'],
  [auditChecks.apiThrottling, 'stack:http-api'],
  [auditChecks.scheduleDeadLetterAndRetry, 'stack:schedules'],
  [auditChecks.ruleDeadLetterAndRetry, 'stack:event-rules'],
];
const keyChecks: readonly CheckDefinition[] = [auditChecks.keyRotation, auditChecks.keyPolicyPrincipals];

interface ReaderDeps {
  environment: AuditEnvironment;
  readers: AuditReaders;
  now: Date;
  /** The tables, queues and keys: the keys are checked, and all of them looked up in Security Hub. */
  targets: ReadinessTargets;
}

/** Each key check on each key, in the order of the keys' names. */
const perKey = (keys: Record<string, string>, result: (check: CheckDefinition, resource: string) => CheckResult): CheckResult[] =>
  Object.keys(keys)
    .sort()
    .flatMap((name) => keyChecks.map((check) => result(check, `key:${name}`)));

const readDeployment = async ({ readers, now, targets }: ReaderDeps): Promise<DeploymentReading | { error: unknown }> => {
  try {
    return await readers.readDeployment({ now: now.toISOString(), targets });
  } catch (error) {
    return { error };
  }
};

/** Every check of the readers: locally, each not applicable with its reason; in AWS, one result per check and resource. */
export const checkWithReaders = async (deps: ReaderDeps): Promise<CheckResult[]> => {
  const { environment, readers, targets } = deps;
  const hubScope: [CheckDefinition, string] = [auditChecks.securityHubFindings, SECURITY_HUB_SCOPE];
  if (environment === 'local') {
    const notApplicable = (check: CheckDefinition, resource: string) => notApplicableLocally(check, resource);
    return [...perKey(targets.keys, notApplicable), ...[...deploymentScopes, hubScope].map(([check, scope]) => notApplicable(check, scope))];
  }
  const deployment = await readDeployment(deps);
  // Without the deployment, the resources to look Security Hub findings up on are unknown: its check fails with the deployment's.
  const read = 'error' in deployment ? undefined : deployment;
  let keysAndFindings: KeysAndFindingsReading;
  try {
    keysAndFindings = await readers.readKeysAndFindings({ keys: targets.keys, ...(read && { resources: read.resources }) });
  } catch (error) {
    keysAndFindings = {
      keys: perKey(targets.keys, (check, resource) => unreadable(check, resource, 'the keys', error)),
      findings: read ? [unreadable(auditChecks.securityHubFindings, SECURITY_HUB_SCOPE, 'the Security Hub findings', error)] : [],
    };
  }
  const deploymentResults = read
    ? read.results
    : [...deploymentScopes, hubScope].map(([check, scope]) => unreadable(check, scope, 'the deployment', (deployment as { error: unknown }).error));
  return [...keysAndFindings.keys, ...deploymentResults, ...keysAndFindings.findings];
};
