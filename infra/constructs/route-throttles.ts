import type { CfnStage, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IConstruct } from 'constructs';
import { routeKey, type RouteDefinition } from '#infra/manifest.ts';

/**
 * API Gateway's throttle per route (the stage's `RouteSettings`), for the routes whose manifest
 * entry declares a `throttle`; the others keep the stage's default. A route never gets more than
 * the stage's default, so a stage with a lower default (dev) stays below it everywhere. The stage
 * waits for the routes: API Gateway refuses settings for a route it does not know yet.
 */
export function applyRouteThrottles(
  stage: HttpStage,
  routes: readonly RouteDefinition[],
  stageDefault: { rateLimit: number; burstLimit: number },
  routeConstructs: readonly IConstruct[],
): void {
  const settings = Object.fromEntries(
    routes.flatMap((route) =>
      route.throttle
        ? [
            [
              routeKey(route),
              {
                ThrottlingRateLimit: Math.min(route.throttle.rateLimit, stageDefault.rateLimit),
                ThrottlingBurstLimit: Math.min(route.throttle.burstLimit, stageDefault.burstLimit),
              },
            ],
          ]
        : [],
    ),
  );
  const cfnStage = stage.node.defaultChild as CfnStage;
  cfnStage.routeSettings = settings;
  for (const route of routeConstructs) cfnStage.node.addDependency(route);
}
