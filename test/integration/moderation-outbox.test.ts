import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { eventBus } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { fixedClock } from '#shared/clock.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { createOutbox, OUTBOX_SHARDS, type OutboxEvent } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { newId } from '#shared/ids.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { decideCase, type DecisionInput } from '#shared/moderation/domain/index.ts';
import { MODERATION } from '#shared/moderation/index.ts';
import { createModerationStore } from '#shared/moderation/store/index.ts';
import { CreateNoticeRequestSchema } from '#shared/moderation/http/schemas/notices.ts';
import { fileNotice } from '#shared/moderation/use-cases/file-notice.ts';
import { moderationPortsFromEnvironment } from '#shared/moderation/wiring/context.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { moderationOutboxRelayHandlerFromEnvironment } from '#shared/moderation/wiring/outbox-relay.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { lambdaContext } from '../support/events.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * The moderation outbox through DynamoDB Local and the local EventBridge: a change's events are
 * written in its transaction, published from the table's stream by the stream relay (run by the
 * harness after each request), and relayed by the scheduled job when the stream relay could not
 * publish them (here: a bus that does not exist). A notice's event is held until its queue
 * message was sent.
 */

const clock = fixedClock('2026-05-04T10:00:00.000Z');
const SECOND = 1000;
const logger = createLogger('moderation-outbox-test');
// Recorded, not printed: the test reads what the warnings say.
const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
let refused: ModerationHarness;
let working: ModerationHarness;
/** The scheduled relay on the refused harness's table, with the bus that exists. */
let relay: (now: Date) => Promise<unknown>;

beforeAll(async () => {
  [refused, working] = await Promise.all([
    createModerationHarness({ clock, logger, env: { EVENT_BUS_NAME: 'no-such-bus' } }),
    createModerationHarness({ clock }),
  ]);
  const handler = moderationOutboxRelayHandlerFromEnvironment({ logger, env: { ...refused.env, EVENT_BUS_NAME: eventBus.localName } });
  relay = (now) => handler(jobEvent('moderation-outbox-relay', now), lambdaContext());
});
afterAll(async () => {
  await Promise.all([refused.stop(), working.stop()]);
});

const uid = () => randomUUID().slice(0, 8);
const moderator = { caller: { sub: 'mod-olga', role: 'moderator' as const } };
const platform = { machine: { clientId: 'content-platform', scopes: ['user-protection/content.review'] } };

const removal = {
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The post solicits cryptocurrency with a promise of returns that are never made.',
  facts: 'A notice and the wallet address in the post identify an advance-fee scam.',
  contentType: 'text',
  territorialScope: ['DE'],
  contentLanguage: 'EN',
};

/** Everything in the outbox of a harness's table: every shard, every page. */
const outboxOf = async (h: ModerationHarness) => {
  const items: Array<{ sk: string; entity: string; events: OutboxEvent[] }> = [];
  for (let shard = 0; shard < OUTBOX_SHARDS; shard += 1) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await h.document.send(
        new QueryCommand({
          TableName: h.tableNames.moderation,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `OUTBOX#${shard}` },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as typeof items));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
};

/** Events the local bus accepted with one of these ids (each as many times as it was published). */
const publishedWith = (eventIds: readonly string[]) =>
  readPublishedEvents(localPaths(inject('localStack').root).events).filter((e) => eventIds.includes(e.detail.eventId as string));

const reportAndTriage = async (h: ModerationHarness, reporter: string, contentId: string) => {
  await h.invoke({
    routeKey: 'POST /v1/reports',
    caller: { sub: reporter, role: 'user' },
    body: scamNotice(contentId),
  });
  await h.drain();
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator, query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId)!.id as string;
};

const submitAndScreen = async (h: ModerationHarness, text: string) => {
  const submitted = await h.invoke({
    routeKey: 'POST /v1/content-reviews',
    ...platform,
    body: { contentId: `post-${uid()}`, contentType: 'text', text, authorRef: 'author-outbox' },
  });
  await h.drain();
  const id = submitted.body!.id as string;
  return (await h.invoke({ routeKey: 'GET /v1/content-reviews/{id}', ...platform, pathParameters: { id } })).body!;
};

const decide = async (h: ModerationHarness, caseId: string, body: Record<string, unknown>) => {
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator, pathParameters: { id: caseId } });
  return h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator, pathParameters: { id: caseId }, body });
};

