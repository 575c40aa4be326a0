import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '#shared/auth/caller.ts';
import { originCheckFromEnvironment, type OriginCheck } from '#shared/http/origin-verification.ts';
import { limitedCaller, requestLimiterFromEnvironment, type RequestLimiter } from '#shared/http/request-limits.ts';
import { routeKey, type RouteDefinition } from '#shared/manifest/types.ts';

/** What tests inject instead of the environment's: the origin check and the limiter. */
export interface RequestGuardOptions {
  originCheck?: OriginCheck;
  limiter?: RequestLimiter;
}

/**
 * The checks the API handler makes around the caller's admission: first of all that the request
 * came through CloudFront (not on the local stage), then, for a route with a `limit`, that the
 * caller has not used it too often (429 with Retry-After). Built from the function's environment
 * unless given; the limiter only for functions that serve a limited route.
 */
export const createRequestGuards = (routes: readonly RouteDefinition[], options: RequestGuardOptions, env: NodeJS.ProcessEnv = process.env) => {
  const originCheck = options.originCheck ?? originCheckFromEnvironment(env);
  const limiter = routes.some((route) => route.limit) ? (options.limiter ?? requestLimiterFromEnvironment(env)) : undefined;
  return {
    verifyOrigin: async (event: APIGatewayProxyEventV2): Promise<void> => originCheck?.verify(event),
    takeLimit: async (route: RouteDefinition, caller: Caller | undefined, event: APIGatewayProxyEventV2): Promise<void> => {
      if (!route.limit || !limiter) return;
      await limiter.take({ routeKey: routeKey(route), caller: limitedCaller(caller, event.requestContext.http.sourceIp), limit: route.limit });
    },
  };
};
