import type { Role } from '#shared/manifest/platform.ts';
import { type ContextManifest, type NumberSetting, routesServedBy } from '#shared/manifest/types.ts';
import { pkSkKey } from '#shared/manifest/keys.ts';
import { outboxStreamFunction } from '#shared/manifest/outbox-stream.ts';

/** Who writes and publishes the privacy policy: comms staff. */
export const commsRoles = ['comms'] as const satisfies readonly Role[];

/** The domain event of a new privacy-policy version, published when comms publish it, before it takes effect. */
export const PRIVACY_POLICY_PUBLISHED_EVENT = 'transparency.privacy-policy-published';

/** The domain event of a quarterly report's new version (a first publication or a correction), through the outbox. */
export const REPORT_PUBLISHED_EVENT = 'transparency.report-published';

/** The scheduled job that compiles the quarter just ended into its draft (`npm run job -- transparency-report [--quarter 2026-Q4]`). */
export const TRANSPARENCY_REPORT_JOB = 'transparency-report';

/** The scorecard's hourly check of the promises (`npm run job -- commitments-watch [--now <ISO time>]`). */
export const COMMITMENTS_WATCH_JOB = 'commitments-watch';

/**
 * The environment variable of the minimum notice: the days between a version's publication and
 * the day it takes effect (30 when unset), so that people can be told before it applies to them.
 */
const MIN_NOTICE_DAYS_ENV = 'PRIVACY_POLICY_MIN_NOTICE_DAYS';
/** The days a new privacy-policy version is announced before it takes effect (`-c privacyPolicyMinNoticeDays`). */
export const minNoticeDaysSetting = {
  env: MIN_NOTICE_DAYS_ENV,
  context: 'privacyPolicyMinNoticeDays',
  fallback: 30,
  min: 0,
  max: 365,
  whole: true,
  unit: 'days',
} as const satisfies NumberSetting;

/**
 * Transparency: what the platform tells the public about how it uses data. Its first part is the
 * privacy policy: versions written by comms (Markdown in zh-CN and en, an effective date and a
 * summary of changes), immutable once published, public with a diff between any two, announced
 * before they take effect; and each person's acknowledgement of the version in force, counted
 * per version for the transparency report.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts'.
 */
