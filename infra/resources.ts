/**
 * The one definition of every table, queue, function and route.
 *
 * Both the CDK stacks (infra/stacks) and the local stack (infra/local) are built from these
 * objects, so what runs on a laptop and what `cdk deploy` ships cannot drift apart.
 * Nothing here imports the CDK: the local stack and the tests read it without loading it.
 */

export type KeyType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface GlobalIndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Stable CloudFormation logical id: renaming it would replace the table and lose data. */
  logicalId: string;
  /** Name used by the local stack (in AWS the name is generated). */
  localName: string;
  /** Environment variable through which functions receive the table name. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalIndexes: GlobalIndexDefinition[];
  timeToLiveAttribute?: string;
  /** Every way the code reads the table; there is no Scan on a request path. */
  accessPatterns: string[];
}

export const tables = {
  complaints: {
    logicalId: 'ComplaintsTable',
    localName: 'complaints',
    envVar: 'COMPLAINTS_TABLE_NAME',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      {
        name: 'byOwner',
        partitionKey: { name: 'gsi1pk', type: 'S' },
        sortKey: { name: 'gsi1sk', type: 'S' },
      },
      {
        name: 'byQueue',
        partitionKey: { name: 'queuePk', type: 'S' },
        sortKey: { name: 'queueSk', type: 'S' },
      },
      {
        name: 'byDueCheck',
        partitionKey: { name: 'duePk', type: 'S' },
        sortKey: { name: 'dueSk', type: 'S' },
      },
    ],
    accessPatterns: [
      'complaint by id: GetItem pk=COMPLAINT#<id>, sk=COMPLAINT',
      'staff reads of a complaint: Query pk=COMPLAINT#<id>, sk begins_with ACCESS#',
      "a user's complaints, newest first: Query byOwner gsi1pk=OWNER#<sub>, descending gsi1sk=<createdAt>#<id>",
      'conversation of a complaint: Query pk=COMPLAINT#<id>, sk begins_with MESSAGE#',
      'history (audit trail) of a complaint: Query pk=COMPLAINT#<id>, sk begins_with HISTORY#',
      'a channel message already taken in (a filing or an answer): GetItem pk=CHANNEL#<channel>#<message id>, sk=CHANNEL-MESSAGE',
      'staff work queue, soonest due first: Query byQueue queuePk=QUEUE#<status>, queueSk=<due>#<id>',
      'SLA checkpoints due by now (sparse, sharded): Query byDueCheck duePk=DUE#<shard>, dueSk <= <now>',
      'domain events not yet published (outbox, sharded, one item per change): Query pk=OUTBOX#<shard>, sk < <now - 60 s> (sk=<written at>#<complaint>:<version>)',
    ],
  },
  figures: {
    logicalId: 'FiguresTable',
    localName: 'figures',
    envVar: 'FIGURES_TABLE_NAME',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [],
    accessPatterns: [
      'counters of one period, kept as events happen: GetItem / UpdateItem ADD pk=<context>#<granularity>, sk=<period>',
      'a range of periods: Query pk=<context>#<granularity>, sk between <from> and <to>',
    ],
  },
  idempotency: {
    logicalId: 'IdempotencyTable',
    localName: 'idempotency',
    envVar: 'IDEMPOTENCY_TABLE_NAME',
    partitionKey: { name: 'id', type: 'S' },
    globalIndexes: [],
    timeToLiveAttribute: 'expiration',
    accessPatterns: ['idempotency record by hashed key: GetItem / conditional PutItem id=<function>#<hash>'],
  },
  // --- trust and safety (moderation context) ---
  moderation: {
    logicalId: 'ModerationTable',
    localName: 'moderation',
    envVar: 'MODERATION_TABLE_NAME',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      {
        name: 'byOwner',
        partitionKey: { name: 'gsi1pk', type: 'S' },
        sortKey: { name: 'gsi1sk', type: 'S' },
      },
      {
        name: 'byQueue',
        partitionKey: { name: 'queuePk', type: 'S' },
        sortKey: { name: 'queueSk', type: 'S' },
      },
      {
        name: 'byDue',
        partitionKey: { name: 'duePk', type: 'S' },
        sortKey: { name: 'dueSk', type: 'S' },
      },
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
      'appeal by id: GetItem pk=APPEAL#<id>, sk=APPEAL; pending appeals: Query byQueue queuePk=APPEALS#pending',
      "an appellant's appeals on a case (one per decision): Query pk=CASE#<id>, sk begins_with APPEAL-BY#<appellant>#",
      'rewards due by now (sparse, sharded): Query byDue duePk=REWARD-DUE#<shard>, dueSk <= <now>',
      'reward of a notice: GetItem pk=REWARD#<notice id>, sk=REWARD; ledger: GetItem pk=LEDGER#<reporter>, sk=BALANCE, Query sk begins_with ENTRY#',
      'reporter profile (reputation, strikes, suspension): GetItem pk=REPORTER#<reporter key>, sk=PROFILE',
      'rate-limit window: UpdateItem ADD pk=RATE#<key>#<window>, sk=RATE (expires by TTL)',
      'content review by id: GetItem pk=REVIEW#<id>, sk=REVIEW; by content id: GetItem pk=CONTENT#<content id>, sk=CONTENT',
      'blocklist entry: GetItem pk=BLOCKLIST#<kind>, sk=<value key>; a list: Query pk=BLOCKLIST#<kind>',
      'near-duplicates of removed content: Query pk=SIMHASH#<band>#<band value> (one query per band)',
      'domain events not yet published (outbox, sharded, one item per change): Query pk=OUTBOX#<shard>, sk < <now - 60 s> (sk=<written at>#<change id>)',
    ],
  },
  // ---- surveys (satisfaction surveys) ----
  surveys: {
    logicalId: 'SurveysTable',
    localName: 'surveys',
    envVar: 'SURVEYS_TABLE_NAME',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      {
        name: 'openCampaigns',
        partitionKey: { name: 'openPk', type: 'S' },
        sortKey: { name: 'openSk', type: 'S' },
      },
    ],
    accessPatterns: [
      'survey definition version: GetItem pk=DEFINITION#<kind>, sk=V#<version>; conditional PutItem for a new version',
      'current definition of a kind: Query pk=DEFINITION#<kind>, descending, Limit 1',
      'campaign by id (<month>-<kind>): GetItem pk=CAMPAIGN#<id>, sk=CAMPAIGN; BatchGetItem for a range of months',
      'open campaigns due to close (sparse: open ones only): Query openCampaigns openPk=OPEN, openSk <= <now>',
      'a user seen during a monthly campaign (its sampling frame): GetItem / conditional PutItem pk=USER#<sub>, sk=SEEN#<campaign>',
      "a user's invitation and its response: GetItem / conditional PutItem pk=USER#<sub>, sk=INVITE#<invitation>",
      "a user's recent invitations: Query pk=USER#<sub>, sk between INVITE#<month> and INVITE#~",
      'one survey per resolved complaint: GetItem / conditional PutItem pk=COMPLAINT#<id>, sk=SURVEYED',
      "a campaign's free-text answers: Query pk=CAMPAIGN#<id>, sk begins_with COMMENT#; staff reads recorded as ACCESS#<at>#<ulid>",
    ],
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof tables;

