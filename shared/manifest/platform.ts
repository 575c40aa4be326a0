import { pkSkKey } from '#shared/manifest/keys.ts';
/**
 * What every context shares: the roles and scopes callers carry, the environment names every
 * function reads, the event bus, the stages, and the tables of the platform (figures, idempotency).
 * Plain data with no CDK import; no context is imported here.
 */

/** Staff and user roles; in AWS each is a Cognito group, carried in the `cognito:groups` claim. */
export const roles = ['user', 'agent', 'moderator', 'security', 'comms', 'privacy', 'admin', 'trusted_flagger'] as const;
export type Role = (typeof roles)[number];

/**
 * The two Cognito user pools the API trusts. People sign themselves up; trusted flaggers are
 * outside organisations (DSA Art. 22) that an admin marks in the people's pool. Staff accounts
 * live in their own pool, created by an admin only and with MFA required: a staff role is
 * honoured only from a staff-pool token, a people's role only from a people's-pool token.
 * Machine clients (client credentials) are clients of the people's pool.
 */
export const userPools = {
  people: {
    logicalId: 'UserPool',
    roles: ['user', 'trusted_flagger'],
    /** What the local identity provider issues as (a Cognito-shaped pool id, never fetched). */
    localPoolId: 'xx-local-1_people',
    localClientId: 'local-platform-client',
  },
  staff: {
    logicalId: 'StaffUserPool',
    roles: ['agent', 'moderator', 'security', 'comms', 'privacy', 'admin'],
    localPoolId: 'xx-local-1_staff',
    localClientId: 'local-staff-console',
  },
} as const satisfies Record<string, { logicalId: string; roles: readonly Role[]; localPoolId: string; localClientId: string }>;
export type UserPoolName = keyof typeof userPools;
/** The pool whose tokens may carry a role. */
export const poolOfRole = (role: Role): UserPoolName =>
  (userPools.staff.roles as readonly Role[]).includes(role) ? 'staff' : 'people';

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
    'platform.probe': 'Call the synthetic probe (an authenticated read of no data), as the synthetic check does',
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
  syntheticMonitor: {
    logicalId: 'SyntheticMonitorClient',
    localClientId: 'synthetic-monitor',
    scopes: ['platform.probe'],
    purpose: 'the synthetic check of the platform itself: every five minutes, one authenticated read of no data',
  },
} as const satisfies Record<string, MachineClientDefinition>;

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
  /** The system part of every event's `source`, which is `<system>.<context>`. */
  source: 'user-protection',
} as const;

export const stages = ['local', 'dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

/** The tables every context writes to: counters kept as events happen, and idempotency records. */
export const platformTables = {
  figures: {
    logicalId: 'FiguresTable',
    localName: 'figures',
    envVar: 'FIGURES_TABLE_NAME',
    ...pkSkKey,
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
  requestLimits: {
    logicalId: 'RequestLimitsTable',
    localName: 'request-limits',
    envVar: 'REQUEST_LIMITS_TABLE_NAME',
    partitionKey: { name: 'id', type: 'S' },
    globalIndexes: [],
    timeToLiveAttribute: 'expiration',
    accessPatterns: [
      "one caller's uses of a route in a window: conditional UpdateItem ADD id=<hash of route, caller, window> (expires after the window), or the same Update inside the route's own TransactWriteItems (filings)",
    ],
  },
} as const;

/**
 * In AWS the API is reached through CloudFront (with its WAF): CloudFront adds this header with a
 * secret from Secrets Manager, and the API refuses requests without it, so the API's own endpoint
 * is no way around the WAF. The API accepts the secret's current and previous values, so that a
 * rotation does not refuse requests while CloudFront picks up the new one. Off on the local stage.
 */
export const originVerification = {
  header: 'x-origin-verify',
  /** The secret's ARN, in the environment of the functions that serve routes. */
  secretArnEnv: 'ORIGIN_SECRET_ARN',
} as const;
