import type { Role } from '#shared/manifest/platform.ts';
import { type ContextManifest, type NumberSetting, type RouteLimit, type RouteThrottle, routesServedBy } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';

/** Who sees and works people's requests and places legal holds: privacy staff (the data-protection office). */
export const privacyStaffRoles = ['privacy'] as const satisfies readonly Role[];

/** Integrations ask for the erasure of the people they filed for with the scope of their channel. */
const channelScopes = ['complaints.intake.social', 'complaints.intake.email', 'complaints.intake.phone'] as const;

/** A person asks for a copy or erasure a few times a year at most; a few a day covers retries and mistakes. */
const requestLimit = { perCaller: 10, per: 'day' } as const satisfies RouteLimit;
const downloadLimit = { perCaller: 60, per: 'hour' } as const satisfies RouteLimit;
const requestThrottle = { rateLimit: 10, burstLimit: 20 } as const satisfies RouteThrottle;

/** The job that assembles exports, erases after the cooling-off, deletes expired archives and watches deadlines (`npm run job -- privacy-requests [--now <ISO time>]`). */
export const PRIVACY_REQUESTS_JOB = 'privacy-requests';

/** The daily retention job: removes the personal fields whose retention ended (`npm run job -- privacy-retention [--now <ISO time>]`). */
export const PRIVACY_RETENTION_JOB = 'privacy-retention';

/** Environment: days to the platform's deadline for a request (30 when unset). */
export const DEADLINE_DAYS_ENV = 'PRIVACY_REQUEST_DEADLINE_DAYS';
/** Environment: hours of an erasure's cooling-off (72 when unset). */
export const COOLING_OFF_HOURS_ENV = 'PRIVACY_ERASURE_COOLING_OFF_HOURS';
/** The deadline to answer an export or erasure request (`-c privacyRequestDeadlineDays`). */
export const deadlineDaysSetting = {
  env: DEADLINE_DAYS_ENV,
  context: 'privacyRequestDeadlineDays',
  fallback: 30,
  min: 1,
  max: 90,
  whole: true,
  unit: 'days',
} as const satisfies NumberSetting;
/** The hours an erasure request can be cancelled before it runs (`-c privacyErasureCoolingOffHours`). */
export const coolingOffHoursSetting = {
  env: COOLING_OFF_HOURS_ENV,
  context: 'privacyErasureCoolingOffHours',
  fallback: 72,
  min: 1,
  max: 720,
  whole: true,
  unit: 'hours',
} as const satisfies NumberSetting;
/** Days before its deadline at which an unanswered request is alarmed. */
export const DEADLINE_WARNING_DAYS = 5;

/** The metric of requests whose deadline is near or passed, emitted by the requests job (alarmed when above zero). */
export const REQUESTS_NEAR_DEADLINE_METRIC = 'PrivacyRequestsNearDeadline';

/**
 * Privacy: people's rights over their data. A person asks for a copy of everything the platform
 * holds about them (an archive of decrypted JSON, one section per context, downloadable for a
 * week), corrects their contact details, or asks for erasure (after a cancellable cooling-off,
 * every context removes their personal fields, except what a legal hold keeps, with the reason
 * told). Integrations ask for the erasure of the people they filed for. Privacy staff see the
 * requests with their deadlines and place legal holds; the retention job ends what the retention
 * policy says is no longer needed. Plain data, no CDK: infra/manifest.ts composes it.
 */
