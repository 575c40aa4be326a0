import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { ConfigError, readVar, readJsonVar } from '#shared/config.ts';
import type { CallerKind, EventRuleDefinition, JobDefinition, RouteDefinition } from '#shared/manifest/types.ts';

/**
 * What the manifests say should be deployed beyond tables and queues, for the checks of functions,
 * the HTTP API, roles, schedules and event rules: every function by manifest name (and which of
 * them are invoked asynchronously), every route with its caller kind and whether it is throttled,
 * every job and the function it runs, every event rule and what it matches.
 *
 * The composed manifest hands it to the audit in a file: Lambda allows 4 KB for a function's whole
 * environment, which the audit's table names, targets and expectations nearly fill, and the route
 * table alone is over 2 KB. The stack ships the file in a layer of the audit function and names
 * its path in AUDIT_INVENTORY: plain manifest data, no deploy-time value. The deployed resources
 * themselves are discovered (function-checks.ts); the stack only names what cannot be found
 * otherwise (AUDIT_DEPLOYMENT below).
 */

const AuditInventorySchema = z.object({
  /** Manifest name → whether something invokes the function asynchronously (a schedule, an event rule, SNS). */
  functions: z.record(z.string(), z.boolean()),
  /** Route key (`GET /v1/x`) → who may call it. */
  routes: z.record(z.string(), z.enum(['public', 'person', 'machine'])),
  /** Route keys the manifests give a throttle of their own. */
  throttledRoutes: z.array(z.string()),
  /** Job name → the function its schedule invokes. */
  jobs: z.record(z.string(), z.string()),
  /** Rule name → the sources and detail types it matches (how a deployed rule is recognised). */
  eventRules: z.record(z.string(), z.object({ sources: z.array(z.string()), detailTypes: z.array(z.string()) })),
});
export type AuditInventory = z.infer<typeof AuditInventorySchema>;

/** The environment variable that holds the path of the inventory file (see above). */
export const AUDIT_INVENTORY_ENV = 'AUDIT_INVENTORY';

/** Where the audit function finds the inventory: its layer's content is under /opt. */
export const AUDIT_INVENTORY_FILE = { directory: 'security-audit', name: 'inventory.json', inFunction: '/opt/security-audit/inventory.json' } as const;

/** The inventory of a composed manifest; `asynchronous` names the functions something invokes asynchronously. */
export const auditInventoryOf = (
  manifest: {
    functions: Readonly<Record<string, unknown>>;
    routes: readonly RouteDefinition[];
    jobs: Readonly<Record<string, JobDefinition>>;
    eventRules: Readonly<Record<string, EventRuleDefinition>>;
  },
  asynchronous: readonly string[],
): AuditInventory => ({
  functions: Object.fromEntries(Object.keys(manifest.functions).map((name) => [name, asynchronous.includes(name)])),
  routes: Object.fromEntries(manifest.routes.map((route): [string, CallerKind] => [`${route.method} ${route.path}`, route.caller])),
  throttledRoutes: manifest.routes.filter((route) => route.throttle !== undefined).map((route) => `${route.method} ${route.path}`),
  jobs: Object.fromEntries(Object.entries(manifest.jobs).map(([name, job]) => [name, job.function])),
  eventRules: Object.fromEntries(
    Object.entries(manifest.eventRules).map(([name, rule]) => [name, { sources: [...rule.sources], detailTypes: [...rule.detailTypes] }]),
  ),
});

/** Reads the inventory file the environment names: an audit without it fails rather than checking nothing. */
export const readAuditInventory = (env: NodeJS.ProcessEnv = process.env): AuditInventory => {
  const path = readVar(env, AUDIT_INVENTORY_ENV);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    json = undefined;
  }
  const parsed = AuditInventorySchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${AUDIT_INVENTORY_ENV} is not a valid inventory`);
  return parsed.data;
};

/**
 * What the stack names because the audit cannot find it by itself: the HTTP API's id and the
 * domain event bus (whose rules are listed). Everything else is discovered: functions by the
 * `STAGE` and `POWERTOOLS_SERVICE_NAME` the stack sets on each, schedules by the function they invoke.
 */
const AuditDeploymentSchema = z.object({ httpApiId: z.string(), eventBusName: z.string() });
export type AuditDeployment = z.infer<typeof AuditDeploymentSchema>;

export const AUDIT_DEPLOYMENT_ENV = 'AUDIT_DEPLOYMENT';

export const readAuditDeployment = (env: NodeJS.ProcessEnv = process.env): AuditDeployment =>
  readJsonVar(env, AUDIT_DEPLOYMENT_ENV, AuditDeploymentSchema, 'a valid deployment');
