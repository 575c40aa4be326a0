import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { createTable } from '#shared/aws/table.ts';
import { fixedClock } from '#shared/clock.ts';
import { pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { notificationsPersonalDataHolderFromEnvironment } from '#shared/notifications/wiring/personal-data.ts';
import { NotificationsExportSchema } from '#shared/notifications/http/data-export-schema.ts';
import { ADDRESS_PSEUDONYM } from '#shared/notifications/domain/delivery.ts';
import { createPreferenceStore } from '#shared/notifications/store/preference-store.ts';
import { sampleParams } from '#shared/notifications/templates/samples.ts';
import type { Audience, Outgoing } from '#shared/notifications/use-cases/ports.ts';
import { retentionEndOf, retentionPolicy, ttlSecondsOf } from '#shared/personal-data/retention.ts';
import { createNotificationsHarness } from '../support/notifications-harness.ts';

/**
 * The notifications context's personal data on DynamoDB Local: a person's copy holds their inbox
 * decrypted, their preferences and suppression state and nothing of anybody else; erasure leaves
 * nothing that names them; inbox items carry their time to live and are gone for readers after it.
 */

const marker = () => `PIIMARK${randomUUID().replaceAll('-', '')}`;
const DELIVERED_AT = '2026-12-01T09:00:00.000Z';

const setUp = async () => {
  const clock = fixedClock(DELIVERED_AT);
  const byEvent = new Map<string, Outgoing[]>();
  const scripted: Audience = { source: 'test.audience', detailTypes: ['test.event'], messagesFor: async (event) => byEvent.get(event.id) ?? [] };
  const n = await createNotificationsHarness({ clock, audiences: [scripted] });
  const env = { ...process.env, NOTIFICATIONS_TABLE_NAME: n.tableNames.notifications };
  const person = () => {
    const sub = `user-${randomUUID()}`;
    const email = `${sub}@example.com`;
    n.people.set(sub, { email, locale: 'en' });
    return { sub, email, role: 'user' as const, marker: marker() };
  };
  /** A statement of reasons to `sub` (inbox and email) whose facts carry `facts`. */
  const statementTo = async (sub: string, facts: string) => {
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      source: 'test.audience',
      'detail-type': 'test.event',
      account: '000000000000',
      time: DELIVERED_AT,
      region: 'eu-central-1',
      resources: [],
      detail: {},
    };
    byEvent.set(event.id, [{ type: 'statement-of-reasons', params: { ...sampleParams['statement-of-reasons'], facts }, recipient: { kind: 'person', sub } }]);
    expect(await n.deliver([event])).toEqual([]);
  };
  const holder = notificationsPersonalDataHolderFromEnvironment({ env, clock, directory: { profileOf: async (sub) => n.people.get(sub) } });
  const rawItems = async () => (await n.document.send(new ScanCommand({ TableName: n.tableNames.notifications }))).Items ?? [];
  return { clock, n, env, person, statementTo, holder, rawItems };
};

describe('a copy of what notifications holds about a person', () => {
  it('holds their inbox decrypted, their preferences and suppression, and nothing of another person', async () => {
    // Prepare
    const { n, env, person, statementTo, holder } = await setUp();
    const ada = person();
    const bob = person();
    await statementTo(ada.sub, ada.marker);
    await statementTo(bob.sub, bob.marker);
    await n.invoke({ routeKey: 'PUT /v1/me/notification-preferences', caller: ada, body: { categories: { 'survey-invitations': { email: false } } } });
    const pseudonym = await pseudonymsFromEnvironment(env).pseudonym(ADDRESS_PSEUDONYM, ada.email);
    await createPreferenceStore(createTable(n.document, n.tableNames.notifications)).suppress(pseudonym, 'bounce', DELIVERED_AT);

    // Act
    const copy = await holder.exportOf({ kind: 'account', id: ada.sub });

    // Assess
    expect(NotificationsExportSchema.parse(copy)).toEqual(copy);
    expect(copy).toMatchObject({
      inbox: [{ type: 'statement-of-reasons', category: 'trust-and-safety', createdAt: DELIVERED_AT, readAt: null }],
      preferences: { turnedOff: { 'survey-invitations': ['email'] }, updatedAt: DELIVERED_AT },
      emailSuppression: { suppressed: true, reason: 'bounce', since: DELIVERED_AT },
    });
    const text = JSON.stringify(copy);
    expect(text).toContain(ada.marker);
    expect(text).not.toContain(bob.marker);
    expect(text).not.toContain(bob.sub);
    expect(holder.section).toBe('notifications');
  });

  it('is empty for a person on an integration channel, who has no inbox', async () => {
    // Prepare
    const { holder } = await setUp();

    // Act
    const copy = await holder.exportOf({ kind: 'integration', id: 'pseudonym-of-a-channel-reference' });
    const erased = await holder.erase({ kind: 'integration', id: 'pseudonym-of-a-channel-reference' }, new Date());

    // Assess
    expect(copy).toEqual({ inbox: [], preferences: null });
    expect(erased).toEqual({ erased: 0, held: [] });
  });
});

