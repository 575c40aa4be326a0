import type { Role, ScopeName } from '#shared/manifest/platform.ts';

/**
 * The shapes of a context's manifest: its tables, queues, functions, routes, jobs and event rules,
 * as plain data with no CDK import. Each context declares its own (`shared/<context>/manifest.ts`);
 * infra/manifest.ts composes them, and both the CDK stacks and the local stack read the composition,
 * so what runs on a laptop and what `cdk deploy` ships cannot drift apart.
 */

export type KeyType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  name: string;
  type: KeyType;
}

interface GlobalIndexDefinition {
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
  globalIndexes: readonly GlobalIndexDefinition[];
  timeToLiveAttribute?: string;
  /**
   * The table holds a transactional outbox (shared/events/outbox.ts): it has a stream of new
   * images, from which the function that `relaysOutbox` of it publishes the changes' events.
   */
  outbox?: true;
  /** Every way the code reads the table; there is no Scan on a request path. */
  accessPatterns: readonly string[];
}

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

export type TableAccess = 'read' | 'readWrite' | 'append';

export interface FunctionDefinition {
  logicalId: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  /**
   * Least privilege: the tables (by manifest name) this function may touch, and how. `append`:
   * PutItem of new items only (no read, update or delete), for append-only records.
   */
  tables: Readonly<Record<string, TableAccess>>;
  /** Whether the function encrypts or decrypts personal data with the data key. */
  usesDataKey: boolean;
  /** Whether the function derives pseudonyms (keyed hashes of external references) with the MAC key. */
  usesPseudonymKey?: boolean;
  /** Whether the function publishes domain events on the event bus. */
  publishesEvents?: boolean;
  /** Queues (by manifest name) the function sends messages to (it receives their URLs in its environment). */
  sendsTo?: readonly string[];
  /**
   * The queue this function consumes, as Lambda's event source mapping does in AWS and the local
   * poller does in `npm start`: batches, partial batch responses (reportBatchItemFailures).
   */
  consumes?: { queue: string; batchSize: number; maxBatchingWindowSeconds: number };
  /**
   * The outbox table (by manifest name) whose stream this function reads, as Lambda's event source
   * mapping does in AWS and the local stream poller does in `npm start`: inserted outbox items only,
   * in batches, partial batch responses. It publishes their events (shared/events/outbox-stream.ts).
   */
  relaysOutbox?: { table: string; batchSize: number; maxBatchingWindowSeconds: number };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `public`: anyone, no token. `person`: a person's token (user or staff); a
 * machine client's token is refused with 403 by the API handler, once. `machine`: a machine
 * client's token carrying one of `scopes` (the gateway checks the scopes, the API handler again).
 */
export type CallerKind = 'public' | 'person' | 'machine';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `{name}` marks a path parameter. */
  path: string;
  /** The function (by manifest name) that serves the route. */
  function: string;
  caller: CallerKind;
  /**
   * Person routes: the roles the route is meant for. The use case checks them (with object-level
   * authorisation, which may answer 404 rather than 403); this list documents them and the
   * authorisation tests hold the use cases to it.
   */
  roles?: readonly Role[];
  /** Machine routes: the token must carry one of these scopes. */
  scopes?: readonly ScopeName[];
  /** How often one caller may use the route (the API handler answers 429 beyond it). */
  limit?: RouteLimit;
  /** API Gateway's throttle of the route, for all callers together (the stage's default otherwise). */
  throttle?: RouteThrottle;
}

/**
 * At most `perCaller` requests in each fixed window of `per`, counted per caller: the person
 * (person routes), the integration client (machine routes: one client files for many people, so
 * its limit is higher), or the viewer's address (public routes).
 */
export interface RouteLimit {
  perCaller: number;
  per: 'minute' | 'hour' | 'day';
  /**
   * `with-the-change`: the use is counted in the transaction of the change the route makes
   * (shared/http/request-limits.ts, StagedLimitUse), one database request less per call; the
   * route's handler hands `limitUse` to its store. Otherwise it is counted before the route runs.
   */
  written?: 'with-the-change';
}

/**
 * A number an operator may set per stage: `cdk deploy -c <context>=<n>` puts it in the
 * environment of the functions that read it as `env`; they use `fallback` when it is absent. The
 * synth (infra/constructs/deploy-settings.ts) and the function (shared/config.ts) check it with
 * this one rule, so a bad value fails the deploy rather than the function.
 */
export interface NumberSetting {
  env: string;
  /** The deploy's context key; absent for a setting only the environment sets. */
  context?: string;
  fallback: number;
  min: number;
  max: number;
  whole?: boolean;
  /** What it counts, for the messages: days, hours. */
  unit?: string;
}

/** Steady requests per second and the burst API Gateway admits on one route. */
export interface RouteThrottle {
  rateLimit: number;
  burstLimit: number;
}

export interface JobDefinition {
  /** The function (by manifest name) the schedule invokes with a scheduled event; its `time` is the job's "now". */
  function: string;
  /** An EventBridge Scheduler expression: `rate(...)` or `cron(...)` (six fields, UTC). */
  schedule: `rate(${number} ${'minute' | 'minutes' | 'hour' | 'hours' | 'day' | 'days'})` | `cron(${string})`;
  description: string;
}

/**
 * Subscriptions to domain events. With a `function` target an EventBridge rule on the bus invokes
 * the function with the event (retried, then parked in the rule's dead-letter queue); with a `queue`
 * target the rule sends the event, as the message body, to the queue, whose consumer takes it in
 * batches (partial batch failures, the queue's dead-letter queue). Locally the local EventBridge
 * does the same. Consumers are idempotent: a redelivery changes nothing.
 */
interface EventRuleBase {
  logicalId: string;
  /** Exact `source` values matched (`<system>.<context>`). */
  sources: readonly string[];
  /** Exact `detail-type` values matched. */
  detailTypes: readonly string[];
  description: string;
  /** Deliveries EventBridge retries before the event goes to the rule's dead-letter queue. */
  retryAttempts: number;
  maxEventAgeHours: number;
}
export type EventRuleDefinition = EventRuleBase & ({ function: string; queue?: never } | { queue: string; function?: never });

/** What one bounded context declares. */
export interface ContextManifest {
  /** The context's name: the `<context>` of its events' source and the partition of its figures. */
  name: string;
  tables: Readonly<Record<string, TableDefinition>>;
  queues: Readonly<Record<string, QueueDefinition>>;
  functions: Readonly<Record<string, FunctionDefinition>>;
  routes: readonly RouteDefinition[];
  jobs: Readonly<Record<string, JobDefinition>>;
  eventRules: Readonly<Record<string, EventRuleDefinition>>;
}

/** `METHOD /path`, as API Gateway names a route (and hands it to the function as `routeKey`). */
export type RouteKeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;

export const routeKey = <R extends Pick<RouteDefinition, 'method' | 'path'>>(route: R): RouteKeyOf<R> =>
  `${route.method} ${route.path}` as RouteKeyOf<R>;

/** The routes of a context that one of its functions serves (each function's API handler takes its own). */
export const routesServedBy = <R extends RouteDefinition, F extends R['function']>(routes: readonly R[], fn: F) =>
  routes.filter((route): route is Extract<R, { function: F }> => route.function === fn);
