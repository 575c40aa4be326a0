import { complaintWorkerRoles, figuresReaderRoles } from '#shared/customer-service/domain/access.ts';
import type { ContextManifest, RouteLimit, RouteThrottle } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';
import { outboxStreamFunction } from '#shared/manifest/outbox-stream.ts';

/** Each channel integration holds its own channel's scope; the handler checks it matches the path's channel. */
const channelScopes = ['complaints.intake.social', 'complaints.intake.email', 'complaints.intake.phone'] as const;

/** Per person: far above what anyone with a real grievance files, far below a flood. */
/** Counted in the filing's own transaction: one request to the database less per filing. */
const filingLimit = { perCaller: 50, per: 'hour', written: 'with-the-change' } as const satisfies RouteLimit;
const messageLimit = { perCaller: 120, per: 'hour' } as const satisfies RouteLimit;
/** Per integration client: it files and answers for everybody who writes to its channel. */
const integrationLimit = { perCaller: 5000, per: 'hour' } as const satisfies RouteLimit;
/** All callers of one write route together: a flood on one route leaves the stage's capacity to the others. */
const writeThrottle = { rateLimit: 50, burstLimit: 100 } as const satisfies RouteThrottle;

/**
 * Customer service: complaints from people and from the channel integrations, their SLA clock, the work queue and the figures.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts' for the CDK stacks and
 * the local stack.
 */
export const customerServiceManifest = {
  name: 'customer-service',
  tables: {
    complaints: {
      logicalId: 'ComplaintsTable',
      outbox: true,
      localName: 'complaints',
      envVar: 'COMPLAINTS_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [
        stringIndex('byOwner', 'gsi1pk', 'gsi1sk'),
        stringIndex('byQueue', 'queuePk', 'queueSk'),
        stringIndex('byDueCheck', 'duePk', 'dueSk'),
        stringIndex('byRetentionDay', 'retentionDay', 'retentionSk'),
      ],
      accessPatterns: [
        'complaint by id: GetItem pk=COMPLAINT#<id>, sk=COMPLAINT',
        "a user's complaints, newest first: Query byOwner gsi1pk=OWNER#<sub>, descending gsi1sk=<createdAt>#<id>",
        'conversation of a complaint: Query pk=COMPLAINT#<id>, sk begins_with MESSAGE#',
        'history (audit trail) of a complaint: Query pk=COMPLAINT#<id>, sk begins_with HISTORY#',
        'a channel message already taken in (a filing or an answer): GetItem pk=CHANNEL#<channel>#<message id>, sk=CHANNEL-MESSAGE',
        'staff work queue, soonest due first: Query byQueue queuePk=QUEUE#<status>, queueSk=<due>#<id>',
        'SLA checkpoints due by now (sparse, sharded): Query byDueCheck duePk=DUE#<shard>, dueSk <= <now>',
        'complaints whose personal fields are due to go on a day (sparse: resolved or closed, not yet erased): Query byRetentionDay retentionDay=<YYYY-MM-DD> (retentionSk=<id>)',
        'domain events not yet published (outbox, sharded, one item per change): Query pk=OUTBOX#<shard>, sk < <now - 60 s> (sk=<written at>#<complaint>:<version>)',
        'outbox items the relay gave up on (quarantined, for an operator to release): Query pk=OUTBOX#QUARANTINE',
      ],
    },
  },
  queues: {},
  functions: {
    customerServiceOutboxStream: outboxStreamFunction({ logicalId: 'CustomerServiceOutboxStreamFunction', entry: 'functions/customer-service-outbox-stream/handler.ts', table: 'complaints' }),
    complaints: {
      logicalId: 'ComplaintsFunction',
      entry: 'functions/complaints/handler.ts',
      description: 'Customer service: complaints, conversation, work queue, lifecycle and figures',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { complaints: 'readWrite', figures: 'readWrite', idempotency: 'readWrite', requestLimits: 'readWrite', accessLog: 'append' },
      usesDataKey: true,
      usesPseudonymKey: true,
    },
    slaSweep: {
      logicalId: 'SlaSweepFunction',
      entry: 'functions/sla-sweep/handler.ts',
      description: 'Scheduled: SLA warnings, breaches, escalations and auto-close of resolved complaints',
      memorySize: 512,
      timeoutSeconds: 60,
      tables: { complaints: 'readWrite', figures: 'readWrite' },
      usesDataKey: false,
      publishesEvents: true,
    },
  },
  routes: [
    { method: 'POST', path: '/v1/complaints', function: 'complaints', caller: 'person', limit: filingLimit, throttle: writeThrottle },
    { method: 'GET', path: '/v1/complaints', function: 'complaints', caller: 'person' },
    { method: 'GET', path: '/v1/complaints/{id}', function: 'complaints', caller: 'person' },
    { method: 'PATCH', path: '/v1/complaints/{id}', function: 'complaints', caller: 'person', roles: complaintWorkerRoles },
    { method: 'POST', path: '/v1/complaints/{id}/claim', function: 'complaints', caller: 'person', roles: complaintWorkerRoles },
    { method: 'PUT', path: '/v1/complaints/{id}/assignee', function: 'complaints', caller: 'person', roles: complaintWorkerRoles },
    { method: 'POST', path: '/v1/complaints/{id}/status', function: 'complaints', caller: 'person' },
    { method: 'GET', path: '/v1/complaints/{id}/messages', function: 'complaints', caller: 'person' },
    { method: 'POST', path: '/v1/complaints/{id}/messages', function: 'complaints', caller: 'person', limit: messageLimit, throttle: writeThrottle },
    { method: 'GET', path: '/v1/complaints/{id}/history', function: 'complaints', caller: 'person' },
    { method: 'GET', path: '/v1/work-queue', function: 'complaints', caller: 'person', roles: complaintWorkerRoles },
    { method: 'GET', path: '/v1/figures/customer-service', function: 'complaints', caller: 'person', roles: figuresReaderRoles },
    { method: 'POST', path: '/v1/channels/{channel}/complaints', function: 'complaints', caller: 'machine', scopes: channelScopes, limit: integrationLimit, throttle: writeThrottle },
    { method: 'GET', path: '/v1/channels/{channel}/complaints/{id}', function: 'complaints', caller: 'machine', scopes: channelScopes },
    { method: 'GET', path: '/v1/channels/{channel}/complaints/{id}/messages', function: 'complaints', caller: 'machine', scopes: channelScopes },
    { method: 'POST', path: '/v1/channels/{channel}/complaints/{id}/messages', function: 'complaints', caller: 'machine', scopes: channelScopes, limit: integrationLimit, throttle: writeThrottle },
  ],
  jobs: {
    'sla-sweep': {
      function: 'slaSweep',
      schedule: 'rate(1 minute)',
      description: 'Marks SLA warnings and breaches, escalates, and closes resolved complaints after the reopen window',
    },
  },
  eventRules: {},
} as const satisfies ContextManifest;