describe('the moderation outbox, when the bus refuses events', () => {
  it('keeps the decided changes and their events, which the stream relay reports as failed; the scheduled relay publishes each event once after the grace period, with its id', async () => {
    // Prepare: a case from a notice, and content the screening sends to a moderator.
    warn.mockClear();
    refused.outboxStream.refused.splice(0);
    const reporter = `ada-${uid()}`;
    const caseId = await reportAndTriage(refused, reporter, `post-${uid()}`);
    const review = await submitAndScreen(refused, `This miracle balm cures cancer in a week, order today ${uid()}.`);

    // Act
    const decided = await decide(refused, caseId, { ...removal, affectedAccountId: `author-${reporter}` });
    const reviewDecided = await decide(refused, review.caseId as string, removal);
    const reviewAfter = (await refused.invoke({ routeKey: 'GET /v1/content-reviews/{id}', ...platform, pathParameters: { id: review.id } })).body!;
    const leftBehind = (await outboxOf(refused)).flatMap((item) => item.events);
    const eventIds = leftBehind.map((e) => e.eventId);
    const early = await relay(new Date(clock.now().getTime() + 30 * SECOND));
    const publishedEarly = publishedWith(eventIds);
    // The relay of the function whose bus refuses: every item is refused, and stays with its attempt recorded.
    const refusedRelay = await refused.relayOutbox(new Date(clock.now().getTime() + 61 * SECOND));
    const afterRefusedRelay = await outboxOf(refused);
    // The next attempt waits a minute.
    const waiting = await relay(new Date(clock.now().getTime() + 62 * SECOND));
    const relayed = await relay(new Date(clock.now().getTime() + 121 * SECOND));
    const again = await relay(new Date(clock.now().getTime() + 121 * SECOND));

    // Assess: the changes stand, their events waited in the outbox.
    expect(review).toMatchObject({ status: 'human_review' });
    expect(decided.status).toBe(200);
    expect(reviewDecided.status).toBe(200);
    expect(reviewAfter).toMatchObject({ status: 'rejected', decidedBy: 'moderator' });
    expect(leftBehind.map((e) => e.type).sort()).toEqual([
      'content-review.decided',
      'content-review.screened',
      'content-review.submitted',
      'moderation.case-opened',
      'moderation.case-opened',
      'moderation.decision-taken',
      'moderation.decision-taken',
      'moderation.notice-received',
    ]);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    // The stream relay answered each item's record as a batch item failure, and left the item.
    expect(refused.outboxStream.refused.flatMap((record) => record.eventIds).sort()).toEqual([...eventIds].sort());
    // Each failed publish is a warning that names event types only.
    expect(warn).toHaveBeenCalledWith('Outbox items not relayed from the stream; retried from the first of them', expect.objectContaining({ errorName: 'EventPublishError' }));
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(new RegExp(`${reporter}|author-|miracle|bitcoin|${caseId}`));

    // Assess: nothing before the grace period; then each event once, with the id it was stored with.
    expect(early).toMatchObject({ changes: 0, events: 0 });
    expect(publishedEarly).toEqual([]);
    expect(refusedRelay).toMatchObject({ changes: 0, events: 0, failed: afterRefusedRelay.length });
    expect(afterRefusedRelay.flatMap((item) => item.events.map((e) => e.eventId)).sort()).toEqual([...eventIds].sort());
    expect(afterRefusedRelay.every((item) => (item as { attempts?: number }).attempts === 1)).toBe(true);
    expect(waiting).toMatchObject({ changes: 0, events: 0, waiting: afterRefusedRelay.length });
    expect(relayed).toMatchObject({ events: leftBehind.length });
    const published = publishedWith(eventIds);
    expect(published.map((e) => e.detail.eventId).sort()).toEqual([...eventIds].sort());
    for (const event of leftBehind) {
      expect(published.find((e) => e.detail.eventId === event.eventId)).toMatchObject({
        source: `${eventBus.source}.${MODERATION}`,
        'detail-type': event.type,
        detail: { ...event.detail, occurredAt: event.at },
      });
    }
    expect(again).toMatchObject({ changes: 0, events: 0 });
    expect(await outboxOf(refused)).toEqual([]);
    // Events name no account and carry no one's words.
    expect(JSON.stringify(published)).not.toMatch(new RegExp(`${reporter}|author-|miracle|bitcoin`));
  });

  it('leaves the outbox empty when two relays run at once', async () => {
    // Prepare
    const review = await submitAndScreen(refused, `Hand-made mugs for sale, twenty percent off this week ${uid()}.`);
    const eventIds = (await outboxOf(refused)).flatMap((item) => item.events.map((e) => e.eventId));
    const at = new Date(clock.now().getTime() + 61 * SECOND);

    // Act
    const [first, second] = await Promise.all([relay(at), relay(at)]);

    // Assess: delivery is at least once; a repeat carries the same id for consumers to drop it.
    expect(review).toMatchObject({ status: 'approved' });
    expect(eventIds).toHaveLength(2);
    expect(await outboxOf(refused)).toEqual([]);
    expect(new Set(publishedWith(eventIds).map((e) => e.detail.eventId))).toEqual(new Set(eventIds));
    expect((first as { events: number }).events + (second as { events: number }).events).toBeGreaterThanOrEqual(eventIds.length);
  });
});

