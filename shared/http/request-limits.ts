import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '#shared/auth/caller.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { ConditionFailedError, createTable } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { problemOf, type ProblemError } from '#shared/http/problem.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import type { RouteLimit } from '#shared/manifest/types.ts';

const windowMs: Record<RouteLimit['per'], number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** One use of a limited route: by whom (see `limitedCaller`) and what the route allows. */
export interface LimitedUse {
  routeKey: string;
  caller: string;
  limit: RouteLimit;
}

/** Counts a use of a limited route; throws the 429 problem once the caller's window is full. */
export interface RequestLimiter {
  take(use: LimitedUse): Promise<void>;
}

/** The 429 answer: problem+json with Retry-After, the seconds until the caller's window ends. */
export const tooManyRequests = (retryAfterSeconds: number): ProblemError =>
  problemOf(429, 'too-many-requests', 'Too many requests', `This route allows a limited number of requests per caller; try again in ${retryAfterSeconds} seconds.`, {
    'retry-after': String(retryAfterSeconds),
  });

/**
 * Whom a limit counts: the person, the integration client (it files for many people, so its
 * routes declare a higher limit), or, on a public route, the viewer's address.
 */
export const limitedCaller = (caller: Caller | undefined, viewerAddress: string): string =>
  caller ? `${caller.kind}:${caller.sub}` : `address:${viewerAddress}`;

/**
 * Fixed windows counted in the request-limits table with one conditional UpdateItem per request.
 * The item's id is a hash of the route, the caller and the window, so the table holds no address
 * or account id in the clear, and each item expires by TTL an hour after its window ends.
 */
export const createRequestLimiter = (db: DynamoDBDocumentClient, tableName: string, clock: Clock = systemClock): RequestLimiter => {
  const table = createTable(db, tableName);
  return {
    async take({ routeKey, caller, limit }) {
      const now = clock.now();
      const length = windowMs[limit.per];
      const window = Math.floor(now.getTime() / length);
      const endsAt = (window + 1) * length;
      const id = createHash('sha256').update(`${routeKey}\n${caller}\n${limit.per}\n${window}`).digest('base64url');
      try {
        await table.update({
          Key: { id },
          UpdateExpression: 'SET expiration = :expiration ADD uses :one',
          ConditionExpression: 'attribute_not_exists(uses) OR uses < :limit',
          ExpressionAttributeValues: { ':expiration': Math.ceil(endsAt / 1000) + 3600, ':one': 1, ':limit': limit.perCaller },
        });
      } catch (error) {
        if (error instanceof ConditionFailedError) throw tooManyRequests(Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
        throw error;
      }
    },
  };
};

/** The limiter of a function that serves limited routes, on the request-limits table of its environment. */
export const requestLimiterFromEnvironment = (env: NodeJS.ProcessEnv = process.env): RequestLimiter =>
  createRequestLimiter(createDynamoClients().document, readTableName(platformTables.requestLimits, env));
