import type { AuditEnvironment, CheckOutcome, CheckResult, OwnerTeam, Severity } from '#shared/security/domain/audit.ts';

/**
 * Every check the audit knows, in one place: its stable id (findings are keyed by it and the
 * resource, so it never changes), severity, owner team, what it expects, and why it has no local
 * counterpart where it has none.
 */
export interface CheckDefinition {
  id: string;
  severity: Severity;
  ownerTeam: OwnerTeam;
  /** What the check expects, in one line. */
  title: string;
  /** Why the check cannot run against the local emulators; absent when it runs locally. */
  notApplicableLocally?: string;
}

const define = <const T extends Record<string, CheckDefinition>>(definitions: T): T => definitions;

export const auditChecks = define({
  tableEncryption: {
    id: 'table.encryption-customer-key',
    severity: 'high',
    ownerTeam: 'platform',
    title: 'The table is encrypted at rest with the customer-managed storage key',
    notApplicableLocally: 'DynamoDB Local does not encrypt with KMS keys',
  },
  tablePointInTimeRecovery: {
    id: 'table.point-in-time-recovery',
    severity: 'high',
    ownerTeam: 'platform',
    title: 'Point-in-time recovery is on',
    notApplicableLocally: 'DynamoDB Local does not support DescribeContinuousBackups',
  },
  tableDeletionProtection: {
    id: 'table.deletion-protection',
    severity: 'medium',
    ownerTeam: 'platform',
    title: 'Deletion protection is on in prod',
    notApplicableLocally: 'deletion protection is required on the prod stage only',
  },
  tableTimeToLive: {
    id: 'table.time-to-live',
    severity: 'medium',
    ownerTeam: 'platform',
    title: 'Time to live is on the attribute the manifest names, and off where it names none',
  },
  keyRotation: {
    id: 'key.rotation',
    severity: 'high',
    ownerTeam: 'security',
    title: 'Automatic rotation is on where the key type supports it',
    notApplicableLocally: 'the local keys are files, with no KMS counterpart',
  },
  keyPolicyPrincipals: {
    id: 'key.policy-no-wildcard-principal',
    severity: 'high',
    ownerTeam: 'security',
    title: 'The key policy allows no wildcard principal without a condition',
    notApplicableLocally: 'the local keys are files, with no key policy',
  },
  queueEncryption: {
    id: 'queue.encryption',
    severity: 'high',
    ownerTeam: 'platform',
    title: 'The queue is encrypted with the customer-managed storage key',
    notApplicableLocally: 'the SQS emulator does not encrypt with KMS keys',
  },
  queueSslOnly: {
    id: 'queue.ssl-only-policy',
    severity: 'medium',
    ownerTeam: 'security',
    title: 'The queue policy denies requests without TLS (aws:SecureTransport false)',
    notApplicableLocally: 'the SQS emulator serves plain HTTP and enforces no queue policy',
  },
  queueDeadLetter: {
    id: 'queue.dead-letter-queue',
    severity: 'high',
    ownerTeam: 'platform',
    title: 'The queue has a dead-letter queue, with the redrive policy the manifest sets',
  },
  queueVisibilityTimeout: {
    id: 'queue.visibility-timeout',
    severity: 'medium',
    ownerTeam: 'platform',
    title: "The visibility timeout is at least six times the consumer function's timeout",
  },
  personalDataInClear: {
    id: 'data.personal-data-in-clear',
    severity: 'critical',
    ownerTeam: 'data-protection',
    title: 'Sampled items hold no e-mail address, phone number or card number in clear',
  },
});

/**
 * Checks the audit does not run yet: they need SDK clients this release does not ship (Lambda, API Gateway,
 * IAM, EventBridge Scheduler, Security Hub). Each is reported, in every environment, as not
 * applicable with the reason, so that the list of what is not audited is visible in every run.
 */
export interface PendingCheck extends CheckDefinition {
  /** The API the check needs, which this release has no client for. */
  needs: string;
  /** What the check would cover, as one resource (`stack:functions`, `stack:api`...). */
  resource: string;
}