export interface QueueDefinition {
  logicalId: string;
  localName: string;
  envVar: string;
  /** At least 6x the timeout of the function that consumes it. */
  visibilityTimeoutSeconds: number;
  /** Deliveries before a message is moved to the queue's dead-letter queue (at least 5). */
  maxReceiveCount: number;
  retentionDays: number;
  purpose: string;
}

/**
 * Moderation queues. Their consumers belong to the trust-and-safety context; the queues and
 * their dead-letter queues are part of the stateful foundation so that both stacks hold them.
 */
export const queues = {
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
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof queues;

export interface FunctionDefinition {
  logicalId: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  /** Least privilege: the tables this function may touch, and how. */
  tables: Partial<Record<TableName, 'read' | 'readWrite'>>;
  /** Whether the function encrypts or decrypts personal data with the data key. */
  usesDataKey: boolean;
  /** Whether the function derives pseudonyms (keyed hashes of external references) with the MAC key. */
  usesPseudonymKey?: boolean;
  /** Whether the function publishes domain events on the event bus. */
  publishesEvents?: boolean;
  /** Queues the function sends messages to (it receives their URLs in its environment). */
  sendsTo?: readonly QueueName[];
  /**
   * The queue this function consumes, as Lambda's event source mapping does in AWS and the local
   * poller does in `npm start`: batches, partial batch responses (reportBatchItemFailures).
   */
  consumes?: { queue: QueueName; batchSize: number; maxBatchingWindowSeconds: number };
}

export const functions = {
  complaints: {
    logicalId: 'ComplaintsFunction',
    entry: 'functions/complaints/handler.ts',
    description: 'Customer service: complaints, conversation, work queue, lifecycle and figures',
    memorySize: 512,
    timeoutSeconds: 10,
    tables: { complaints: 'readWrite', figures: 'readWrite', idempotency: 'readWrite' },
    usesDataKey: true,
    usesPseudonymKey: true,
    publishesEvents: true,
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
  platform: {
    logicalId: 'PlatformFunction',
    entry: 'functions/platform/handler.ts',
    description: 'Public endpoints: health and the OpenAPI document',
    memorySize: 256,
    timeoutSeconds: 5,
    tables: {},
    usesDataKey: false,
  },
  // --- trust and safety (moderation context) ---
  moderation: {
    logicalId: 'ModerationFunction',
    entry: 'functions/moderation/handler.ts',
    description: 'Trust and safety: notices, cases, decisions, statements of reasons, appeals, rewards, content reviews',
    memorySize: 512,
    timeoutSeconds: 10,
    tables: { moderation: 'readWrite', figures: 'readWrite', idempotency: 'readWrite' },
    usesDataKey: true,
    usesPseudonymKey: true,
    publishesEvents: true,
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
    publishesEvents: true,
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
    publishesEvents: true,
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
    publishesEvents: true,
  },
  moderationOutboxRelay: {
    logicalId: 'ModerationOutboxRelayFunction',
    entry: 'functions/moderation-outbox-relay/handler.ts',
    description: 'Scheduled: publishes moderation domain events that their request could not publish',
    memorySize: 256,
    timeoutSeconds: 60,
    tables: { moderation: 'readWrite' },
    usesDataKey: false,
    publishesEvents: true,
  },
  // ---- surveys (satisfaction surveys) ----
  surveys: {
    logicalId: 'SurveysFunction',
    entry: 'functions/surveys/handler.ts',
    description: 'Satisfaction surveys: current survey, responses, definitions and results',
    memorySize: 512,
    timeoutSeconds: 10,
    tables: { surveys: 'readWrite', figures: 'readWrite' },
    usesDataKey: true,
    usesPseudonymKey: true,
  },
  surveyCampaign: {
    logicalId: 'SurveyCampaignFunction',
    entry: 'functions/survey-campaign/handler.ts',
    description: "Scheduled: opens the month's survey campaigns and closes finished ones with their verdict",
    memorySize: 256,
    timeoutSeconds: 60,
    tables: { surveys: 'readWrite', figures: 'read' },
    usesDataKey: false,
  },
  surveyEvents: {
    logicalId: 'SurveyEventsFunction',
    entry: 'functions/survey-events/handler.ts',
    description: 'Consumer of complaint.resolved: invites the owner to the post-resolution survey',
    memorySize: 256,
    timeoutSeconds: 30,
    tables: { surveys: 'readWrite', figures: 'readWrite', complaints: 'read' },
    usesDataKey: false,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof functions;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `{name}` marks a path parameter. */
  path: string;
  function: FunctionName;
  /** `jwt`: the gateway's JWT authorizer must accept the bearer token; `none`: public. */
  auth: 'jwt' | 'none';
  /** Machine-client routes: the token must carry one of these scopes (the gateway checks). */
  scopes?: readonly ScopeName[];
}

/**
 * Machine clients (trusted integrations) authenticate with the OAuth client-credentials grant
 * and carry scopes of this resource server; user tokens carry none of them.
 */
export const resourceServer = {
  logicalId: 'ApiResourceServer',
  identifier: 'user-protection',
  scopes: {
    'complaints.intake.social': 'File complaints received on social media, pass on the replies and add the answers',
    'complaints.intake.email': 'File complaints received by email, pass on the replies and add the answers',
    'complaints.intake.phone': 'File complaints received by phone, pass on the replies and add the answers',
    'content.review': 'Submit content for review before publication and read the decisions',
    'moderation.enforcement': 'Read the measures taken on accounts (with the account), to enforce them',
  },
} as const;
export type ScopeName = keyof typeof resourceServer.scopes;
/** The scope as it appears in an access token: `<resource server>/<scope>`. */
export const fullScope = (scope: ScopeName): string => `${resourceServer.identifier}/${scope}`;

export interface MachineClientDefinition {
  logicalId: string;
  /** The client id the local stack issues tokens for (in AWS, Cognito generates the id). */
  localClientId: string;
  scopes: ScopeName[];
  purpose: string;
}

export const machineClients = {
  social: {
    logicalId: 'SocialIntegrationClient',
    localClientId: 'social-integration',
    scopes: ['complaints.intake.social'],
    purpose: 'the social-media integration: files complaints from posts and direct messages, and carries the conversation',
  },
  email: {
    logicalId: 'EmailIntegrationClient',
    localClientId: 'email-integration',
    scopes: ['complaints.intake.email'],
    purpose: 'the support mailbox: files complaints from emails, and carries the conversation',
  },
  phone: {
    logicalId: 'PhoneIntegrationClient',
    localClientId: 'phone-integration',
    scopes: ['complaints.intake.phone'],
    purpose: 'the contact centre: files complaints taken by phone, and carries the conversation',
  },
  contentPlatform: {
    logicalId: 'ContentPlatformClient',
    localClientId: 'content-platform',
    scopes: ['content.review', 'moderation.enforcement'],
    purpose:
      'the platform services that publish content: submit it for review and read the decision; enforce measures on accounts',
  },
} as const satisfies Record<string, MachineClientDefinition>;

/** Each channel integration holds its own channel's scope; the handler checks it matches the path's channel. */
const channelScopes: readonly ScopeName[] = ['complaints.intake.social', 'complaints.intake.email', 'complaints.intake.phone'];

export const routes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/v1/complaints', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/complaints', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/complaints/{id}', function: 'complaints', auth: 'jwt' },
  { method: 'PATCH', path: '/v1/complaints/{id}', function: 'complaints', auth: 'jwt' },
  { method: 'POST', path: '/v1/complaints/{id}/claim', function: 'complaints', auth: 'jwt' },
  { method: 'PUT', path: '/v1/complaints/{id}/assignee', function: 'complaints', auth: 'jwt' },
  { method: 'POST', path: '/v1/complaints/{id}/status', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/complaints/{id}/messages', function: 'complaints', auth: 'jwt' },
  { method: 'POST', path: '/v1/complaints/{id}/messages', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/complaints/{id}/history', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/work-queue', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/figures/customer-service', function: 'complaints', auth: 'jwt' },
  {
    method: 'POST',
    path: '/v1/channels/{channel}/complaints',
    function: 'complaints',
    auth: 'jwt',
    scopes: channelScopes,
  },
  // The integration follows what it filed: reads the replies to pass them on, adds the person's answers.
  { method: 'GET', path: '/v1/channels/{channel}/complaints/{id}', function: 'complaints', auth: 'jwt', scopes: channelScopes },
  { method: 'GET', path: '/v1/channels/{channel}/complaints/{id}/messages', function: 'complaints', auth: 'jwt', scopes: channelScopes },
  { method: 'POST', path: '/v1/channels/{channel}/complaints/{id}/messages', function: 'complaints', auth: 'jwt', scopes: channelScopes },
  // --- trust and safety (moderation context) ---
  { method: 'POST', path: '/v1/reports', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/reports/anonymous', function: 'moderation', auth: 'none' },
  { method: 'GET', path: '/v1/reports', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/reports/{id}', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/moderation/cases', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/moderation/cases/{id}', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/moderation/cases/{id}/claim', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/moderation/cases/{id}/decision', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/statements/{puid}', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/transparency/statements', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/appeals', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/appeals/{id}', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/moderation/appeals', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/moderation/appeals/{id}/decision', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/rewards/me', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/moderation/blocklists/{kind}', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/moderation/blocklists/{kind}', function: 'moderation', auth: 'jwt' },
  { method: 'DELETE', path: '/v1/moderation/blocklists/{kind}/{entryId}', function: 'moderation', auth: 'jwt' },
  { method: 'GET', path: '/v1/figures/moderation', function: 'moderation', auth: 'jwt' },
  { method: 'POST', path: '/v1/content-reviews', function: 'moderation', auth: 'jwt', scopes: ['content.review'] },
  { method: 'GET', path: '/v1/content-reviews/{id}', function: 'moderation', auth: 'jwt', scopes: ['content.review'] },
  { method: 'GET', path: '/v1/enforcement/statements/{puid}', function: 'moderation', auth: 'jwt', scopes: ['moderation.enforcement'] },
  // people without an account follow their notice and appeal its decision by the receipt's follow-up token (DSA Art. 16, 20)
  { method: 'GET', path: '/v1/reports/anonymous/{id}', function: 'moderation', auth: 'none' },
  { method: 'POST', path: '/v1/appeals/anonymous', function: 'moderation', auth: 'none' },
  // ---- surveys (satisfaction surveys) ----
  { method: 'GET', path: '/v1/surveys/current', function: 'surveys', auth: 'jwt' },
  { method: 'PUT', path: '/v1/surveys/{id}/response', function: 'surveys', auth: 'jwt' },
  { method: 'POST', path: '/v1/survey-definitions', function: 'surveys', auth: 'jwt' },
  { method: 'GET', path: '/v1/survey-definitions/{kind}', function: 'surveys', auth: 'jwt' },
  { method: 'GET', path: '/v1/figures/surveys', function: 'surveys', auth: 'jwt' },
  { method: 'GET', path: '/v1/survey-campaigns/{id}/comments', function: 'surveys', auth: 'jwt' },
  { method: 'GET', path: '/v1/openapi.json', function: 'platform', auth: 'none' },
  { method: 'GET', path: '/health', function: 'platform', auth: 'none' },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

/** Staff and user roles; in AWS each is a Cognito group, carried in the `cognito:groups` claim. */
export const roles = ['user', 'agent', 'moderator', 'security', 'comms', 'admin', 'trusted_flagger'] as const;
export type Role = (typeof roles)[number];

/** Environment variables shared by every function besides their table and queue names. */
export const commonEnv = {
  stage: 'STAGE',
  dataKeyArn: 'DATA_KEY_ARN',
  localKeyFile: 'LOCAL_DATA_KEY_FILE',
  pseudonymKeyArn: 'PSEUDONYM_KEY_ARN',
  localPseudonymKeyFile: 'LOCAL_PSEUDONYM_KEY_FILE',
  eventBusName: 'EVENT_BUS_NAME',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

/** The CloudWatch namespace of every function's metrics, in AWS and locally alike. */
export const metricsNamespace = 'UserProtection';

/** The bus on which every context publishes its domain events (never with personal data). */
export const eventBus = {
  logicalId: 'DomainEventBus',
  localName: 'user-protection-events',
  /** The `source` of every event this system publishes. */
  source: 'user-protection',
} as const;

export interface JobDefinition {
  /** The function the schedule invokes with a scheduled event; its `time` is the job's "now". */
  function: FunctionName;
  /** An EventBridge Scheduler expression; the local scheduler understands `rate(...)`. */
  schedule: `rate(${number} ${'minute' | 'minutes' | 'hour' | 'hours' | 'day' | 'days'})`;
  description: string;
}

/** Scheduled jobs: EventBridge Scheduler in AWS, the local scheduler in `npm start`, `npm run job` on demand. */
export const jobs = {
  'sla-sweep': {
    function: 'slaSweep',
    schedule: 'rate(1 minute)',
    description: 'Marks SLA warnings and breaches, escalates, and closes resolved complaints after the reopen window',
  },
  'rewards-settlement': {
    function: 'rewardsSettlement',
    schedule: 'rate(1 hour)',
    description: 'Credits reporters whose actioned report has passed the appeal window (or whose decision an appeal upheld)',
  },
  'moderation-outbox-relay': {
    function: 'moderationOutboxRelay',
    schedule: 'rate(1 minute)',
    description: 'Publishes moderation domain events left in the outbox for over a minute (a failed publish), then deletes them',
  },
  // ---- surveys: hourly, so a month's campaign opens within an hour of the month's start ----
  'survey-campaign': {
    function: 'surveyCampaign',
    schedule: 'rate(1 hour)',
    description: "Opens the month's survey campaigns on the first run of a month; closes finished ones with their verdict",
  },
} as const satisfies Record<string, JobDefinition>;
export type JobName = keyof typeof jobs;

/**
 * Subscriptions to domain events: in AWS an EventBridge rule on the bus invokes the function with
 * the event (retried, then parked in the rule's dead-letter queue); locally the local EventBridge
 * hands matching events to the same handler. Consumers are idempotent: a redelivery changes nothing.
 */
export interface EventRuleDefinition {
  logicalId: string;
  function: FunctionName;
  /** Exact `source` values matched (`<system>.<context>`). */
  sources: readonly string[];
  /** Exact `detail-type` values matched. */
  detailTypes: readonly string[];
  description: string;
  /** Deliveries EventBridge retries before the event goes to the rule's dead-letter queue. */
  retryAttempts: number;
  maxEventAgeHours: number;
}

export const eventRules = {
  // ---- surveys (satisfaction surveys) ----
  complaintResolvedSurvey: {
    logicalId: 'ComplaintResolvedSurveyRule',
    function: 'surveyEvents',
    sources: ['user-protection.customer-service'],
    detailTypes: ['complaint.resolved'],
    description: 'Every resolved complaint invites its owner to the post-resolution survey',
    retryAttempts: 8,
    maxEventAgeHours: 24,
  },
} as const satisfies Record<string, EventRuleDefinition>;
export type EventRuleName = keyof typeof eventRules;

export const stages = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof stages)[number];
