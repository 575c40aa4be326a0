import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '#shared/auth/caller.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { ConditionFailedError, createTable, type TransactItem } from '#shared/aws/table.ts';
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
  /** The same use as an item of the route's own transaction, for a route whose limit is `written: 'with-the-change'`. */
  stage(use: LimitedUse): StagedLimitUse;
}

/**
 * A use of a limited route to be written in the transaction of the change the route makes (one
 * request to the database less per call): the store adds `item` to its transaction, answers
 * `refusal` when the item's condition is what failed, and sets `settled` once the transaction
 * committed. The API handler takes the use on its own after a request that settled none (a
 * refused body, a repeated idempotency key), so every request still counts.
 */
export interface StagedLimitUse {
  item: TransactItem;
  /** The 429 for a transaction that found the window full; the use is settled by it (nothing to count again). */
  refusal: () => ProblemError;
  /** Counted by the route's transaction, or refused by it. */
  settled: boolean;
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
 * Fixed windows counted in the request-limits table with one conditional update per request, on
 * its own or in the transaction of the route's change.
 * The item's id is a hash of the route, the caller and the window, so the table holds no address
 * or account id in the clear, and each item expires by TTL an hour after its window ends.
 */
export const createRequestLimiter = (db: DynamoDBDocumentClient, tableName: string, clock: Clock = systemClock): RequestLimiter => {
  const table = createTable(db, tableName);
  /** The use's counter update, conditional on the window not being full, and the 429 for when it is. */
  const windowUse = ({ routeKey, caller, limit }: LimitedUse) => {
    const now = clock.now();
    const length = windowMs[limit.per];
    const window = Math.floor(now.getTime() / length);
    const endsAt = (window + 1) * length;
    const id = createHash('sha256').update(`${routeKey}\n${caller}\n${limit.per}\n${window}`).digest('base64url');
    return {
      update: {
        Key: { id },
        UpdateExpression: 'SET expiration = :expiration ADD uses :one',
        ConditionExpression: 'attribute_not_exists(uses) OR uses < :limit',
        ExpressionAttributeValues: { ':expiration': Math.ceil(endsAt / 1000) + 3600, ':one': 1, ':limit': limit.perCaller },
      },
      refusal: () => tooManyRequests(Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000))),
    };
  };
  return {
    async take(use) {
      const { update, refusal } = windowUse(use);
      try {
        await table.update(update);
      } catch (error) {
        if (error instanceof ConditionFailedError) throw refusal();
        throw error;
      }
    },
    stage(use) {
      const { update, refusal } = windowUse(use);
      const staged: StagedLimitUse = {
        item: { Update: { ...update, TableName: tableName } },
        refusal: () => {
          staged.settled = true;
          return refusal();
        },
        settled: false,
      };
      return staged;
    },
  };
};

/** The limiter of a function that serves limited routes, on the request-limits table of its environment. */
export const requestLimiterFromEnvironment = (env: NodeJS.ProcessEnv = process.env): RequestLimiter =>
  createRequestLimiter(createDynamoClients().document, readTableName(platformTables.requestLimits, env));
