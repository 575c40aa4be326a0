import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

const complaint = {
  channel: 'app',
  category: 'fraud',
  subject: 'Fake seller took my money',
  description: 'I paid for a phone that never arrived; the seller account is gone.',
  contact: { phone: '+33 1 23 45 67 89' },
  relatedContentUrl: 'https://market.example.com/listing/42',
};

describe('complaints over HTTP, against the local server', () => {
  it('files, reads through the Location header and lists a complaint', async () => {
    // Prepare
    const token = await tokenFor(`alice-${randomUUID()}`);

    // Act
    const created = await http('POST', '/v1/complaints', { token, body: complaint });
    const location = created.headers.get('location');
    const read = await http('GET', location ?? '/missing', { token });
    const list = await http('GET', '/v1/complaints', { token });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json');
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ ...complaint, id: created.json.id, status: 'received' });
    // Fraud starts high: a 4-hour first response, within the 24-hour promise made to everyone.
    expect(created.json.priority).toBe('high');
    expect(Date.parse(created.json.firstResponseDueAt) - Date.parse(created.json.createdAt)).toBe(4 * 3600 * 1000);
    expect(Date.parse(created.json.commitmentDueAt) - Date.parse(created.json.createdAt)).toBe(24 * 3600 * 1000);
    expect(read.json.deadlines).toEqual({
      commitment: created.json.commitmentDueAt,
      firstResponse: created.json.firstResponseDueAt,
      resolution: expect.any(String),
    });
    expect(list.json.items.map((i: { id: string }) => i.id)).toEqual([created.json.id]);
    expect(list.json.nextCursor).toBeNull();
  });

  it("never shows one user another user's complaint, by id or in their list", async () => {
    // Prepare
    const alice = await tokenFor(`alice-${randomUUID()}`);
    const mallory = await tokenFor(`mallory-${randomUUID()}`);
    const created = await http('POST', '/v1/complaints', { token: alice, body: complaint });

    // Act
    const read = await http('GET', `/v1/complaints/${created.json.id}`, { token: mallory });
    const list = await http('GET', '/v1/complaints', { token: mallory });

    // Assess
    expect(read.status).toBe(404);
    expect(read.text).not.toContain(complaint.subject);
    expect(list.json.items).toEqual([]);
  });

  it.each(['agent', 'admin'] as const)('lets an %s read any complaint', async (role) => {
    // Prepare
    const owner = await tokenFor(`owner-${randomUUID()}`);
    const staff = await tokenFor(`${role}-${randomUUID()}`, role);
    const created = await http('POST', '/v1/complaints', { token: owner, body: complaint });

    // Act
    const read = await http('GET', `/v1/complaints/${created.json.id}`, {
      token: staff,
      headers: { 'x-access-reason': 'handling the complaint' },
    });

    // Assess
    expect(read.status).toBe(200);
    expect(read.json.subject).toBe(complaint.subject);
  });

  it('replays an idempotent POST and creates one complaint under concurrent repeats', async () => {
    // Prepare
    const token = await tokenFor(`ida-${randomUUID()}`);
    const headers = { 'idempotency-key': `retry-${randomUUID()}` };

    // Act
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => http('POST', '/v1/complaints', { token, body: complaint, headers })),
    );
    const replay = await http('POST', '/v1/complaints', { token, body: complaint, headers });
    const list = await http('GET', '/v1/complaints', { token });

    // Assess
    expect(list.json.items).toHaveLength(1);
    const id = list.json.items[0].id;
    for (const answer of [...answers, replay]) {
      expect([201, 409]).toContain(answer.status);
      if (answer.status === 201) expect(answer.json.id).toBe(id);
    }
    expect(replay.status).toBe(201);
  });
});
