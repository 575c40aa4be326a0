import { GetRoutesCommand, GetStagesCommand, type Route, type Stage } from '@aws-sdk/client-apigatewayv2';
import type { DeploymentClients } from '#shared/security/audit/deployment-clients.ts';
import { auditChecks, resultOf, unreadable } from '#shared/security/audit/checks.ts';
import type { AuditInventory } from '#shared/security/audit/inventory.ts';
import { allPages } from '#shared/security/audit/pages.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';

/**
 * The HTTP API's checks: every route the manifests do not make public has an authorizer (one
 * result per route, `route:<METHOD /path>`, a manifest route that is not deployed failing), and
 * every stage (`api-stage:<name>`) writes access logs and is throttled, with the throttle of its own
 * on each route the manifests throttle.
 */

const { apiAuthorizer, apiAccessLogging, apiThrottling } = auditChecks;

/** The resource of the API as a whole, when it has no stage or cannot be read. */
const API_RESOURCE = 'api:http-api';

const routeResult = (key: string, caller: string | undefined, deployed: Route | undefined): CheckResult => {
  const resource = `route:${key}`;
  if (caller === 'public') {
    return resultOf(apiAuthorizer, resource, 'not-applicable', 'public by its manifest (caller: public): no authorizer needed');
  }
  if (!deployed) return resultOf(apiAuthorizer, resource, 'failed', 'the route is in the manifest but not deployed');
  const type = deployed.AuthorizationType ?? 'NONE';
  const unnamed = caller === undefined ? 'no manifest names this route; ' : '';
  return type === 'NONE'
    ? resultOf(apiAuthorizer, resource, 'failed', `${unnamed}anyone can call it: no authorizer`)
    : resultOf(apiAuthorizer, resource, 'passed', `${unnamed}authorizer of type ${type}`);
};

const accessLogging = (resource: string, stage: Stage): CheckResult =>
  stage.AccessLogSettings?.DestinationArn && stage.AccessLogSettings.Format
    ? resultOf(apiAccessLogging, resource, 'passed', 'access logs go to a log group, in a set format')
    : resultOf(apiAccessLogging, resource, 'failed', 'the stage writes no access logs');

const isThrottled = (settings: { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number } | undefined): boolean =>
  (settings?.ThrottlingRateLimit ?? 0) > 0 && (settings?.ThrottlingBurstLimit ?? 0) > 0;

const throttling = (resource: string, stage: Stage, throttledRoutes: readonly string[]): CheckResult => {
  const defaults = stage.DefaultRouteSettings;
  if (!isThrottled(defaults)) return resultOf(apiThrottling, resource, 'failed', 'the stage has no default throttle (rate and burst)');
  const missing = throttledRoutes.filter((key) => !isThrottled(stage.RouteSettings?.[key]));
  const stageThrottle = `the stage is throttled at ${defaults?.ThrottlingRateLimit} requests per second, burst ${defaults?.ThrottlingBurstLimit}`;
  return missing.length === 0
    ? resultOf(apiThrottling, resource, 'passed', `${stageThrottle}; ${throttledRoutes.length} routes have their own throttle`)
    : resultOf(apiThrottling, resource, 'failed', `${stageThrottle}, but these routes lack the throttle their manifest sets: ${missing.join(', ')}`);
};

const routeResults = async (apiId: string, inventory: AuditInventory, apigateway: DeploymentClients['apigateway']): Promise<CheckResult[]> => {
  let deployed: Route[];
  try {
    deployed = await allPages(async (token) => {
      const page = await apigateway.send(new GetRoutesCommand({ ApiId: apiId, NextToken: token }));
      return { items: page.Items, next: page.NextToken };
    });
  } catch (error) {
    return Object.keys(inventory.routes).map((key) => unreadable(apiAuthorizer, `route:${key}`, "the API's routes", error));
  }
  const byKey = new Map(deployed.flatMap((route) => (route.RouteKey ? [[route.RouteKey, route] as const] : [])));
  const keys = [...new Set([...Object.keys(inventory.routes), ...byKey.keys()])].sort();
  return keys.map((key) => routeResult(key, inventory.routes[key], byKey.get(key)));
};

const stageResults = async (apiId: string, inventory: AuditInventory, apigateway: DeploymentClients['apigateway']): Promise<CheckResult[]> => {
  let stages: Stage[];
  try {
    stages = await allPages(async (token) => {
      const page = await apigateway.send(new GetStagesCommand({ ApiId: apiId, NextToken: token }));
      return { items: page.Items, next: page.NextToken };
    });
  } catch (error) {
    return [unreadable(apiAccessLogging, API_RESOURCE, "the API's stages", error), unreadable(apiThrottling, API_RESOURCE, "the API's stages", error)];
  }
  if (stages.length === 0) {
    return [apiAccessLogging, apiThrottling].map((check) => resultOf(check, API_RESOURCE, 'failed', 'the API has no stage'));
  }
  return stages.flatMap((stage) => {
    const resource = `api-stage:${stage.StageName}`;
    return [accessLogging(resource, stage), throttling(resource, stage, inventory.throttledRoutes)];
  });
};

/** Every API check: one authorizer result per route (the manifests' and any other deployed), logging and throttling per stage. */
export const checkApi = async (apiId: string, inventory: AuditInventory, apigateway: DeploymentClients['apigateway']): Promise<CheckResult[]> => {
  const [routes, stages] = await Promise.all([routeResults(apiId, inventory, apigateway), stageResults(apiId, inventory, apigateway)]);
  return [...routes, ...stages];
};
