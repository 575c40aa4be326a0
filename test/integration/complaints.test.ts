import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import { createAccessLogHarness } from '../support/access-log-harness.ts';
import { createComplaintsHarness } from '../support/complaints-harness.ts';

const validBody = {
  channel: 'app',
  category: 'billing',
  subject: 'Charged twice',
  description: 'My card was charged twice for one order.',
  contact: { email: 'grace@example.com', phone: '+44 20 7946 0000' },
  relatedContentUrl: 'https://shop.example.com/orders/991',
};

const uniqueUser = (name: string) => `${name}-${randomUUID()}`;

describe('complaint intake through the complaints handler, on DynamoDB Local', () => {
  const harness = createComplaintsHarness();
  const accessLog = createAccessLogHarness();

  it('files a complaint with a 24-hour first-response deadline and a Location header', async () => {
    // Prepare
    const clock = fixedClock('2026-03-28T22:30:00.000Z');
    const { invoke } = createComplaintsHarness({ clock });
    const alice = { sub: uniqueUser('alice') };

    // Act
    const created = await invoke({ routeKey: 'POST /v1/complaints', caller: alice, body: validBody });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^cmp_[0-9A-HJKMNP-TV-Z]{26}$/),
      status: 'received',
      priority: 'normal',
      createdAt: '2026-03-28T22:30:00.000Z',
      firstResponseDueAt: new Date(Date.parse('2026-03-28T22:30:00.000Z') + 24 * HOUR_MS).toISOString(),
      commitmentDueAt: new Date(Date.parse('2026-03-28T22:30:00.000Z') + 24 * HOUR_MS).toISOString(),
    });
    expect(created.headers.location).toBe(`/v1/complaints/${created.body?.id}`);
  });

  it('gives the owner the complaint decrypted, exactly as filed', async () => {
    // Prepare
    const alice = { sub: uniqueUser('alice') };
    const created = await harness.invoke({ routeKey: 'POST /v1/complaints', caller: alice, body: validBody });

    // Act
    const read = await harness.invoke({
      routeKey: 'GET /v1/complaints/{id}',
      caller: alice,
      pathParameters: { id: created.body?.id },
    });

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ...validBody, id: created.body?.id, status: 'received' });
  });

  it('answers 404 to another user and to staff who do not work complaints, and to unknown ids', async () => {
    // Prepare
    const alice = { sub: uniqueUser('alice') };
    const created = await harness.invoke({ routeKey: 'POST /v1/complaints', caller: alice, body: validBody });
    const read = (caller: { sub: string; role?: 'user' | 'moderator' | 'security' | 'comms' }, id = created.body?.id) =>
      harness.invoke({ routeKey: 'GET /v1/complaints/{id}', caller, pathParameters: { id } });

    // Act
    const answers = await Promise.all([
      read({ sub: uniqueUser('bob') }),
      read({ sub: uniqueUser('mod'), role: 'moderator' }),
      read({ sub: uniqueUser('sec'), role: 'security' }),
      read({ sub: uniqueUser('comms'), role: 'comms' }),
      read(alice, 'cmp_01J0000000000000000000000Z'),
    ]);

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.stringify(answer.body)).not.toContain('Charged twice');
    }
  });

  it('lets agents and admins read any complaint with a reason, and records each staff read in the access log', async () => {
    // Prepare
    const alice = { sub: uniqueUser('alice') };
    const agent = { sub: uniqueUser('agent'), role: 'agent' as const };
    const admin = { sub: uniqueUser('admin'), role: 'admin' as const };
    const created = await harness.invoke({ routeKey: 'POST /v1/complaints', caller: alice, body: validBody });
    const id = created.body?.id as string;
    const staffRead = (caller: typeof agent | typeof admin, headers: Record<string, string> = {}) =>
      harness.invoke({ routeKey: 'GET /v1/complaints/{id}', caller, pathParameters: { id }, headers });

    // Act
    const byAgent = await staffRead(agent, { 'x-access-reason': 'first response' });
    const byAdmin = await staffRead(admin, { 'x-access-reason': 'quality review' });
    const unexplained = await staffRead(admin);
    await harness.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: alice, pathParameters: { id } });
    const log = await accessLog({ routeKey: 'GET /v1/me/access-log', caller: alice });

    // Assess
    expect(byAgent.body?.subject).toBe(validBody.subject);
    expect(byAdmin.body?.subject).toBe(validBody.subject);
    expect(unexplained.status).toBe(400);
    expect(JSON.stringify(unexplained.body)).not.toContain(validBody.subject);
    // The owner's own read is not a staff read; the unexplained one was refused, not recorded.
    expect((log.body!.items as Array<Record<string, any>>).map((record) => [record.staffRoles, record.reason]).sort()).toEqual(
      [
        [['admin'], 'quality review'],
        [['agent'], 'first response'],
      ].sort(),
    );
  });

  it("lists only the caller's own complaints, newest first, page by page", async () => {
    // Prepare
    const clock = fixedClock('2026-05-01T08:00:00.000Z');
    const { invoke } = createComplaintsHarness({ clock });
    const carol = { sub: uniqueUser('carol') };
    const dave = { sub: uniqueUser('dave') };
    const filed: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.advance(60_000);
      const r = await invoke({ routeKey: 'POST /v1/complaints', caller: carol, body: { ...validBody, subject: `Complaint ${i}` } });
      filed.push(r.body?.id);
    }
    await invoke({ routeKey: 'POST /v1/complaints', caller: dave, body: validBody });

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await invoke({
        routeKey: 'GET /v1/complaints',
        caller: carol,
        query: { limit: '2', ...(cursor && { cursor }) },
      });
      expect(page.status).toBe(200);
      seen.push(...(page.body?.items ?? []).map((item: { id: string }) => item.id));
      cursor = page.body?.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);

    // Assess
    expect(seen).toEqual([...filed].reverse());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("refuses another user's cursor and forged cursors with 400 naming the cursor", async () => {
    // Prepare
    const erin = { sub: uniqueUser('erin') };
    const frank = { sub: uniqueUser('frank') };
    for (let i = 0; i < 2; i += 1) await harness.invoke({ routeKey: 'POST /v1/complaints', caller: erin, body: validBody });
    const erinsPage = await harness.invoke({ routeKey: 'GET /v1/complaints', caller: erin, query: { limit: '1' } });
    const forged = Buffer.from(JSON.stringify({ pk: 'x', sk: 'COMPLAINT', gsi1pk: 'OWNER#x', gsi1sk: 'y' })).toString('base64url');

    // Act
    const answers = await Promise.all(
      [erinsPage.body?.nextCursor, forged, 'not a cursor!', 'e30'].map((cursor) =>
        harness.invoke({ routeKey: 'GET /v1/complaints', caller: frank, query: { cursor } }),
      ),
    );

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body?.errors).toEqual([expect.objectContaining({ in: 'query', path: 'cursor' })]);
    }
  });
});
