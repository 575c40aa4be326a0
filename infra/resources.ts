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
      'a channel message already filed: GetItem pk=CHANNEL#<channel>#<message id>, sk=CHANNEL-MESSAGE',
      'staff work queue, soonest due first: Query byQueue queuePk=QUEUE#<status>, queueSk=<due>#<id>',
      'SLA checkpoints due by now (sparse, sharded): Query byDueCheck duePk=DUE#<shard>, dueSk <= <now>',
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
    'complaints.intake.social': 'File complaints received on social media',
    'complaints.intake.email': 'File complaints received by email',
    'complaints.intake.phone': 'File complaints received by phone',
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
    purpose: 'the social-media integration: files complaints from posts and direct messages',
  },
  email: {
    logicalId: 'EmailIntegrationClient',
    localClientId: 'email-integration',
    scopes: ['complaints.intake.email'],
    purpose: 'the support mailbox: files complaints from emails',
  },
  phone: {
    logicalId: 'PhoneIntegrationClient',
    localClientId: 'phone-integration',
    scopes: ['complaints.intake.phone'],
    purpose: 'the contact centre: files complaints taken by phone',
  },
} as const satisfies Record<string, MachineClientDefinition>;

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
    scopes: ['complaints.intake.social', 'complaints.intake.email', 'complaints.intake.phone'],
  },
  { method: 'GET', path: '/v1/openapi.json', function: 'platform', auth: 'none' },
  { method: 'GET', path: '/health', function: 'platform', auth: 'none' },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

/** Staff and user roles; in AWS each is a Cognito group, carried in the `cognito:groups` claim. */
export const roles = ['user', 'agent', 'moderator', 'security', 'comms', 'admin'] as const;
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
} as const;

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
} as const satisfies Record<string, JobDefinition>;
export type JobName = keyof typeof jobs;

export const stages = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof stages)[number];
