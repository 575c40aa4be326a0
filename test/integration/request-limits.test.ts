import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { ProblemError } from '#shared/http/problem.ts';
import { createRequestLimiter } from '#shared/http/request-limits.ts';
import { platformTables } from '#shared/manifest/platform.ts';

const { document } = createDynamoClients();
const tableName = platformTables.requestLimits.localName;

/** The problem a use threw, or undefined when it was counted. */
const refusalOf = async (use: Promise<void>): Promise<ProblemError | undefined> =>
  use.then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof ProblemError) return error;
      throw error;
    },
  );

describe('the request limiter on DynamoDB', () => {
  it('counts a fixed window per route and caller, refuses beyond it with the seconds left, and starts again in the next window', async () => {
    // Prepare: 10:59:30, thirty seconds before the hour's window ends
    const clock = fixedClock('2026-12-06T10:59:30Z');
    const limiter = createRequestLimiter(document, tableName, clock);
    const caller = `person:${randomUUID()}`;
    const use = { routeKey: 'POST /v1/appeals', caller, limit: { perCaller: 3, per: 'hour' as const } };

    // Act
    const counted = await Promise.all([1, 2, 3].map(() => refusalOf(limiter.take(use))));
    const beyond = await refusalOf(limiter.take(use));
    const otherCaller = await refusalOf(limiter.take({ ...use, caller: `person:${randomUUID()}` }));
    const otherRoute = await refusalOf(limiter.take({ ...use, routeKey: 'POST /v1/complaints' }));
    clock.advance(30_000);
    const nextWindow = await refusalOf(limiter.take(use));

    // Assess
    expect(counted).toEqual([undefined, undefined, undefined]);
    expect(beyond?.problem).toMatchObject({ status: 429, type: 'urn:user-protection:problem:too-many-requests' });
    expect(beyond?.headers).toEqual({ 'retry-after': '30' });
    expect([otherCaller, otherRoute, nextWindow]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps no caller in the clear and lets each window expire an hour after it ends', async () => {
    // Prepare
    const address = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const limiter = createRequestLimiter(document, tableName, fixedClock('2026-12-06T10:15:00Z'));

    // Act
    await limiter.take({ routeKey: 'POST /v1/reports/anonymous', caller: `address:${address}`, limit: { perCaller: 5, per: 'minute' } });

    // Assess
    const { Items = [] } = await document.send(new ScanCommand({ TableName: tableName }));
    expect(JSON.stringify(Items)).not.toContain(address);
    const expirations = Items.map((item) => item.expiration);
    expect(expirations).toContain(Date.parse('2026-12-06T10:16:00Z') / 1000 + 3600);
  });
});