export const transparencyManifest = {
  name: 'transparency',
  tables: {
    transparency: {
      logicalId: 'TransparencyTable',
      outbox: true,
      localName: 'transparency',
      envVar: 'TRANSPARENCY_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [],
      accessPatterns: [
        'one draft: GetItem pk=PRIVACY_POLICY, sk=DRAFT#<draft id>; written with a condition on its revision',
        'drafts, newest first: Query pk=PRIVACY_POLICY, sk begins_with DRAFT#, descending (a handful at a time)',
        'one published version: GetItem pk=PRIVACY_POLICY, sk=VERSION#<number, 6 digits>',
        'every published version, newest first: Query pk=PRIVACY_POLICY, sk begins_with VERSION#, descending (a few a year)',
        'publish: TransactWrite Put VERSION#<n> (attribute_not_exists), Update DRAFT#<id> (still a draft, same revision), Put of the outbox item',
        "a person's acknowledgement: TransactWrite Put pk=PERSON#<sub>, sk=PRIVACY_POLICY_ACK#<n> (attribute_not_exists) with the figures' counters",
        "a person's acknowledgements, for a copy of their data or its erasure: Query pk=PERSON#<sub>, sk begins_with PRIVACY_POLICY_ACK#; TransactWrite Delete of each (the counters stay)",
        'the outbox relay: Query pk=OUTBOX#<shard>, sk < <cutoff>; DeleteItem once published',
        "a quarter's report draft: GetItem pk=REPORT#<quarter>, sk=DRAFT; PutItem with a condition on its revision (or attribute_not_exists when first compiled)",
        "a report version: GetItem pk=REPORT#<quarter>, sk=VERSION#<number, 6 digits>; the latest: Query pk=REPORT#<quarter>, sk begins_with VERSION#, descending, Limit 1, consistent",
        'published quarters: Query pk=REPORTS (sk=QUARTER#<quarter>, the latest version of each), descending (four a year)',
        'publish a report: TransactWrite Put VERSION#<n> (attribute_not_exists), ConditionCheck DRAFT (same revision), Update REPORTS/QUARTER#<quarter> (still naming the version superseded; firstPublishedAt kept), Put of the outbox item',
        'the promise scorecard: Query pk=COMMITMENTS (sk=STATE, the last check; sk=QUARTER#<quarter>, one record per quarter, four a year); a check: TransactWrite Put STATE (same checkedAt as read) and Put QUARTER#<quarter>',
      ],
    },
  },
  queues: {},
  functions: {
    transparencyOutboxStream: outboxStreamFunction({ logicalId: 'TransparencyOutboxStreamFunction', entry: 'functions/transparency-outbox-stream/handler.ts', table: 'transparency' }),
    transparency: {
      logicalId: 'TransparencyFunction',
      entry: 'functions/transparency/handler.ts',
      description: 'The privacy policy: public versions and diffs, drafts and publication by comms, acknowledgements by people',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { transparency: 'readWrite', figures: 'readWrite' },
      // The policy is public text; an acknowledgement holds the person's id and a time only.
      usesDataKey: false,
      // Raises `transparency.privacy-policy-published` through its outbox: the stream relay publishes it.
    },
    transparencyReports: {
      logicalId: 'TransparencyReportsFunction',
      entry: 'functions/transparency-reports/handler.ts',
      description: 'The quarterly transparency report, public: the published versions as JSON, CSV and an HTML page, and their JSON Schema',
      memorySize: 1024,
      timeoutSeconds: 15,
      // Published versions only: it never writes.
      tables: { transparency: 'read' },
      usesDataKey: false,
    },
    transparencyReportDrafts: {
      logicalId: 'TransparencyReportDraftsFunction',
      entry: 'functions/transparency-report-drafts/handler.ts',
      description: "The quarterly transparency report's drafts: compiled from the figures, written and published by comms",
      memorySize: 1024,
      timeoutSeconds: 15,
      // The report's sources, read only: counters and active people, survey campaigns, the security programme's records.
      tables: { transparency: 'readWrite', figures: 'read', surveys: 'read', security: 'read', securityIncidents: 'read', securityEducation: 'read', privacy: 'read' },
      // Reads counters and writes figures and public text only.
      usesDataKey: false,
      // Raises `transparency.report-published` through its outbox: the stream relay publishes it.
    },
    transparencyReportJob: {
      logicalId: 'TransparencyReportJobFunction',
      entry: 'functions/transparency-report-job/handler.ts',
      description: 'Scheduled after each quarter ends: compiles the quarter just ended into its report draft',
      memorySize: 1024,
      timeoutSeconds: 120,
      // The report's sources, read only: counters and active people, survey campaigns, the security programme's records.
      tables: { transparency: 'readWrite', figures: 'read', surveys: 'read', security: 'read', securityIncidents: 'read', securityEducation: 'read', privacy: 'read' },
      usesDataKey: false,
    },
    commitments: {
      logicalId: 'CommitmentsFunction',
      entry: 'functions/commitments/handler.ts',
      description: "The public promise scorecard: each promise's live figure, target, verdict, since when, and its quarters",
      memorySize: 512,
      timeoutSeconds: 10,
      // The kept verdicts, and what the report's figures are compiled from: counts and records without personal data.
      tables: { transparency: 'read', figures: 'read', surveys: 'read', security: 'read', securityIncidents: 'read', securityEducation: 'read', privacy: 'read' },
      usesDataKey: false,
    },
    commitmentsWatch: {
      logicalId: 'CommitmentsWatchFunction',
      entry: 'functions/commitments-watch/handler.ts',
      description: 'The hourly check of the promises: keeps each verdict and since when, one record per quarter, and counts promises turned from kept to not kept (alarmed)',
      memorySize: 512,
      timeoutSeconds: 60,
      tables: { transparency: 'readWrite', figures: 'read', surveys: 'read', security: 'read', securityIncidents: 'read', securityEducation: 'read', privacy: 'read' },
      usesDataKey: false,
    },
    transparencyOutboxRelay: {
      logicalId: 'TransparencyOutboxRelayFunction',
      entry: 'functions/transparency-outbox-relay/handler.ts',
      description: 'Scheduled: publishes transparency domain events that the stream relay could not publish',
      memorySize: 256,
      timeoutSeconds: 60,
      tables: { transparency: 'readWrite' },
      usesDataKey: false,
      publishesEvents: true,
    },
  },
  routes: [
    { method: 'POST', path: '/v1/transparency/reports', function: 'transparencyReportDrafts', caller: 'person', roles: commsRoles },
    { method: 'GET', path: '/v1/transparency/reports', function: 'transparencyReports', caller: 'public' },
    // Before `{quarter}`: the local gateway takes the first route that matches (API Gateway prefers the literal one).
    { method: 'GET', path: '/v1/transparency/reports/drafts/{quarter}', function: 'transparencyReportDrafts', caller: 'person', roles: commsRoles },
    { method: 'PUT', path: '/v1/transparency/reports/drafts/{quarter}', function: 'transparencyReportDrafts', caller: 'person', roles: commsRoles },
    { method: 'POST', path: '/v1/transparency/reports/drafts/{quarter}/publish', function: 'transparencyReportDrafts', caller: 'person', roles: commsRoles },
    { method: 'GET', path: '/v1/transparency/reports/schema', function: 'transparencyReports', caller: 'public' },
    { method: 'GET', path: '/v1/transparency/reports/{quarter}', function: 'transparencyReports', caller: 'public' },
    { method: 'GET', path: '/v1/transparency/reports/{quarter}/parts/{part}', function: 'transparencyReports', caller: 'public' },
    { method: 'GET', path: '/v1/transparency/reports/{quarter}/versions/{version}', function: 'transparencyReports', caller: 'public' },
    // Public and compiled from the figures: throttled, and each instance reuses its reading for 30 seconds.
    { method: 'GET', path: '/v1/commitments', function: 'commitments', caller: 'public', throttle: { rateLimit: 20, burstLimit: 40 } },
    { method: 'GET', path: '/v1/commitments.html', function: 'commitments', caller: 'public', throttle: { rateLimit: 20, burstLimit: 40 } },
    { method: 'GET', path: '/v1/privacy-policy', function: 'transparency', caller: 'public' },
    { method: 'GET', path: '/v1/privacy-policy/versions', function: 'transparency', caller: 'public' },
    { method: 'GET', path: '/v1/privacy-policy/versions/{number}', function: 'transparency', caller: 'public' },
    { method: 'GET', path: '/v1/privacy-policy/versions/{number}/diff', function: 'transparency', caller: 'public' },
    { method: 'POST', path: '/v1/privacy-policy/acknowledgements', function: 'transparency', caller: 'person' },
    { method: 'POST', path: '/v1/privacy-policy/drafts', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'GET', path: '/v1/privacy-policy/drafts', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'GET', path: '/v1/privacy-policy/drafts/{id}', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'PUT', path: '/v1/privacy-policy/drafts/{id}', function: 'transparency', caller: 'person', roles: commsRoles },
    { method: 'POST', path: '/v1/privacy-policy/drafts/{id}/publish', function: 'transparency', caller: 'person', roles: commsRoles },
  ],
  jobs: {
    [TRANSPARENCY_REPORT_JOB]: {
      function: 'transparencyReportJob',
      // 06:00 UTC on the first day of each quarter (after the security audit at 03:00): the quarter just ended.
      schedule: 'cron(0 6 1 1,4,7,10 ? *)',
      description: 'Compiles the quarterly transparency report of the quarter just ended into its draft (comms review and publish it)',
    },
    [COMMITMENTS_WATCH_JOB]: {
      function: 'commitmentsWatch',
      schedule: 'rate(1 hour)',
      description: "Checks every promise of the scorecard against the quarter's figures, keeps the verdicts, and counts those turned from kept to not kept for the alarm",
    },
    'transparency-outbox-relay': {
      function: 'transparencyOutboxRelay',
      schedule: 'rate(5 minutes)',
      description: 'Publishes transparency domain events left in the outbox past the grace period (a failed publish), then deletes them',
    },
  },
  eventRules: {},
} as const satisfies ContextManifest;

type TransparencyRoute = (typeof transparencyManifest.routes)[number];

/** The routes one function of the context serves (each function's API handler takes its own). */
export const routesOfFunction = <F extends TransparencyRoute['function']>(fn: F) => routesServedBy(transparencyManifest.routes, fn);
