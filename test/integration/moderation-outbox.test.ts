import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { eventBus } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { fixedClock } from '#shared/clock.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { createOutbox, OUTBOX_SHARDS, type OutboxEvent } from '#shared/events/outbox.ts';
import { createEventPublisher } from '#shared/events/publisher.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { newId } from '#shared/ids.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { decideCase, type DecisionInput } from '#shared/moderation/domain/index.ts';
import { MODERATION } from '#shared/moderation/index.ts';
import { createModerationStore } from '#shared/moderation/store/index.ts';
import { moderationOutboxRelayHandlerFromEnvironment } from '#shared/moderation/wiring/outbox-relay.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { lambdaContext } from '../support/events.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * The moderation outbox through DynamoDB Local and the local EventBridge: a change's events are
 * written in its transaction, published right after the commit, and relayed by the scheduled
 * job when the request could not publish them (here: a bus that does not exist).
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
  const items: Array<{ sk: string; events: OutboxEvent[] }> = [];
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
  it('keeps the decided changes and their events; the relay publishes each event once after the grace period, with its id', async () => {
    // Prepare: a case from a notice, and content the screening sends to a moderator.
    warn.mockClear();
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
    // Each failed publish is a warning that names event types only.
    expect(warn).toHaveBeenCalledWith('Domain events left in the outbox for the relay', expect.objectContaining({ errorName: 'EventPublishError' }));
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
  it('publishes the events at once and leaves no outbox item', async () => {
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
    const outbox = createOutbox({
      db: working.document,
      tableName: working.tableNames.moderation,
      publisher: createEventPublisher({ busName: eventBus.localName, context: MODERATION }),
      logger,
    });
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

    // Act: the late decision, written as the decide-case use case writes it, with its events' outbox item.
    const late = store.transact([...store.decisionItems({ ...change, at: now }), ...staged.items]);

    // Assess
    expect(winner.status).toBe(200);
    await expect(late).rejects.toThrow(VersionConflictError);
    expect(staged.items).toHaveLength(1);
    const after = await outboxOf(working);
    expect(after).toEqual(before);
    expect(after.map((item) => item.sk)).not.toContain(staged.key!.sk);
    const decisions = readPublishedEvents(localPaths(inject('localStack').root).events).filter(
      (e) => e.detail.caseId === caseId && e['detail-type'] === 'moderation.decision-taken',
    );
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.detail.statementId).toBe(winner.body!.statementId);
  });
});
