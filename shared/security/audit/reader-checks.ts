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

/** Each deployment check on the part of the stack it covers; Security Hub's last. */
const deploymentScopes: readonly [CheckDefinition, string][] = [
  ...functionChecks.map((check): [CheckDefinition, string] => [check, 'stack:functions']),
  [auditChecks.apiAuthorizer, 'stack:http-api'],
  [auditChecks.apiAccessLogging, 'stack:http-api'],
  [auditChecks.apiThrottling, 'stack:http-api'],
  [auditChecks.scheduleDeadLetterAndRetry, 'stack:schedules'],
  [auditChecks.ruleDeadLetterAndRetry, 'stack:event-rules'],
  [auditChecks.securityHubFindings, SECURITY_HUB_SCOPE],
];
const keyChecks: readonly CheckDefinition[] = [auditChecks.keyRotation, auditChecks.keyPolicyPrincipals];

interface ReaderDeps {
  environment: AuditEnvironment;
  readers: AuditReaders;
  now: Date;
  /** The tables, queues and keys: the keys are checked, and all of them looked up in Security Hub. */
  targets: ReadinessTargets;
}

type Outcome = (check: CheckDefinition, resource: string) => CheckResult;

/** Each key check on each key, in the order of the keys' names. */
const perKey = (keys: Record<string, string>, outcome: Outcome): CheckResult[] =>
  Object.keys(keys)
    .sort()
    .flatMap((name) => keyChecks.map((check) => outcome(check, `key:${name}`)));

/** The deployment reader's results, or each deployment check failed on its part of the stack (Security Hub's too: without the deployment, the resources to look findings up on are unknown). */
const readDeployment = async ({ readers, now, targets }: ReaderDeps): Promise<{ reading?: DeploymentReading; results: CheckResult[] }> => {
  try {
    const reading = await readers.readDeployment({ now: now.toISOString(), targets });
    return { reading, results: reading.results };
  } catch (error) {
    return { results: deploymentScopes.map(([check, scope]) => unreadable(check, scope, 'the deployment', error)) };
  }
};

/** The keys and findings reader's results (findings only where the deployment was read), or its checks failed. */
const readKeysAndFindings = async ({ readers, targets }: ReaderDeps, deployment: DeploymentReading | undefined): Promise<KeysAndFindingsReading> => {
  try {
    return await readers.readKeysAndFindings({ keys: targets.keys, ...(deployment && { resources: deployment.resources }) });
  } catch (error) {
    return {
      keys: perKey(targets.keys, (check, resource) => unreadable(check, resource, 'the keys', error)),
      findings: deployment ? [unreadable(auditChecks.securityHubFindings, SECURITY_HUB_SCOPE, 'the Security Hub findings', error)] : [],
    };
  }
};

/** Every check of the readers: locally, each not applicable with its reason; in AWS, one result per check and resource. */
export const checkWithReaders = async (deps: ReaderDeps): Promise<CheckResult[]> => {
  if (deps.environment === 'local') {
    return [...perKey(deps.targets.keys, notApplicableLocally), ...deploymentScopes.map(([check, scope]) => notApplicableLocally(check, scope))];
  }
  const deployment = await readDeployment(deps);
  const { keys, findings } = await readKeysAndFindings(deps, deployment.reading);
  return [...keys, ...deployment.results, ...findings];
};
