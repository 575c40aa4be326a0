import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { eventBus } from '#infra/manifest.ts';
import { type EventEnvelope, readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import { OUTBOX_SHARDS, type OutboxEvent } from '#shared/events/outbox.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { surveysAudience } from '#shared/notifications/audiences/surveys.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { inviteeQueryFromEnvironment } from '#shared/surveys/index.ts';
import { surveyCampaignHandlerFromEnvironment } from '#shared/surveys/wiring/survey-campaign.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { lambdaContext } from '../support/events.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';

/**
 * Survey invitations and reminders as domain events, through DynamoDB Local and the local
 * EventBridge: each is written with its outbox item in its own transaction, published from the
 * table's stream by the stream relay (run by the harness after each request and job run), or
 * relayed by the campaign job when the stream relay could not publish it, reminded once, and
 * turned by the notifications audience into the messages it calls for.
 */

/** Everyone seen is invited to the monthly survey. */
const everyone = { expectedActiveUsers: 1, expectedResponseRate: 1, margin: 0.07, target: { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 5 } };
const user = (name: string) => ({ sub: `${name}-${randomUUID()}`, role: 'user' as const });
const agent = { sub: 'agent-1', role: 'agent' as const };
type Harness = Awaited<ReturnType<typeof createSurveysHarness>>;

const { document } = createDynamoClients();
const logger = createLogger('survey-notifications-test');

/** Events the local bus accepted about these invitations (each as many times as it was published). */
const publishedAbout = (invitationIds: readonly string[]): EventEnvelope[] =>
  readPublishedEvents(localPaths(inject('localStack').root).events).filter((e) => invitationIds.includes(e.detail.invitationId as string));

/** Everything in the outbox of a harness's surveys table. */
const outboxOf = async (h: Harness) => {
  const items: Array<{ sk: string; events: OutboxEvent[] }> = [];
  for (let shard = 0; shard < OUTBOX_SHARDS; shard += 1) {
    const page = await document.send(
      new QueryCommand({ TableName: h.tableNames.surveys, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OUTBOX#${shard}` }, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as typeof items));
  }
  return items;
};

const invitationOf = async (h: Harness, sub: string, surveyId: string) =>
  (await document.send(new GetCommand({ TableName: h.tableNames.surveys, Key: { pk: `USER#${sub}`, sk: `INVITE#${surveyId}` }, ConsistentRead: true })))
    .Item as Record<string, unknown>;

const respond = (h: Harness, caller: { sub: string; role: 'user' }, id: string) =>
  h.invoke({ routeKey: 'PUT /v1/surveys/{id}/response', caller, pathParameters: { id }, body: { answers: { satisfaction: 5 } } });

describe('survey invitations, reliably published', () => {
  it('writes the event with the invitation; when the bus refuses it to the stream relay, the campaign job relays it once after the grace period', async () => {
    // Prepare: a bus that does not exist for the API and the table's stream relay; the job relays onto the real one.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const h = await createSurveysHarness({ clock, policy: everyone, logger, env: { EVENT_BUS_NAME: 'no-such-bus' } });
    await h.runJob();
    const job = surveyCampaignHandlerFromEnvironment({ logger, policy: { ...surveyPolicy, ...everyone }, env: { ...h.env, EVENT_BUS_NAME: eventBus.localName } });
    const runJob = (now: Date) => job(jobEvent('survey-campaign', now), lambdaContext());
    const ada = user('ada');

    // Act
    const seen = await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: ada });
    const invitation = await invitationOf(h, ada.sub, '2026-11-monthly');
    const ref = invitation.ref as string;
    const leftInOutbox = await outboxOf(h);
    const duringGrace = await runJob(new Date(clock.now().getTime() + 30_000));
    const afterGrace = await runJob(new Date(clock.now().getTime() + 2 * 60_000));
    const again = await runJob(new Date(clock.now().getTime() + 3 * 60_000));

    // Assess: the invitation and its event were written together, with nothing of the person in the event.
    expect(seen.body).toMatchObject({ open: true });
    expect(ref).toMatch(/^inv_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(leftInOutbox).toHaveLength(1);
    expect(leftInOutbox[0]!.events).toEqual([
      {
        eventId: `${ref}:0`,
        type: 'survey.invited',
        at: clock.now().toISOString(),
        detail: { invitationId: ref, kind: 'monthly', closesAt: '2026-12-01T00:00:00.000Z', offeredInApp: true },
      },
    ]);
    expect(JSON.stringify(leftInOutbox)).not.toContain(ada.sub);
    // The stream relay answered the item's record as a batch item failure and left the item.
    expect(h.outboxStream.refused.map((record) => record.eventIds)).toEqual([[`${ref}:0`]]);
    expect(warn).toHaveBeenCalledWith('Outbox items not relayed from the stream; retried from the first of them', expect.objectContaining({ eventTypes: ['survey.invited'] }));
    // Relayed once the grace period passed, once.
    expect([duringGrace.eventsRelayed, afterGrace.eventsRelayed, again.eventsRelayed]).toEqual([0, 1, 0]);
    expect(await outboxOf(h)).toEqual([]);
    const published = publishedAbout([ref]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ source: 'user-protection.surveys', 'detail-type': 'survey.invited', detail: { invitationId: ref, eventId: `${ref}:0` } });
    expect(JSON.stringify(published)).not.toContain(ada.sub);
  });

  it('publishes the post-resolution invitation from the stream, once whatever the redeliveries, and the audience invites the owner', async () => {
    // Prepare: a complaint filed and resolved through customer service.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const cs = await createCustomerServiceHarness({ clock });
    const h = await createSurveysHarness({ clock, policy: everyone, complaintsTable: cs.tableNames.complaints });
    await h.runJob();
    const ada = user('ada');
    const filed = await cs.invoke({
      routeKey: 'POST /v1/complaints',
      caller: ada,
      body: { channel: 'app', category: 'billing', subject: 'Charged twice', description: 'Charged twice for one order.' },
    });
    const id = filed.body!.id as string;
    await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: 'Refunded.' } });
    await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller: agent, pathParameters: { id }, body: { status: 'resolved' } });
    const resolved = cs.eventsAbout(id).find((e) => e['detail-type'] === 'complaint.resolved')!;
    const audience = surveysAudience(inviteeQueryFromEnvironment(document, h.env), clock);

    // Act
    const outcomes = [await h.deliver(resolved), await h.deliver(resolved)];
    const surveyId = `2026-11-post-resolution.${id}`;
    const ref = (await invitationOf(h, ada.sub, surveyId)).ref as string;
    const published = publishedAbout([ref]);
    const messages = await audience.messagesFor(published[0]!);
    await respond(h, ada, surveyId);
    const afterAnswer = await audience.messagesFor(published[0]!);

    // Assess
    expect(outcomes).toEqual(['invited', 'duplicate']);
    expect(await outboxOf(h)).toEqual([]);
    expect(published.map((e) => e['detail-type'])).toEqual(['survey.invited']);
    expect(published[0]!.detail).toMatchObject({ invitationId: ref, kind: 'post-resolution', offeredInApp: false, closesAt: '2026-11-16T09:00:00.000Z' });
    expect(JSON.stringify(published)).not.toContain(ada.sub);
    expect(messages).toEqual([
      { type: 'survey-invitation', params: { reference: surveyId, closesAt: '2026-11-16T09:00:00.000Z' }, recipient: { kind: 'person', sub: ada.sub } },
    ]);
    expect(afterAnswer).toEqual([]);
  });
});

