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
  functionRuntime: {
    id: 'function.supported-runtime',
    severity: 'high',
    ownerTeam: 'platform',
    title: 'The function runs on a supported Node.js runtime',
    notApplicableLocally: 'no Lambda here: the local stack runs the handlers in this Node.js process',
  },
  functionArchitecture: {
    id: 'function.architecture',
    severity: 'low',
    ownerTeam: 'platform',
    title: 'The function runs on the architecture the stack sets (arm64)',
    notApplicableLocally: 'no Lambda here: the local stack runs the handlers in this Node.js process',
  },
  functionLogRetention: {
    id: 'function.log-retention',
    severity: 'medium',
    ownerTeam: 'platform',
    title: "The function's log group has a retention",
    notApplicableLocally: 'no CloudWatch Logs here: the local stack logs to the console',
  },
  functionTracing: {
    id: 'function.tracing',
    severity: 'low',
    ownerTeam: 'platform',
    title: 'The function traces as the stack sets it (PassThrough: X-Ray is not used)',
    notApplicableLocally: 'no Lambda and no X-Ray here',
  },
  functionOnFailureDestination: {
    id: 'function.on-failure-destination',
    severity: 'high',
    ownerTeam: 'platform',
    title: 'A function invoked asynchronously has an on-failure destination',
    notApplicableLocally: 'no Lambda here: the local scheduler and event rules call the handlers directly',
  },
  functionNoSecretInEnvironment: {
    id: 'function.no-secret-in-environment',
    severity: 'critical',
    ownerTeam: 'security',
    title: 'No environment variable of the function looks like a secret',
    notApplicableLocally: 'no Lambda here: the local environment holds the local keys and client secrets by design',
  },
  apiAuthorizer: {
    id: 'api.authorizer-on-non-public-routes',
    severity: 'critical',
    ownerTeam: 'security',
    title: 'Every route the manifests do not make public has an authorizer',
    notApplicableLocally: 'no API Gateway here: the local gateway checks tokens in process',
  },
  apiAccessLogging: {
    id: 'api.access-logging',
    severity: 'medium',
    ownerTeam: 'security',
    title: 'The API stage writes access logs',
    notApplicableLocally: 'no API Gateway here: the local gateway has no stage',
  },
  apiThrottling: {
    id: 'api.throttling',
    severity: 'medium',
    ownerTeam: 'platform',
    title: 'The API stage is throttled, and so is every route the manifests throttle',
    notApplicableLocally: 'no API Gateway here: the local gateway has no stage',
  },
  iamNoWildcardOnDataServices: {
    id: 'iam.no-wildcard-on-data-services',
    severity: 'critical',
    ownerTeam: 'security',
    title: "The function's role allows no '*' action or resource on a data service",
    notApplicableLocally: 'no IAM here: the emulators accept any credentials',
  },
  scheduleDeadLetterAndRetry: {
    id: 'schedule.dead-letter-and-retry',
    severity: 'medium',
    ownerTeam: 'platform',
    title: "The job's schedule has a dead-letter queue and a retry policy",
    notApplicableLocally: 'no EventBridge Scheduler here: the local scheduler calls the jobs in process',
  },
  ruleDeadLetterAndRetry: {
    id: 'rule.dead-letter-and-retry',
    severity: 'medium',
    ownerTeam: 'platform',
    title: 'Each target of the event rule has a dead-letter queue and a retry policy',
    notApplicableLocally: 'no EventBridge here: the local event rules hand events over in process',
  },
  securityHubFindings: {
    id: 'security-hub.findings',
    severity: 'high',
    ownerTeam: 'security',
    title: "Security Hub's active findings on the stack's resources are imported",
    notApplicableLocally: 'no Security Hub emulator here',
  },
});

/** Every check on a function, the role's included: a function that is not deployed fails them all. */
export const functionChecks: readonly CheckDefinition[] = [
  auditChecks.functionRuntime,
  auditChecks.functionArchitecture,
  auditChecks.functionLogRetention,
  auditChecks.functionTracing,
  auditChecks.functionOnFailureDestination,
  auditChecks.functionNoSecretInEnvironment,
  auditChecks.iamNoWildcardOnDataServices,
];

/** The resource of Security Hub's summary result: whether the import ran. */
export const SECURITY_HUB_SCOPE = 'stack:security-hub';

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
