import type { ReadinessTargets } from '#shared/platform/readiness.ts';
import { auditChecks, functionChecks, notApplicableLocally, SECURITY_HUB_SCOPE, unreadable, type CheckDefinition } from '#shared/security/audit/checks.ts';
import type { AuditReaders, DeploymentReading } from '#shared/security/audit/reader-contract.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';

/**
 * The checks of what runs the code: functions and their roles, the HTTP API, schedules, event
 * rules, and Security Hub's findings on all of it. In AWS the audit's readers run them
 * (reader-contract.ts): the deployment reader first, then the Security Hub reader on the resources
 * it found. Locally none has a counterpart (no Lambda, API Gateway, IAM, Scheduler or Security Hub
 * emulator) and no reader is invoked: each check is reported once, not applicable with its reason,
 * on the part of the stack it covers. A reader that fails fails the checks it runs, on that part.
 */

const scopes: readonly [CheckDefinition, string][] = [
  ...functionChecks.map((check): [CheckDefinition, string] => [check, 'stack:functions']),
  [auditChecks.apiAuthorizer, 'stack:http-api'],
  [auditChecks.apiAccessLogging, 'stack:http-api'],
  [auditChecks.apiThrottling, 'stack:http-api'],
  [auditChecks.scheduleDeadLetterAndRetry, 'stack:schedules'],
  [auditChecks.ruleDeadLetterAndRetry, 'stack:event-rules'],
  [auditChecks.securityHubFindings, SECURITY_HUB_SCOPE],
];

interface DeploymentDeps {
  environment: AuditEnvironment;
  readers: AuditReaders;
  now: Date;
  /** The tables, queues and keys, whose Security Hub findings are imported too. */
  targets: ReadinessTargets;
}

/** Every deployment check: locally, each not applicable with its reason; in AWS, one result per check and resource. */
export const checkDeployment = async ({ environment, readers, now, targets }: DeploymentDeps): Promise<CheckResult[]> => {
  if (environment === 'local') return scopes.map(([check, scope]) => notApplicableLocally(check, scope));
  let deployment: DeploymentReading;
  try {
    deployment = await readers.readDeployment({ now: now.toISOString(), targets });
  } catch (error) {
    // Without the deployment, the resources to look Security Hub findings up on are unknown too.
    return scopes.map(([check, scope]) => unreadable(check, scope, 'the deployment', error));
  }
  let hub: CheckResult[];
  try {
    hub = (await readers.readSecurityHub({ resources: deployment.resources })).results;
  } catch (error) {
    hub = [unreadable(auditChecks.securityHubFindings, SECURITY_HUB_SCOPE, 'the Security Hub findings', error)];
  }
  return [...deployment.results, ...hub];
};