describe('the moderation outbox, when the bus takes events', () => {
  it("publishes the events from the table's stream after each request and leaves no outbox item", async () => {
    // Prepare
    const caseId = await reportAndTriage(working, `bea-${uid()}`, `post-${uid()}`);

    // Act
    const decided = await decide(working, caseId, removal);
    const review = await submitAndScreen(working, `Sunset over the harbour ${uid()}.`);
    const outbox = await outboxOf(working);

    // Assess
    expect(decided.status).toBe(200);
    expect(review).toMatchObject({ status: 'approved' });
    expect(outbox).toEqual([]);
    const events = readPublishedEvents(localPaths(inject('localStack').root).events).filter(
      (e) => e.detail.caseId === caseId || e.detail.reviewId === review.id,
    );
    expect(events.map((e) => e['detail-type']).sort()).toEqual([
      'content-review.decided',
      'content-review.submitted',
      'moderation.case-opened',
      'moderation.decision-taken',
    ]);
    for (const event of events) expect(event.detail.eventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}:\d+$/);
  });

  it('writes no outbox item for a change that did not commit', async () => {
    // Prepare: a moderator's read of a claimed case, then another request decides it first.
    const caseId = await reportAndTriage(working, `cy-${uid()}`, `post-${uid()}`);
    await working.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator, pathParameters: { id: caseId } });
    const figures = createFiguresStore(working.document, working.tableNames.figures, MODERATION);
    const store = createModerationStore({ db: working.document, tableName: working.tableNames.moderation, figures });
    const outbox = createOutbox({ db: working.document, tableName: working.tableNames.moderation });
    const stale = (await store.cases.get(caseId))!;
    const notices = await store.cases.notices(caseId);
    const winner = await decide(working, caseId, removal);
    const now = clock.now();
    const change = decideCase({
      caseState: stale,
      moderatorId: moderator.caller.sub,
      decision: removal as DecisionInput,
      notices,
      puid: newId('sor', now),
      now,
    });
    const staged = outbox.stage(change.events, now);
    const before = await outboxOf(working);

    // Act: the late decision, written as the decide-case use case writes it, with its events' outbox item; then the stream relay.
    const late = store.transact([...store.decisionItems({ ...change, at: now }), ...staged.items]);
    await late.catch(() => undefined);
    const after = await outboxOf(working);
    const drained = await working.outboxStream.drain();

    // Assess: no item, so nothing for the stream relay, and the winner's decision the only one published.
    expect(winner.status).toBe(200);
    await expect(late).rejects.toThrow(VersionConflictError);
    expect(staged.items).toHaveLength(1);
    expect(after).toEqual(before);
    expect(after.map((item) => item.sk)).not.toContain(staged.key!.sk);
    expect(drained).toEqual({ handed: 0, batchItemFailures: [] });
    const decisions = readPublishedEvents(localPaths(inject('localStack').root).events).filter(
      (e) => e.detail.caseId === caseId && e['detail-type'] === 'moderation.decision-taken',
    );
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.detail.statementId).toBe(winner.body!.statementId);
  });

  it("holds a notice's event while its message goes to the queue, and publishes it only once released", async () => {
    // Prepare: the API's ports, with a queue that looks at the table's stream and outbox while it takes the message.
    const seenWhileSending: Array<{ noticeId: unknown; drained: unknown; held: Awaited<ReturnType<typeof outboxOf>>; published: unknown[] }> = [];
    const { ports } = moderationPortsFromEnvironment({ clock, env: working.env, logger }, 'moderation', {
      cipher: cipherFromEnvironment(working.env),
      queues: {
        send: async (_queue, { noticeId }) => {
          const drained = await working.outboxStream.drain();
          seenWhileSending.push({ noticeId, drained, held: await outboxOf(working), published: publishedWith([`${noticeId}:0`]) });
        },
      },
    });
    const caller = { kind: 'person' as const, sub: `dan-${uid()}`, roles: ['user' as const], scopes: [] };

    // Act
    const filed = await fileNotice(ports, caller, CreateNoticeRequestSchema.parse(scamNotice(`post-${uid()}`)));
    const eventIds = [`${filed.id}:0`];
    const publishedBeforeTheRelay = publishedWith(eventIds);
    const released = await working.outboxStream.drain();

    // Assess: while the message was sent, the item was written held and the stream relay passed it by.
    expect(seenWhileSending.map((seen) => seen.noticeId)).toEqual([filed.id]);
    expect(seenWhileSending[0]!.published).toEqual([]);
    expect(seenWhileSending[0]!.drained).toEqual({ handed: 0, batchItemFailures: [] });
    expect(seenWhileSending[0]!.held.filter((item) => item.events.some((e) => e.eventId === eventIds[0]))).toEqual([
      expect.objectContaining({ entity: 'outbox-held', events: [expect.objectContaining({ eventId: eventIds[0], type: 'moderation.notice-received' })] }),
    ]);
    // Released after the send, for the stream relay (the request itself publishes nothing), which published it once and deleted the item.
    expect(publishedBeforeTheRelay).toEqual([]);
    expect(released).toEqual({ handed: 1, batchItemFailures: [] });
    expect(publishedWith(eventIds).map((e) => [e['detail-type'], e.detail.noticeId])).toEqual([['moderation.notice-received', filed.id]]);
    expect(await outboxOf(working)).toEqual([]);
  });
});
