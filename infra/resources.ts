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
    ],
    accessPatterns: [
      'complaint by id: GetItem pk=COMPLAINT#<id>, sk=COMPLAINT',
      'staff reads of a complaint: Query pk=COMPLAINT#<id>, sk begins_with ACCESS#',
      "a user's complaints, newest first: Query byOwner gsi1pk=OWNER#<sub>, descending gsi1sk=<createdAt>#<id>",
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
}

export const functions = {
  complaints: {
    logicalId: 'ComplaintsFunction',
    entry: 'functions/complaints/handler.ts',
    description: 'Complaint intake: file, read and list complaints',
    memorySize: 512,
    timeoutSeconds: 10,
    tables: { complaints: 'readWrite', idempotency: 'readWrite' },
    usesDataKey: true,
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
}

export const routes: readonly RouteDefinition[] = [
  { method: 'POST', path: '/v1/complaints', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/complaints', function: 'complaints', auth: 'jwt' },
  { method: 'GET', path: '/v1/complaints/{id}', function: 'complaints', auth: 'jwt' },
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
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

export const stages = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof stages)[number];
