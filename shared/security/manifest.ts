import type { Role } from '#shared/manifest/platform.ts';
import type { ContextManifest, RouteLimit } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';

/** Who runs audits and works the findings: the security programme belongs to the security role alone. */
export const securityStaffRoles = ['security'] as const satisfies readonly Role[];

/** The domain event that asks for an audit outside the quarterly schedule. */
export const AUDIT_REQUESTED_EVENT = 'security.audit-requested';

/** An audit reads every table and describes every resource: a handful of on-demand runs an hour is plenty. */
const requestAuditLimit = { perCaller: 10, per: 'hour' } as const satisfies RouteLimit;

/**
 * Security: the audit of what is deployed against what the manifests say should be (quarterly,
 * and on demand by security staff), and the findings it raises, each with a lifecycle (new,
 * acknowledged, resolved, suppressed until an expiry) and a fix-by date from its severity.
 * The audit job reads every table (a sample of items, to look for personal data in clear) and
 * describes the queues, keys and functions; the API function only reads and changes the
 * context's own records and publishes the request for an on-demand run.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts'.
 */
export const securityManifest = {
  name: 'security',
  tables: {
    security: {
      logicalId: 'SecurityTable',
      localName: 'security',
      envVar: 'SECURITY_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [
        stringIndex('runsByTime', 'runsPk', 'runsSk'),
        stringIndex('findings', 'findingsPk', 'findingsSk'),
        stringIndex('findingsByStatus', 'statusPk', 'statusSk'),
      ],
      accessPatterns: [
        'record an audit run: PutItem pk=RUN#<run id>, sk=RUN (condition attribute_not_exists(pk)); then UpdateItem as it starts and finishes',
        'one audit run: GetItem pk=RUN#<run id>, sk=RUN',
        "a run's results: BatchWriteItem / Query pk=RUN#<run id>, sk begins_with RESULT#",
        'runs, newest first: Query runsByTime runsPk=RUNS, descending runsSk (<requested at>#<run id>)',
        'one finding: GetItem pk=FINDING#<finding id>, sk=FINDING; written with a condition on its version',
        'every finding, most urgent first: Query findings findingsPk=FINDINGS, ascending findingsSk (<severity rank>#<fix by>#<finding id>), optionally begins_with <severity rank>#; check and owner team as a filter',
        'findings in one status, most urgent first: Query findingsByStatus statusPk=STATUS#<status>, ascending statusSk (same order), optionally begins_with <severity rank>#',
        'the findings an audit updates: Query findings findingsPk=FINDINGS (all pages: one finding per check and resource, a few hundred at most)',
      ],
    },
  },
  queues: {},
  functions: {
    security: {
      logicalId: 'SecurityFunction',
      entry: 'functions/security/handler.ts',
      description: 'Security staff: audit runs (request one, read them) and findings (list, read, change status)',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { security: 'readWrite', requestLimits: 'readWrite' },
      usesDataKey: false,
      // Its list cursors are sealed with a key derived from the pseudonym key.
      usesPseudonymKey: true,
      // `security.audit-requested`: the rule below hands it to the audit function.
      publishesEvents: true,
    },
    securityAudit: {
      logicalId: 'SecurityAuditFunction',
      entry: 'functions/security-audit/handler.ts',
      description: 'The security audit: checks the deployed tables, keys, queues, functions, API and data, records the run and its findings',
      memorySize: 1024,
      timeoutSeconds: 300,
      // Every table is read for a sample of its items (personal data must be ciphertext); its own is written.
      tables: {
        security: 'readWrite',
        figures: 'read',
        idempotency: 'read',
        requestLimits: 'read',
        complaints: 'read',
        moderation: 'read',
        surveys: 'read',
        accessLog: 'read',
        notifications: 'read',
      },
      // Recognises Encryption SDK ciphertext by its shape; never decrypts.
      usesDataKey: false,
    },
  },
  routes: [
    { method: 'POST', path: '/v1/security/audits', function: 'security', caller: 'person', roles: securityStaffRoles, limit: requestAuditLimit },
    { method: 'GET', path: '/v1/security/audits', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/audits/{id}', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/findings', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/findings/{id}', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'POST', path: '/v1/security/findings/{id}/status', function: 'security', caller: 'person', roles: securityStaffRoles },
  ],
  jobs: {
    'security-audit': {
      function: 'securityAudit',
      // The first day of each quarter, 03:00 UTC.
      schedule: 'cron(0 3 1 1,4,7,10 ? *)',
      description: 'The quarterly security audit: records a run, its results and the findings they raise or resolve',
    },
  },
  eventRules: {
    auditRequested: {
      logicalId: 'SecurityAuditRequestedRule',
      function: 'securityAudit',
      sources: ['user-protection.security'],
      detailTypes: [AUDIT_REQUESTED_EVENT],
      description: 'An audit security staff asked for runs at once, outside the quarterly schedule',
      retryAttempts: 2,
      maxEventAgeHours: 1,
    },
  },
} as const satisfies ContextManifest;