export const privacyManifest = {
  name: 'privacy',
  tables: {
    privacy: {
      logicalId: 'PrivacyTable',
      localName: 'privacy',
      envVar: 'PRIVACY_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [
        stringIndex('bySubject', 'subjectPk', 'subjectSk'),
        stringIndex('due', 'duePk', 'dueSk'),
        stringIndex('awaiting', 'awaitingPk', 'awaitingSk'),
        stringIndex('byQuarter', 'quarterPk', 'quarterSk'),
        stringIndex('activeHolds', 'activePk', 'activeSk'),
      ],
      timeToLiveAttribute: 'expiresAt',
      accessPatterns: [
        'a request: GetItem pk=REQUEST#<id>, sk=REQUEST; written with a condition on its version',
        'a new request: TransactWrite Put pk=SUBJECT#<kind>#<id>, sk=OPEN#<request kind> (attribute_not_exists: a repeated request finds the open one), Put of the request',
        "a subject's requests and legal holds, newest first: Query bySubject subjectPk=SUBJECT#<kind>#<id>, begins_with(subjectSk, REQUEST# | HOLD#)",
        'work due (sparse): Query due duePk=DUE, dueSk < <now>, oldest first',
        'requests awaiting an answer by deadline (sparse): Query awaiting awaitingPk=AWAITING, awaitingSk < <deadline>',
        "a quarter's requests, for its figures: Query byQuarter quarterPk=QUARTER#<quarter>",
        "an export's archive: Query pk=EXPORT#<request id> (sealed parts, deleted when it expires; time to live expiresAt as the backstop)",
        'a legal hold: GetItem pk=HOLD#<id>, sk=HOLD; active holds (sparse): Query activeHolds activePk=ACTIVE_HOLDS',
        "the retention job's progress: GetItem / PutItem pk=RETENTION, sk=LAST_DAY",
      ],
    },
  },
  queues: {},
  functions: {
    privacy: {
      logicalId: 'PrivacyFunction',
      entry: 'functions/privacy/handler.ts',
      description: "People's data rights: export and erasure requests, the archive's download, corrections of contact details; privacy staff's requests and legal holds",
      memorySize: 1024,
      timeoutSeconds: 15,
      // Corrections change contact details on open complaints and notices, in their tables.
      tables: { privacy: 'readWrite', figures: 'readWrite', requestLimits: 'readWrite', accessLog: 'append', complaints: 'readWrite', moderation: 'readWrite' },
      // Opens the archive and re-seals corrected contact details.
      usesDataKey: true,
      // Pseudonyms of integration references; sealed cursors.
      usesPseudonymKey: true,
    },
    privacyRequests: {
      logicalId: 'PrivacyRequestsFunction',
      entry: 'functions/privacy-requests/handler.ts',
      description: 'Every few minutes: assembles data exports, erases personal data after the cooling-off (legal holds kept), deletes expired archives, alarms deadlines',
      memorySize: 1024,
      timeoutSeconds: 300,
      // Every context's table that holds personal data: read for exports, written for erasure.
      tables: {
        privacy: 'readWrite',
        figures: 'readWrite',
        complaints: 'readWrite',
        moderation: 'readWrite',
        surveys: 'readWrite',
        notifications: 'readWrite',
        transparency: 'readWrite',
        accessLog: 'read',
      },
      usesDataKey: true,
      usesPseudonymKey: true,
    },
    privacyRetention: {
      logicalId: 'PrivacyRetentionFunction',
      entry: 'functions/privacy-retention/handler.ts',
      description: 'Daily: removes the personal fields whose retention ended, through each context’s due-day index',
      memorySize: 512,
      timeoutSeconds: 300,
      tables: { privacy: 'readWrite', complaints: 'readWrite', moderation: 'readWrite', surveys: 'readWrite' },
      usesDataKey: true,
      usesPseudonymKey: true,
    },
  },
  routes: [
    { method: 'POST', path: '/v1/me/data-exports', function: 'privacy', caller: 'person', limit: requestLimit, throttle: requestThrottle },
    { method: 'GET', path: '/v1/me/data-exports', function: 'privacy', caller: 'person' },
    { method: 'GET', path: '/v1/me/data-exports/{id}', function: 'privacy', caller: 'person' },
    { method: 'GET', path: '/v1/me/data-exports/{id}/archive', function: 'privacy', caller: 'person', limit: downloadLimit },
    { method: 'POST', path: '/v1/me/erasure-requests', function: 'privacy', caller: 'person', limit: requestLimit, throttle: requestThrottle },
    { method: 'GET', path: '/v1/me/erasure-requests', function: 'privacy', caller: 'person' },
    { method: 'GET', path: '/v1/me/erasure-requests/{id}', function: 'privacy', caller: 'person' },
    { method: 'POST', path: '/v1/me/erasure-requests/{id}/cancel', function: 'privacy', caller: 'person' },
    { method: 'PUT', path: '/v1/me/contact-details', function: 'privacy', caller: 'person', limit: requestLimit, throttle: requestThrottle },
    { method: 'POST', path: '/v1/channels/{channel}/erasure-requests', function: 'privacy', caller: 'machine', scopes: channelScopes, throttle: requestThrottle },
    { method: 'GET', path: '/v1/channels/{channel}/erasure-requests/{id}', function: 'privacy', caller: 'machine', scopes: channelScopes },
    { method: 'GET', path: '/v1/privacy/retention-policy', function: 'privacy', caller: 'public' },
    { method: 'GET', path: '/v1/privacy/requests', function: 'privacy', caller: 'person', roles: privacyStaffRoles },
    { method: 'GET', path: '/v1/privacy/requests/{id}', function: 'privacy', caller: 'person', roles: privacyStaffRoles },
    { method: 'GET', path: '/v1/privacy/figures', function: 'privacy', caller: 'person', roles: privacyStaffRoles },
    { method: 'GET', path: '/v1/privacy/legal-holds', function: 'privacy', caller: 'person', roles: privacyStaffRoles },
    { method: 'POST', path: '/v1/privacy/legal-holds', function: 'privacy', caller: 'person', roles: privacyStaffRoles },
    { method: 'POST', path: '/v1/privacy/legal-holds/{id}/release', function: 'privacy', caller: 'person', roles: privacyStaffRoles },
  ],
  jobs: {
    [PRIVACY_REQUESTS_JOB]: {
      function: 'privacyRequests',
      schedule: 'rate(5 minutes)',
      description: 'Assembles data exports, erases after the cooling-off, deletes expired archives and counts requests near their deadline',
    },
    [PRIVACY_RETENTION_JOB]: {
      function: 'privacyRetention',
      schedule: 'cron(30 4 * * ? *)',
      description: 'Removes the personal fields whose retention ended (each day since the last run)',
    },
  },
  eventRules: {},
} as const satisfies ContextManifest;

type PrivacyRoute = (typeof privacyManifest.routes)[number];

/** The routes one function of the context serves (each function's API handler takes its own). */
export const routesOfFunction = <F extends PrivacyRoute['function']>(fn: F) => routesServedBy(privacyManifest.routes, fn);
