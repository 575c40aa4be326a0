import type { Role } from '#shared/manifest/platform.ts';
import type { ContextManifest, RouteLimit, RouteThrottle } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';
import { outboxStreamFunction } from '#shared/manifest/outbox-stream.ts';

/** Who decides cases and appeals and keeps the blocklists. */
export const moderatorRoles = ['moderator', 'admin'] as const satisfies readonly Role[];
/** Who reads the figures and any statement of reasons. */
export const staffReaderRoles = ['moderator', 'admin', 'comms'] as const satisfies readonly Role[];
/** Who exports the statements for the Transparency Database. */
export const exportReaderRoles = ['comms', 'admin', 'moderator'] as const satisfies readonly Role[];

/**
 * Per person; users' notices are limited further by role in the use case (moderationPolicy.rateLimits),
 * this bounds trusted flaggers too.
 */
const noticeLimit = { perCaller: 1000, per: 'hour' } as const satisfies RouteLimit;
const appealLimit = { perCaller: 20, per: 'hour' } as const satisfies RouteLimit;
/** Per viewer address: whoever files without an account. */
const anonymousNoticeLimit = { perCaller: 30, per: 'hour' } as const satisfies RouteLimit;
const anonymousAppealLimit = { perCaller: 10, per: 'hour' } as const satisfies RouteLimit;
/** All callers of one route together (API Gateway), so a flood on one route leaves capacity to the others. */
const writeThrottle = { rateLimit: 50, burstLimit: 100 } as const satisfies RouteThrottle;
const anonymousThrottle = { rateLimit: 10, burstLimit: 20 } as const satisfies RouteThrottle;

/**
 * Trust and safety: notices of fraud and false information, cases, decisions with their statements of reasons, appeals, rewards, and content review before publication.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts' for the CDK stacks and
 * the local stack.
 */