const pending = (id: string, severity: Severity, ownerTeam: OwnerTeam, title: string, needs: string, resource: string): PendingCheck => ({
  id,
  severity,
  ownerTeam,
  title,
  needs,
  resource,
});

export const notYetImplementedChecks: readonly PendingCheck[] = [
  pending('function.supported-runtime', 'high', 'platform', 'Every function runs on a supported runtime', 'Lambda ListFunctions', 'stack:functions'),
  pending(
    'function.architecture',
    'low',
    'platform',
    'Every function runs on the architecture the stack sets',
    'Lambda ListFunctions',
    'stack:functions',
  ),
  pending(
    'function.log-retention',
    'medium',
    'platform',
    "Every function's log group has a retention",
    'CloudWatch Logs DescribeLogGroups',
    'stack:functions',
  ),
  pending('function.tracing', 'low', 'platform', 'Every function has active tracing', 'Lambda ListFunctions', 'stack:functions'),
  pending(
    'function.on-failure-destination',
    'high',
    'platform',
    'Every asynchronously invoked function has an on-failure destination',
    'Lambda GetFunctionEventInvokeConfig',
    'stack:functions',
  ),
  pending(
    'function.no-secret-in-environment',
    'critical',
    'security',
    'No function environment variable looks like a secret',
    'Lambda GetFunctionConfiguration',
    'stack:functions',
  ),
  pending(
    'api.authorizer-on-non-public-routes',
    'critical',
    'security',
    'Every non-public route has an authorizer',
    'API Gateway GetRoutes',
    'stack:http-api',
  ),
  pending('api.access-logging', 'medium', 'security', 'The API stage writes access logs', 'API Gateway GetStages', 'stack:http-api'),
  pending('api.throttling', 'medium', 'platform', 'The API stage and its routes are throttled', 'API Gateway GetStages', 'stack:http-api'),
  pending(
    'iam.no-wildcard-on-data-services',
    'critical',
    'security',
    "No function role allows a '*' action or resource on a data service",
    'IAM ListRolePolicies / GetRolePolicy / GetPolicyVersion',
    'stack:function-roles',
  ),
  pending(
    'schedule.dead-letter-and-retry',
    'medium',
    'platform',
    'Every schedule has a dead-letter queue and a retry policy',
    'EventBridge Scheduler GetSchedule',
    'stack:schedules',
  ),
  pending(
    'rule.dead-letter-and-retry',
    'medium',
    'platform',
    'Every event rule target has a dead-letter queue and a retry policy',
    'EventBridge ListTargetsByRule',
    'stack:event-rules',
  ),
  pending(
    'security-hub.findings',
    'high',
    'security',
    "Security Hub findings on the stack's resources are imported",
    'Security Hub GetFindings',
    'stack:security-hub',
  ),
];

/** The results of the checks not in this release, the same in every environment. */
export const notYetImplementedResults = (): CheckResult[] =>
  notYetImplementedChecks.map((check) =>
    resultOf(check, check.resource, 'not-applicable', `not implemented in this release: needs ${check.needs}, which the audit has no client for`),
  );

export const resultOf = (check: CheckDefinition, resource: string, outcome: CheckOutcome, detail: string): CheckResult => ({
  checkId: check.id,
  resource,
  outcome,
  severity: check.severity,
  ownerTeam: check.ownerTeam,
  title: check.title,
  detail,
});

/** The check's local reason, in the wording every local not-applicable result uses. */
export const notApplicableLocally = (check: CheckDefinition, resource: string): CheckResult =>
  resultOf(check, resource, 'not-applicable', `not applicable locally: ${check.notApplicableLocally ?? 'no local counterpart'}`);

/** Whether the check runs here: locally, only checks with a local counterpart do. */
export const runsIn = (check: CheckDefinition, environment: AuditEnvironment): boolean =>
  environment === 'aws' || check.notApplicableLocally === undefined;

/** An SDK error as a failure's detail: its name only (messages can carry ARNs and account ids). */
export const unreadable = (check: CheckDefinition, resource: string, what: string, error: unknown): CheckResult =>
  resultOf(check, resource, 'failed', `${what} could not be read: ${error instanceof Error ? error.name : 'unknown error'}`);