describe('the one reminder before the survey closes', () => {
  it('reminds those who have not answered once, within the lead and not too soon after the invitation, and the audience tells them', async () => {
    // Prepare: four invited on 2 November (one answers), one invited two days before the close, one an hour before.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const h = await createSurveysHarness({ clock, policy: everyone, logger });
    await h.runJob();
    const [ada, bob, cy, dee, eve, fay] = [user('ada'), user('bob'), user('cy'), user('dee'), user('eve'), user('fay')];
    for (const u of [ada, bob, cy, dee]) await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: u });
    await respond(h, bob, '2026-11-monthly');
    clock.advance(26 * 24 * HOUR_MS + 15 * HOUR_MS); // 2026-11-29T00:00
    await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: eve });
    clock.advance(47 * HOUR_MS); // 2026-11-30T23:00
    await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: fay });
    const refs = Object.fromEntries(await Promise.all([ada, bob, cy, dee, eve, fay].map(async (u) => [u.sub, (await invitationOf(h, u.sub, '2026-11-monthly')).ref as string])));
    const audience = surveysAudience(inviteeQueryFromEnvironment(document, h.env), clock);

    // Act: runs two weeks before the close, within the lead, an hour later, a day later, and after the close.
    const early = await h.runJob(new Date('2026-11-15T00:30:00.000Z'));
    const first = await h.runJob(new Date('2026-11-29T01:00:00.000Z'));
    const second = await h.runJob(new Date('2026-11-29T02:00:00.000Z'));
    await respond(h, cy, '2026-11-monthly'); // cy answers after the reminder, before it is read
    const later = await h.runJob(new Date('2026-11-30T01:00:00.000Z'));
    const closing = await h.runJob(new Date('2026-12-01T00:30:00.000Z'));
    const reminders = publishedAbout(Object.values(refs)).filter((e) => e['detail-type'] === 'survey.reminder-due');
    const messages = await Promise.all(reminders.map((e) => audience.messagesFor(e)));

    // Assess
    expect([early, first, second, later, closing].map((run) => run.reminders)).toEqual([
      { reminded: 0, lapsed: 0, deferred: 0 },
      { reminded: 3, lapsed: 0, deferred: 0 }, // ada, cy, dee; not bob (answered), nor eve (invited an hour ago)
      { reminded: 0, lapsed: 0, deferred: 0 },
      { reminded: 1, lapsed: 0, deferred: 0 }, // eve, a day after her invitation
      { reminded: 0, lapsed: 1, deferred: 0 }, // fay, invited an hour before the close, closed unreminded
    ]);
    const remindedRefs = reminders.map((e) => e.detail.invitationId);
    expect(remindedRefs.sort()).toEqual([refs[ada.sub], refs[cy.sub], refs[dee.sub], refs[eve.sub]].sort());
    expect(reminders.map((e) => e.detail.closesAt)).toEqual(reminders.map(() => '2026-12-01T00:00:00.000Z'));
    // No person's id in the events (by their ids themselves: a random event id may hold `dee-`).
    for (const u of [ada, bob, cy, dee, eve, fay]) expect(JSON.stringify(reminders)).not.toContain(u.sub);
    expect(await invitationOf(h, ada.sub, '2026-11-monthly')).toMatchObject({ remindedAt: '2026-11-29T01:00:00.000Z' });
    expect(await invitationOf(h, ada.sub, '2026-11-monthly')).not.toHaveProperty('reminderPk');
    // Each reminder becomes one message to its invitee, but none to cy, who answered meanwhile.
    const recipients = messages.flat().map((m) => [m.type, m.recipient]);
    expect(recipients).toHaveLength(3);
    expect(recipients).toEqual(
      expect.arrayContaining([ada, dee, eve].map((u) => ['survey-reminder', { kind: 'person', sub: u.sub }])),
    );
    expect(await outboxOf(h)).toEqual([]);
  });
});