export const moderationManifest = {
  name: 'moderation',
  tables: {
    moderation: {
      logicalId: 'ModerationTable',
      outbox: true,
      localName: 'moderation',
      envVar: 'MODERATION_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [
        stringIndex('byOwner', 'gsi1pk', 'gsi1sk'),
        stringIndex('byQueue', 'queuePk', 'queueSk'),
        stringIndex('byDue', 'duePk', 'dueSk'),
        stringIndex('retentionDue', 'retentionDay', 'retentionSk'),
      ],
      timeToLiveAttribute: 'expiresAt',
      accessPatterns: [
        'notice by id: GetItem pk=NOTICE#<id>, sk=NOTICE',
        "a reporter's notices, newest first: Query byOwner gsi1pk=REPORTER#<reporter key>, descending gsi1sk=<receivedAt>#<id>",
        'the open case of a target (merging): GetItem pk=TARGET#<target key>, sk=TARGET',
        'case by id: GetItem pk=CASE#<id>, sk=CASE; its notices and history: Query pk=CASE#<id>, sk begins_with NOTICE# / HISTORY#',
        'moderation queue, highest priority then oldest first: Query byQueue queuePk=CASES#<status>, queueSk=<rank>#<receivedAt>#<id>',
        'statement of reasons by puid: GetItem pk=SOR#<puid>, sk=SOR (written once, never updated)',
        'statements of one day for the Transparency Database export: Query byOwner gsi1pk=SORDAY#<yyyy-mm-dd>, gsi1sk=<at>#<puid>',
        'submission of a statement to the Transparency Database: GetItem pk=SOR#<puid>, sk=SUBMISSION; still to send (sparse, oldest first): Query byDue duePk=SOR-SUBMIT#pending; refused as invalid, oldest first: Query byDue duePk=SOR-SUBMIT#quarantined, dueSk=<quarantinedAt>#<puid> (a release moves it back to pending)',
        'appeal by id: GetItem pk=APPEAL#<id>, sk=APPEAL; pending appeals: Query byQueue queuePk=APPEALS#pending',
        "an appellant's appeals on a case (one per decision): Query pk=CASE#<id>, sk begins_with APPEAL-BY#<appellant>#",
        'rewards due by now (sparse, sharded): Query byDue duePk=REWARD-DUE#<shard>, dueSk <= <now>',
        'reward of a notice: GetItem pk=REWARD#<notice id>, sk=REWARD; ledger: GetItem pk=LEDGER#<reporter>, sk=BALANCE, Query sk begins_with ENTRY#',
        'reporter profile (reputation, strikes, suspension): GetItem pk=REPORTER#<reporter key>, sk=PROFILE',
        'rate-limit window: UpdateItem ADD pk=RATE#<key>#<window>, sk=RATE (expires by TTL)',
        'content review by id: GetItem pk=REVIEW#<id>, sk=REVIEW; by content id: GetItem pk=CONTENT#<content id>, sk=CONTENT',
        'blocklist entry: GetItem pk=BLOCKLIST#<kind>, sk=<value key>; a list: Query pk=BLOCKLIST#<kind>',
        'authority order by id: GetItem pk=AUTHORITY-ORDER#<id>, sk=ORDER; the register, newest receipt first: Query byQueue queuePk=AUTHORITY-ORDERS, descending queueSk=<receivedAt>#<id>; one per Member State and reference: GetItem pk=AUTHORITY-ORDER-REF#<member state>#<reference>, sk=REF',
        'near-duplicates of removed content: Query pk=SIMHASH#<band>#<band value> (one query per band)',
        'domain events not yet published (outbox, sharded, one item per change): Query pk=OUTBOX#<shard>, sk < <now - 60 s> (sk=<written at>#<change id>)',
        'outbox items the relay gave up on (quarantined, for an operator to release): Query pk=OUTBOX#QUARANTINE',
        "a person's appeals (export, erasure): Query byOwner gsi1pk=APPELLANT#<appellant id>, gsi1sk=<filedAt>#<id>",
        "the content reviews of an author's content (export, erasure): Query byOwner gsi1pk=AUTHOR#<author ref>, gsi1sk=<submittedAt>#<id>",
        'the statements of reasons concerning an account (export), through a pointer written with each: Query byOwner gsi1pk=AFFECTED#<account id>, gsi1sk=<createdAt>#<puid> (pointer pk=SOR#<puid>, sk=AFFECTED)',
        'personal fields whose retention ends on a day (sparse: decided cases, closed notices, decided appeals): Query retentionDue retentionDay=<yyyy-mm-dd>, retentionSk=<pk>',
      ],
    },
  },
  queues: {
    reports: {
      logicalId: 'ReportsQueue',
      localName: 'reports',
      envVar: 'REPORTS_QUEUE_URL',
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      retentionDays: 14,
      purpose: 'notices of fraud and false information waiting for triage',
    },
    contentReview: {
      logicalId: 'ContentReviewQueue',
      localName: 'content-review',
      envVar: 'CONTENT_REVIEW_QUEUE_URL',
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      retentionDays: 14,
      purpose: 'content submitted for review before publication',
    },
  },
  functions: {
    moderationOutboxStream: outboxStreamFunction({ logicalId: 'ModerationOutboxStreamFunction', entry: 'functions/moderation-outbox-stream/handler.ts', table: 'moderation' }),
    moderation: {
      logicalId: 'ModerationFunction',
      entry: 'functions/moderation/handler.ts',
      description: 'Trust and safety: notices, cases, decisions, statements of reasons, appeals, rewards, content reviews',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { moderation: 'readWrite', figures: 'readWrite', idempotency: 'readWrite', requestLimits: 'readWrite', accessLog: 'append' },
      usesDataKey: true,
      usesPseudonymKey: true,
      sendsTo: ['reports', 'contentReview'],
    },
    reportsConsumer: {
      logicalId: 'ReportsConsumerFunction',
      entry: 'functions/reports-consumer/handler.ts',
      description: 'Triage of notices from the reports queue: merges notices on one target into one case',
      memorySize: 512,
      timeoutSeconds: 30,
      tables: { moderation: 'readWrite', figures: 'readWrite' },
      usesDataKey: false,
      consumes: { queue: 'reports', batchSize: 10, maxBatchingWindowSeconds: 1 },
    },
    contentReviewWorker: {
      logicalId: 'ContentReviewWorkerFunction',
      entry: 'functions/content-review-worker/handler.ts',
      description: 'Automated screening of content before publication: approve, hold or send to human review',
      memorySize: 512,
      timeoutSeconds: 30,
      tables: { moderation: 'readWrite', figures: 'readWrite' },
      usesDataKey: true,
      usesPseudonymKey: true,
      consumes: { queue: 'contentReview', batchSize: 10, maxBatchingWindowSeconds: 1 },
    },
    rewardsSettlement: {
      logicalId: 'RewardsSettlementFunction',
      entry: 'functions/rewards-settlement/handler.ts',
      description: 'Scheduled: credits rewards whose appeal window has passed',
      memorySize: 256,
      timeoutSeconds: 60,
      tables: { moderation: 'readWrite', figures: 'readWrite' },
      usesDataKey: false,
    },
    statementSubmission: {
      logicalId: 'StatementSubmissionFunction',
      entry: 'functions/statement-submission/handler.ts',
      description: "Scheduled: sends new statements of reasons to the Commission's DSA Transparency Database",
      memorySize: 256,
      // The run stops starting requests after submissionPolicy.runBudgetMs (4 minutes).
      timeoutSeconds: 300,
      tables: { moderation: 'readWrite' },
      usesDataKey: false,
    },
    moderationOutboxRelay: {
      logicalId: 'ModerationOutboxRelayFunction',
      entry: 'functions/moderation-outbox-relay/handler.ts',
      description: 'Scheduled: publishes moderation domain events that the stream relay could not publish',
      memorySize: 256,
      timeoutSeconds: 60,
      tables: { moderation: 'readWrite' },
      usesDataKey: false,
      publishesEvents: true,
    },
  },
  routes: [
    { method: 'POST', path: '/v1/reports', function: 'moderation', caller: 'person', limit: noticeLimit, throttle: writeThrottle },
    { method: 'POST', path: '/v1/reports/anonymous', function: 'moderation', caller: 'public', limit: anonymousNoticeLimit, throttle: anonymousThrottle },
    { method: 'GET', path: '/v1/reports', function: 'moderation', caller: 'person' },
    { method: 'GET', path: '/v1/reports/{id}', function: 'moderation', caller: 'person' },
    { method: 'GET', path: '/v1/moderation/cases', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'GET', path: '/v1/moderation/cases/{id}', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/moderation/cases/{id}/claim', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/moderation/cases/{id}/decision', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'GET', path: '/v1/statements/{puid}', function: 'moderation', caller: 'person' },
    { method: 'GET', path: '/v1/transparency/statements', function: 'moderation', caller: 'person', roles: exportReaderRoles },
    { method: 'POST', path: '/v1/appeals', function: 'moderation', caller: 'person', limit: appealLimit, throttle: writeThrottle },
    { method: 'GET', path: '/v1/appeals/{id}', function: 'moderation', caller: 'person' },
    { method: 'GET', path: '/v1/moderation/appeals', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/moderation/appeals/{id}/decision', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'GET', path: '/v1/rewards/me', function: 'moderation', caller: 'person' },
    { method: 'GET', path: '/v1/moderation/blocklists/{kind}', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/moderation/blocklists/{kind}', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'DELETE', path: '/v1/moderation/blocklists/{kind}/{entryId}', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'GET', path: '/v1/figures/moderation', function: 'moderation', caller: 'person', roles: staffReaderRoles },
    { method: 'POST', path: '/v1/moderation/authority-orders', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'GET', path: '/v1/moderation/authority-orders', function: 'moderation', caller: 'person', roles: staffReaderRoles },
    { method: 'GET', path: '/v1/moderation/authority-orders/{id}', function: 'moderation', caller: 'person', roles: staffReaderRoles },
    { method: 'POST', path: '/v1/moderation/authority-orders/{id}/confirmation', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/moderation/authority-orders/{id}/effect', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'GET', path: '/v1/moderation/transparency-database/quarantine', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/moderation/transparency-database/quarantine/{puid}/release', function: 'moderation', caller: 'person', roles: moderatorRoles },
    { method: 'POST', path: '/v1/content-reviews', function: 'moderation', caller: 'machine', scopes: ['content.review'] },
    { method: 'GET', path: '/v1/content-reviews/{id}', function: 'moderation', caller: 'machine', scopes: ['content.review'] },
    { method: 'GET', path: '/v1/enforcement/statements/{puid}', function: 'moderation', caller: 'machine', scopes: ['moderation.enforcement'] },
    { method: 'GET', path: '/v1/reports/anonymous/{id}', function: 'moderation', caller: 'public' },
    { method: 'POST', path: '/v1/appeals/anonymous', function: 'moderation', caller: 'public', limit: anonymousAppealLimit, throttle: anonymousThrottle },
  ],
  jobs: {
    'rewards-settlement': {
      function: 'rewardsSettlement',
      schedule: 'rate(1 hour)',
      description: 'Credits reporters whose actioned report has passed the appeal window (or whose decision an appeal upheld)',
    },
    'statement-submission': {
      function: 'statementSubmission',
      schedule: 'rate(15 minutes)',
      description: 'Sends statements of reasons not yet sent to the DSA Transparency Database (Art. 24(5)), 100 per request; quarantines those it refuses as invalid',
    },
    'moderation-outbox-relay': {
      function: 'moderationOutboxRelay',
      schedule: 'rate(1 minute)',
      description: 'Publishes moderation domain events left in the outbox for over a minute (a failed publish), then deletes them',
    },
  },
  eventRules: {},
} as const satisfies ContextManifest;
