import type { Role } from '#shared/manifest/platform.ts';
import { type ContextManifest, type RouteLimit, routesServedBy } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';

/** Who runs audits and works the findings: the security programme belongs to the security role alone. */
export const securityStaffRoles = ['security'] as const satisfies readonly Role[];

/** The domain event that asks for an audit outside the quarterly schedule. */
export const AUDIT_REQUESTED_EVENT = 'security.audit-requested';

/** The job that counts incidents whose 72-hour regulator notification is due soon or overdue. */
export const SECURITY_WATCH_JOB = 'security-watch';

/** The job that announces education campaigns as they start and measures the quarterly cadence. */
export const EDUCATION_JOB = 'security-education';

/** An audit reads every table and describes every resource: a handful of on-demand runs an hour is plenty. */
const requestAuditLimit = { perCaller: 10, per: 'hour' } as const satisfies RouteLimit;

/**
 * Security: the audit of what is deployed against what the manifests say should be (quarterly,
 * and on demand by security staff), and the findings it raises, each with a lifecycle (new,
 * acknowledged, resolved, suppressed until an expiry) and a fix-by date from its severity.
 * The audit job reads every table (a sample of items, to look for personal data in clear) and
 * describes the queues; two readers it invokes read the rest, each with its own clients and
 * permissions: the deployment reader (functions, roles, API, schedules, rules) and the keys and
 * findings reader (the KMS keys, Security Hub's findings). The API function only reads and changes the
 * context's own records and publishes the request for an on-demand run.
 * The incident register has a function of its own, the only one of the context holding the data
 * key (it seals the timeline notes), and an hourly job that counts regulator deadlines due.
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
    securityIncidents: {
      logicalId: 'SecurityIncidentsTable',
      localName: 'security-incidents',
      envVar: 'SECURITY_INCIDENTS_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [
        stringIndex('incidentsByDetection', 'incidentsPk', 'incidentsSk'),
        stringIndex('incidentsByStatus', 'statusPk', 'statusSk'),
        stringIndex('awaitingRegulator', 'awaitingPk', 'awaitingSk'),
      ],
      accessPatterns: [
        'record an incident: TransactWriteItems Put pk=INCIDENT#<id>, sk=INCIDENT (condition attribute_not_exists(pk)) and its first note',
        'one incident with its timeline notes: Query pk=INCIDENT#<id> (sk INCIDENT, then NOTE#<note id> in time order)',
        'change an incident: PutItem pk=INCIDENT#<id>, sk=INCIDENT with a condition on its version',
        'add a note: TransactWriteItems ConditionCheck pk=INCIDENT#<id>, sk=INCIDENT exists, Put pk=INCIDENT#<id>, sk=NOTE#<note id>',
        'incidents, newest first: Query incidentsByDetection incidentsPk=INCIDENTS, descending incidentsSk (<detected at>#<id>); category as a filter',
        'incidents in one status, newest first: Query incidentsByStatus statusPk=STATUS#<status>, descending statusSk (<detected at>#<id>); category as a filter',
        "a quarter's incidents: Query incidentsByDetection incidentsPk=INCIDENTS, incidentsSk between <quarter start> and <quarter end>",
        'incidents whose regulator is not yet told, by deadline: Query awaitingRegulator awaitingPk=AWAITING, awaitingSk <= <horizon> (sparse: personal data involved and not yet notified)',
      ],
    },
    securityEducation: {
      logicalId: 'SecurityEducationTable',
      localName: 'security-education',
      envVar: 'SECURITY_EDUCATION_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [],
      accessPatterns: [
        'one campaign: GetItem pk=CAMPAIGN#<id>, sk=CAMPAIGN; written with a condition on its version, in one transaction with its schedule entry',
        'the schedule: Query pk=CAMPAIGNS, sk=<ends at>#<id>: the current and coming campaigns (sk > now, a handful), every campaign (a few a year), or a page latest ending first',
        "a person's receipt: GetItem pk=CAMPAIGN#<id>, sk=PERSON#<sub>; the first delivery and the first read written once (conditional) in a transaction with a reach counter",
        "a campaign's reach: Query pk=CAMPAIGN#<id>, sk begins_with REACH# (16 counter shards, summed)",
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
      // The programme's figures also read the incidents (no sealed field), the campaigns and the reported active people.
      tables: { security: 'readWrite', requestLimits: 'readWrite', securityIncidents: 'read', securityEducation: 'read', figures: 'read' },
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
        securityIncidents: 'read',
        securityEducation: 'read',
        transparency: 'read',
        privacy: 'read',
      },
      // Recognises Encryption SDK ciphertext by its shape; never decrypts.
      usesDataKey: false,
    },
    // The audit's readers (shared/security/audit/reader-contract.ts): invoked by the audit function, in
    // AWS only; their timeouts add up to less than the audit's, so a reader's timeout reaches the run.
    securityAuditDeploymentReader: {
      logicalId: 'SecurityAuditDeploymentReaderFunction',
      entry: 'functions/security-audit-deployment-reader/handler.ts',
      description: "The security audit's deployment reader: checks the deployed functions, their roles and log groups, the API, schedules and rules",
      memorySize: 512,
      timeoutSeconds: 180,
      tables: {},
      usesDataKey: false,
    },
    securityAuditKeysAndFindingsReader: {
      logicalId: 'SecurityAuditKeysAndFindingsReaderFunction',
      entry: 'functions/security-audit-keys-and-findings-reader/handler.ts',
      description: "The security audit's keys and findings reader: checks the KMS keys' rotation and policies, imports Security Hub's active findings on the stack",
      memorySize: 512,
      timeoutSeconds: 90,
      tables: {},
      // Reads the keys' metadata and policies; never uses a key.
      usesDataKey: false,
    },
    securityIncidents: {
      logicalId: 'SecurityIncidentsFunction',
      entry: 'functions/security-incidents/handler.ts',
      description: 'Security staff: the incident register (record, list, read, change, timeline notes) and its quarterly figures',
      memorySize: 512,
      timeoutSeconds: 10,
      // The figures table for the monthly active people the platform reports (the incident rate).
      tables: { securityIncidents: 'readWrite', figures: 'read' },
      // Seals and opens the timeline notes and the reason no notice to the people is required.
      usesDataKey: true,
      // Its list cursors are sealed with a key derived from the pseudonym key.
      usesPseudonymKey: true,
    },
    securityWatch: {
      logicalId: 'SecurityWatchFunction',
      entry: 'functions/security-watch/handler.ts',
      description: 'The hourly watch: incidents whose 72-hour regulator notification is due soon or overdue, and findings past their fix-by (the metrics alarms watch)',
      memorySize: 256,
      timeoutSeconds: 30,
      tables: { securityIncidents: 'read', security: 'readWrite' },
      // Reads deadlines and ids from a sparse index, and the findings (writing those whose suppression expired); never a note.
      usesDataKey: false,
    },
    securityEducation: {
      logicalId: 'SecurityEducationFunction',
      entry: 'functions/security-education/handler.ts',
      description: 'Security education: campaigns (security staff write them and read their reach); the current one for each person, and its reads',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { securityEducation: 'readWrite' },
      // Campaign texts are staff-written lessons, not personal data.
      usesDataKey: false,
      // Its list cursors are sealed with a key derived from the pseudonym key.
      usesPseudonymKey: true,
    },
    securityEducationJob: {
      logicalId: 'SecurityEducationJobFunction',
      entry: 'functions/security-education-job/handler.ts',
      description: 'Announces education campaigns as they start (the audience size measured, the start published) and measures the quarterly cadence',
      memorySize: 256,
      timeoutSeconds: 60,
      // The figures table for the monthly active people the platform reports (a people audience's size).
      tables: { securityEducation: 'readWrite', figures: 'read' },
      usesDataKey: false,
      // `security.education-campaign-started`: the notifications context tells the audience.
      publishesEvents: true,
    },
  },
  routes: [
    { method: 'POST', path: '/v1/security/audits', function: 'security', caller: 'person', roles: securityStaffRoles, limit: requestAuditLimit },
    { method: 'GET', path: '/v1/security/audits', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/audits/{id}', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/figures', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/findings', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/findings/{id}', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'POST', path: '/v1/security/findings/{id}/status', function: 'security', caller: 'person', roles: securityStaffRoles },
    { method: 'POST', path: '/v1/security/incidents', function: 'securityIncidents', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/incidents', function: 'securityIncidents', caller: 'person', roles: securityStaffRoles },
    // Before `{id}`: the local gateway takes the first route that matches (API Gateway prefers the literal one).
    { method: 'GET', path: '/v1/security/incidents/figures', function: 'securityIncidents', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security/incidents/{id}', function: 'securityIncidents', caller: 'person', roles: securityStaffRoles },
    { method: 'PATCH', path: '/v1/security/incidents/{id}', function: 'securityIncidents', caller: 'person', roles: securityStaffRoles },
    { method: 'POST', path: '/v1/security/incidents/{id}/notes', function: 'securityIncidents', caller: 'person', roles: securityStaffRoles },
    { method: 'POST', path: '/v1/security-education/campaigns', function: 'securityEducation', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security-education/campaigns', function: 'securityEducation', caller: 'person', roles: securityStaffRoles },
    { method: 'GET', path: '/v1/security-education/campaigns/{id}', function: 'securityEducation', caller: 'person', roles: securityStaffRoles },
    { method: 'PUT', path: '/v1/security-education/campaigns/{id}', function: 'securityEducation', caller: 'person', roles: securityStaffRoles },
    // Every signed-in person, users and staff: each sees the campaign of their audience.
    { method: 'GET', path: '/v1/security-education/current', function: 'securityEducation', caller: 'person' },
    { method: 'POST', path: '/v1/security-education/{id}/read', function: 'securityEducation', caller: 'person' },
  ],
  jobs: {
    'security-audit': {
      function: 'securityAudit',
      // The first day of each quarter, 03:00 UTC.
      schedule: 'cron(0 3 1 1,4,7,10 ? *)',
      description: 'The quarterly security audit: records a run, its results and the findings they raise or resolve',
    },
    [SECURITY_WATCH_JOB]: {
      function: 'securityWatch',
      schedule: 'rate(1 hour)',
      description: 'Counts the incidents whose regulator notification is due within the warning hours or overdue, and the findings past their fix-by, for the alarms',
    },
    [EDUCATION_JOB]: {
      function: 'securityEducationJob',
      // Hourly: a campaign is announced within the hour of its start; the cadence metric is written each time.
      schedule: 'rate(1 hour)',
      description: 'Announces the education campaigns that have started and writes the education cadence metric (overdue quarter)',
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

type SecurityRoute = (typeof securityManifest.routes)[number];

/** The routes one function of the context serves (each function's API handler takes its own). */
export const routesOfFunction = <F extends SecurityRoute['function']>(fn: F) => routesServedBy(securityManifest.routes, fn);
