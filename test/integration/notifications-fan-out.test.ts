import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { fixedClock } from '#shared/clock.ts';
import { securityAudience } from '#shared/notifications/audiences/security.ts';
import { createNotificationsHarness, emailsTo } from '../support/notifications-harness.ts';

/**
 * A message to every person, on DynamoDB Local, the SQS emulator and the local SES emulator: the
 * sender delivers one directory page per queue message and puts the next page back on its queue,
 * so every person of the people's pool is told once, staff by their groups, and an event or a
 * continuation that arrives again sends nothing twice.
 */

const PAGE_SIZE = 3;

const campaignStarted = (audience: 'people' | 'everyone'): EventEnvelope => ({
  version: '0',
  id: randomUUID(),
  source: 'user-protection.security',
  'detail-type': 'security.education-campaign-started',
  account: '000000000000',
  time: '2026-12-01T08:59:58.000Z',
  region: 'eu-central-1',
  resources: [],
  detail: { campaignId: 'edu_01JWQV8RA0QPMDB06Y6TX13B1W', audience, startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z' },
});

const setUp = async () => {
  const n = await createNotificationsHarness({ clock: fixedClock('2026-12-01T09:00:00.000Z'), audiences: [securityAudience()], peoplePageSize: PAGE_SIZE });
  const people = Array.from({ length: 7 }, (_, i) => {
    const sub = `person-${i}-${randomUUID()}`;
    n.people.set(sub, { email: `${sub}@example.com`, locale: i % 2 === 0 ? 'en' : 'zh-CN' });
    return sub;
  });
  const supervisor = `agent-${randomUUID()}`;
  n.people.set(supervisor, { email: `${supervisor}@example.com` });
  n.groups.set('agent', [supervisor]);
  const inboxTypes = async (sub: string, role: 'user' | 'agent' = 'user') => {
    const page = await n.invoke({ routeKey: 'GET /v1/me/notifications', caller: { sub, role } });
    expect(page.status).toBe(200);
    return page.body!.items.map((item: { type: string }) => item.type) as string[];
  };
  return { n, people, supervisor, inboxTypes };
};

describe('a message to every person', () => {
  it("reaches each person of the people's pool once, one page per queue message, and each staff member once", async () => {
    // Prepare
    const { n, people, supervisor, inboxTypes } = await setUp();

    // Act
    const continuations = await n.deliverAll([campaignStarted('everyone')]);

    // Assess: 7 people in pages of 3 is 3 pages, the first from the event itself
    expect(continuations).toBe(Math.ceil(people.length / PAGE_SIZE) - 1);
    for (const sub of people) {
      expect(await inboxTypes(sub)).toEqual(['security-education-campaign']);
      expect(await emailsTo(`${sub}@example.com`)).toHaveLength(1);
    }
    expect(await inboxTypes(supervisor, 'agent')).toEqual(['security-education-campaign']);
  });

  it('sends nothing twice when the event, or a continuation, arrives again', async () => {
    // Prepare
    const { n, people, inboxTypes } = await setUp();
    const event = campaignStarted('people');
    expect(await n.deliver([event])).toEqual([]);
    const [secondPage] = await n.takeQueued();
    expect(secondPage).toMatchObject({ id: event.id, fanOut: { type: 'security-education-campaign', page: String(PAGE_SIZE) } });

    // Act: the continuation twice in one batch, then the whole event again
    expect(await n.deliver([secondPage!, secondPage!])).toEqual([]);
    await n.deliverAll([event]);

    // Assess
    for (const sub of people) {
      expect(await inboxTypes(sub)).toEqual(['security-education-campaign']);
      expect(await emailsTo(`${sub}@example.com`)).toHaveLength(1);
    }
  });

  it('tells the staff nothing of a campaign for the people', async () => {
    // Prepare
    const { n, supervisor, inboxTypes } = await setUp();

    // Act
    await n.deliverAll([campaignStarted('people')]);

    // Assess
    expect(await inboxTypes(supervisor, 'agent')).toEqual([]);
  });
});
