import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redriveByLoop } from '#infra/ops/redrive.ts';
import type { LambdaHandler } from '#infra/local/lambda.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { fixedClock } from '#shared/clock.ts';
import { createModerationHarness, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * `npm run redrive` on the local path, through the real SDK and fauxqs: the reports consumer fails
 * (an outage), its messages reach the dead-letter queue after maxReceiveCount deliveries, the
 * outage ends, the redrive moves them back and the consumer processes them. At every point the
 * messages sent equal those processed plus those in the dead-letter queue.
 */

const clock = fixedClock('2026-04-01T08:00:00.000Z');
let h: ModerationHarness;
let consumer: LambdaHandler;
let outage = false;
const sqs = createSqsClient();

beforeAll(async () => {
  h = await createModerationHarness({ clock });
  consumer = h.handlers.reportsConsumer!;
  // The poller looks the handler up per batch: while `outage` holds, every delivery fails.
  h.handlers.reportsConsumer = async (event, context) => {
    if (outage) throw new Error('The moderation table is unavailable');
    return (await consumer(event, context)) as SQSBatchResponse;
  };
});
afterAll(async () => {
  await h.stop();
});

const uid = () => randomUUID().slice(0, 8);
const report = (contentId: string) =>
  h.invoke({
    routeKey: 'POST /v1/reports',
    caller: { sub: `reporter-${uid()}`, role: 'user' },
    body: {
      contentId,
      contentUrl: `https://platform.example/p/${contentId}`,
      category: 'fraud_or_scam',
      explanation: 'Asks for gift cards to release a parcel.',
      goodFaith: true,
    },
  });
const caseOf = async (contentId: string) => {
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', caller: { sub: 'mod-1', role: 'moderator' }, query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId);
};
const redrive = (max?: number) =>
  redriveByLoop({
    sqs,
    queue: 'reports',
    queueUrl: h.queueUrls.reports!,
    deadLetterQueueUrl: h.queueUrls['reports-dlq']!,
    ...(max !== undefined && { max }),
  });

describe('redriving the reports dead-letter queue', () => {
  it('moves dead-lettered notices back after an outage, once; they are then triaged, and nothing is lost on the way', async () => {
    // Prepare: three notices filed during an outage of the consumer.
    const stats = h.poller()!.stats('reportsConsumer')!;
    const processedBefore = stats.succeeded;
    const contentId = `post-${uid()}`;
    outage = true;
    const filed = [await report(contentId), await report(contentId), await report(contentId)];
    await h.drain();
    const deadLettered = await h.depth('reports-dlq');
    const caseDuringOutage = await caseOf(contentId);

    // Act: the outage ends; first one message, then the rest, then once more for nothing.
    outage = false;
    const first = await redrive(1);
    await h.drain();
    const afterFirst = { dlq: await h.depth('reports-dlq'), processed: stats.succeeded - processedBefore };
    const rest = await redrive();
    await h.drain();
    const again = await redrive();

    // Assess: 3 in = processed + dead-lettered, at each point.
    expect(filed.map((f) => f.status)).toEqual([202, 202, 202]);
    expect(deadLettered).toEqual({ visible: 3, inFlight: 0 });
    expect(caseDuringOutage).toBeUndefined();
    expect(first).toMatchObject({ method: 'loop', moved: 1, failed: 0, notDeleted: 0, remaining: 2 });
    expect(afterFirst).toEqual({ dlq: { visible: 2, inFlight: 0 }, processed: 1 });
    expect(rest).toMatchObject({ moved: 2, failed: 0, remaining: 0 });
    expect(stats.succeeded - processedBefore).toBe(3);
    expect(await h.depth('reports-dlq')).toEqual({ visible: 0, inFlight: 0 });
    expect(again).toMatchObject({ moved: 0, failed: 0, remaining: 0 });
    expect(await caseOf(contentId)).toMatchObject({ noticeCount: 3, reporterCount: 3 });
  });

  it('deletes nothing from the dead-letter queue when the send fails, and leaves it ready for a re-run', async () => {
    // Prepare: one notice dead-lettered during an outage.
    outage = true;
    const contentId = `post-${uid()}`;
    await report(contentId);
    await h.drain();
    outage = false;

    // Act: a redrive to a queue that does not exist (every send fails), then a correct one.
    const failing = await redriveByLoop({
      sqs,
      queue: 'reports',
      queueUrl: h.queueUrls.reports!.replace(/[^/]+$/, `missing-${uid()}`),
      deadLetterQueueUrl: h.queueUrls['reports-dlq']!,
    });
    const afterFailure = await h.depth('reports-dlq');
    const retried = await redrive();
    await h.drain();

    // Assess: the message was never lost: still visible in the DLQ, then moved and triaged.
    expect(failing).toMatchObject({ moved: 0, failed: 1, remaining: 1 });
    expect(afterFailure).toEqual({ visible: 1, inFlight: 0 });
    expect(retried).toMatchObject({ moved: 1, failed: 0, remaining: 0 });
    expect(await caseOf(contentId)).toMatchObject({ noticeCount: 1 });
  });

  it('sends a message that is still poison back to the dead-letter queue, without losing it', async () => {
    // Prepare: a malformed message, dead-lettered after maxReceiveCount deliveries.
    const stats = h.poller()!.stats('reportsConsumer')!;
    const failedBefore = stats.failed;
    await h.send('reports', '{"noticeId": 42}');
    await h.drain();

    // Act: redriving cannot fix it.
    const moved = await redrive();
    await h.drain();

    // Assess: delivered 5 times before and 5 times after, and back in the DLQ.
    expect(moved).toMatchObject({ moved: 1, failed: 0 });
    expect(stats.failed - failedBefore).toBe(10);
    expect(await h.depth('reports-dlq')).toEqual({ visible: 1, inFlight: 0 });
  });
});