describe('retention of inbox items', () => {
  it('sets the time to live 12 months after delivery, and readers treat an item past it as gone', async () => {
    // Prepare
    const { clock, n, person, statementTo, holder, rawItems } = await setUp();
    const ada = person();
    await statementTo(ada.sub, ada.marker);

    // Act
    const stored = (await rawItems()).find((item) => item.pk === `PERSON#${ada.sub}` && String(item.sk).startsWith('ITEM#'))!;
    clock.advance(ttlSecondsOf(retentionEndOf(retentionPolicy.inboxItems, new Date(DELIVERED_AT))) * 1000 - Date.parse(DELIVERED_AT) - 1000);
    const lastSecond = await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: ada });
    clock.advance(1000);
    const inbox = await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: ada });
    const markRead = await n.invoke({ routeKey: 'POST /v1/me/notifications/{id}/read', caller: ada, pathParameters: { id: String(stored.id) } });
    const copy = await holder.exportOf({ kind: 'account', id: ada.sub });

    // Assess
    expect(stored.expiresAt).toBe(Date.parse('2027-12-01T09:00:00.000Z') / 1000);
    expect([lastSecond.body!.items.length, lastSecond.body!.unreadCount]).toEqual([1, 1]);
    expect(inbox.body!.items).toEqual([]);
    expect(inbox.body!.unreadCount).toBe(0);
    expect(markRead.status).toBe(404);
    expect(copy).toMatchObject({ inbox: [] });
  });
});

describe('erasure of what notifications holds about a person', () => {
  it('deletes their inbox, counter, preferences and delivery markers, and leaves another person’s', async () => {
    // Prepare
    const { n, person, statementTo, holder, rawItems } = await setUp();
    const ada = person();
    const bob = person();
    await statementTo(ada.sub, ada.marker);
    await statementTo(ada.sub, marker());
    await statementTo(bob.sub, bob.marker);
    await n.invoke({ routeKey: 'PUT /v1/me/notification-preferences', caller: ada, body: { categories: { 'survey-invitations': { email: false } } } });
    const adaBodies = (await rawItems()).filter((item) => item.pk === `PERSON#${ada.sub}` && item.body).map((item) => Buffer.from(item.body).toString('base64'));

    // Act
    const first = await holder.erase({ kind: 'account', id: ada.sub }, new Date());
    const second = await holder.erase({ kind: 'account', id: ada.sub }, new Date());

    // Assess
    // Two inbox items, the unread counter, the preferences, and four delivery markers (inbox and email of each message).
    expect(first).toEqual({ erased: 8, held: [] });
    expect(second).toEqual({ erased: 0, held: [] });
    const raw = JSON.stringify(await rawItems());
    expect(raw).not.toContain(ada.sub);
    const remainingBodies = (await rawItems()).filter((item) => item.body).map((item) => Buffer.from(item.body).toString('base64'));
    expect(adaBodies).toHaveLength(2);
    for (const body of adaBodies) expect(remainingBodies).not.toContain(body);
    expect(raw).toContain(bob.sub);
    const bobCopy = JSON.stringify(await holder.exportOf({ kind: 'account', id: bob.sub }));
    expect(bobCopy).toContain(bob.marker);
    expect(await holder.exportOf({ kind: 'account', id: ada.sub })).toMatchObject({ inbox: [], preferences: null });
  });
});
