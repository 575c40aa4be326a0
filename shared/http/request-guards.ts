import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '#shared/auth/caller.ts';
import { originCheckFromEnvironment, type OriginCheck } from '#shared/http/origin-verification.ts';
import { limitedCaller, requestLimiterFromEnvironment, type RequestLimiter, type StagedLimitUse } from '#shared/http/request-limits.ts';
import { routeKey, type RouteDefinition } from '#shared/manifest/types.ts';

/** A use staged for the route's transaction; `settle` counts it on its own if the route settled none. */
export interface LimitTaking {
  staged: StagedLimitUse;
  settle: () => Promise<void>;
}

/** What tests inject instead of the environment's: the origin check and the limiter. */
export interface RequestGuardOptions {
  originCheck?: OriginCheck;
  limiter?: RequestLimiter;
}

/**
 * The checks the API handler makes around the caller's admission: first of all that the request
 * came through CloudFront (not on the local stage), then, for a route with a `limit`, that the
 * caller has not used it too often (429 with Retry-After); a limit written with the change is
 * staged for the route's transaction instead, and counted on its own after the route if that
 * wrote none. Built from the function's environment unless given; the limiter only for functions
 * that serve a limited route.
 */
export const createRequestGuards = (routes: readonly RouteDefinition[], options: RequestGuardOptions, env: NodeJS.ProcessEnv = process.env) => {
  const originCheck = options.originCheck ?? originCheckFromEnvironment(env);
  const limiter = routes.some((route) => route.limit) ? (options.limiter ?? requestLimiterFromEnvironment(env)) : undefined;
  return {
    verifyOrigin: async (event: APIGatewayProxyEventV2): Promise<void> => originCheck?.verify(event),
    /** Counts the use now, or stages it for the route's transaction when its limit is written with the change. */
    takeLimit: async (route: RouteDefinition, caller: Caller | undefined, event: APIGatewayProxyEventV2): Promise<LimitTaking | undefined> => {
      if (!route.limit || !limiter) return undefined;
      const use = { routeKey: routeKey(route), caller: limitedCaller(caller, event.requestContext.http.sourceIp), limit: route.limit };
      if (route.limit.written !== 'with-the-change') {
        await limiter.take(use);
        return undefined;
      }
      const staged = limiter.stage(use);
      return { staged, settle: async () => (staged.settled ? undefined : limiter.take(use)) };
    },
  };
};
