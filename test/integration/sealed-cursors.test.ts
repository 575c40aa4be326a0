import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';

/**
 * Cursors from outside: they read as nothing, only their own caller can use them and only on
 * their own list, a changed one is refused, and a list that hides items from its caller never
 * hands out a cursor at a hidden item.
 */

type Caller = { sub: string; role?: 'user' | 'agent' | 'moderator' | 'comms' };
type Answer = { status: number; body?: Record<string, any> };

const person = (name: string, role: 'user' | 'agent' = 'user') => ({ sub: `${name}-${randomUUID()}`, role });
const complaint = { channel: 'web', category: 'billing', subject: 'Refund never arrived', description: 'I returned the parcel and the refund never came.' };

/** What a cursor shows to whoever decodes it. */
const decoded = (cursor: string) => Buffer.from(cursor, 'base64url').toString('latin1');

/** A cursor with one character changed (still base64url). */
const tampered = (cursor: string) => {
  const middle = Math.floor(cursor.length / 2);
  return `${cursor.slice(0, middle)}${cursor[middle] === 'A' ? 'B' : 'A'}${cursor.slice(middle + 1)}`;
};

const expectCursorRefused = (answer: Answer) => {
  expect(answer.status).toBe(400);
  expect(answer.body!.errors).toEqual([expect.objectContaining({ in: 'query', path: 'cursor' })]);
};

describe('customer-service cursors', () => {
  const setUp = async () => {
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const h = await createCustomerServiceHarness({ clock });
    const file = async (caller: Caller) => {
      clock.advance(1000);
      const filed = await h.invoke({ routeKey: 'POST /v1/complaints', caller: caller as never, body: complaint });
      expect(filed.status).toBe(201);
      return filed.body!.id as string;
    };
    const say = async (caller: Caller, id: string, message: Record<string, unknown>) => {
      clock.advance(1000);
      const said = await h.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: caller as never, pathParameters: { id }, body: message });
      expect(said.status).toBe(201);
      return said.body! as { id: string; body: string };
    };
    const messages = (caller: Caller, id: string, query: Record<string, string>, headers: Record<string, string> = {}) =>
      h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller: caller as never, pathParameters: { id }, query, headers }) as Promise<Answer>;
    return { h, file, say, messages };
  };

  it('read as nothing: no user, no complaint id, no key', async () => {
    // Prepare
    const { h, file } = await setUp();
    const ada = person('ada');
    const ids = [await file(ada), await file(ada)];

    // Act
    const page = (await h.invoke({ routeKey: 'GET /v1/complaints', caller: ada, query: { limit: '1' } })) as Answer;

    // Assess
    const cursor = page.body!.nextCursor as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const secret of [ada.sub, ...ids, 'COMPLAINT', 'OWNER#', 'gsi1', '"pk"', '2026-11-02']) {
      expect(decoded(cursor)).not.toContain(secret);
      expect(cursor).not.toContain(secret);
    }
  });

  it("are refused from another caller, on another list, and when changed, with a 400 naming the cursor", async () => {
    // Prepare
    const { h, file, say, messages } = await setUp();
    const [ada, bob, agent, otherAgent] = [person('ada'), person('bob'), person('agent', 'agent'), person('agent2', 'agent')];
    await file(ada);
    await file(ada);
    await file(bob);
    await file(bob);
    const id = await file(ada);
    await say(agent, id, { body: 'First answer' });
    await say(agent, id, { body: 'Second answer' });
    const reason = { 'x-access-reason': 'answering the user' };
    const adasCursor = ((await h.invoke({ routeKey: 'GET /v1/complaints', caller: ada, query: { limit: '1' } })) as Answer).body!.nextCursor;
    const agentsCursor = (await messages(agent, id, { limit: '1' }, reason)).body!.nextCursor;
    const adasMessagesCursor = (await messages(ada, id, { limit: '1' })).body!.nextCursor;

    // Act
    const answers = await Promise.all([
      h.invoke({ routeKey: 'GET /v1/complaints', caller: bob, query: { cursor: adasCursor } }),
      messages(otherAgent, id, { cursor: agentsCursor }, reason),
      h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: ada, pathParameters: { id }, query: { cursor: adasMessagesCursor } }),
      h.invoke({ routeKey: 'GET /v1/complaints', caller: ada, query: { cursor: adasMessagesCursor } }),
      h.invoke({ routeKey: 'GET /v1/complaints', caller: ada, query: { cursor: tampered(adasCursor) } }),
      messages(ada, id, { cursor: tampered(adasMessagesCursor) }),
    ]);
    const ownNextPage = (await h.invoke({ routeKey: 'GET /v1/complaints', caller: ada, query: { cursor: adasCursor } })) as Answer;

    // Assess
    for (const answer of answers) expectCursorRefused(answer as Answer);
    expect(ownNextPage.status).toBe(200);
    expect(ownNextPage.body!.items).toHaveLength(2);
  });

  it("give an owner pages of visible messages only, never ending at a staff-only note", async () => {
    // Prepare: internal notes before, between and after the public messages.
    const { file, say, messages } = await setUp();
    const [ada, agent] = [person('ada'), person('agent', 'agent')];
    const id = await file(ada);
    const script: Array<[Caller, Record<string, unknown>]> = [
      [agent, { visibility: 'internal', body: 'note 1' }],
      [agent, { body: 'public 1' }],
      [agent, { visibility: 'internal', body: 'note 2' }],
      [agent, { visibility: 'internal', body: 'note 3' }],
      [ada, { body: 'public 2' }],
      [agent, { body: 'public 3' }],
      [agent, { visibility: 'internal', body: 'note 4' }],
      [agent, { visibility: 'internal', body: 'note 5' }],
      [ada, { body: 'public 4' }],
      [agent, { visibility: 'internal', body: 'note 6' }],
      [agent, { visibility: 'internal', body: 'note 7' }],
    ];
    const said = [];
    for (const [caller, message] of script) said.push(await say(caller, id, message));
    const hidden = said.filter((m) => m.body.startsWith('note')).map((m) => m.id);
    const visible = said.filter((m) => m.body.startsWith('public')).map((m) => m.id);
    const seal = cursorSealFromEnvironment();

    // Act
    const pages: Array<{ items: Array<{ id: string }>; nextCursor: string | null }> = [];
    let cursor: string | undefined;
    do {
      const page = await messages(ada, id, { limit: '2', ...(cursor && { cursor }) });
      expect(page.status).toBe(200);
      pages.push(page.body as never);
      cursor = page.body!.nextCursor ?? undefined;
    } while (cursor && pages.length < 20);

    // Assess
    expect(pages.flatMap((page) => page.items.map((m) => m.id))).toEqual(visible);
    for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(2);
    for (const page of pages) {
      if (!page.nextCursor) continue;
      const key = JSON.parse((await seal.open(page.nextCursor, { caller: ada.sub, list: `messages:${id}` }))!) as { sk: string };
      expect(hidden.some((note) => key.sk.includes(note))).toBe(false);
      expect(key.sk).toContain(page.items.at(-1)!.id);
    }
  });
});

describe('trust-and-safety cursors', () => {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  let h: ModerationHarness;
  beforeAll(async () => {
    h = await createModerationHarness({ clock });
  });
  afterAll(async () => {
    await h.stop();
  });

  it("read as nothing, and are refused from another reporter, on another list, and when changed", async () => {
    // Prepare
    const [ada, bob] = [`ada-${randomUUID()}`, `bob-${randomUUID()}`];
    const contentIds = [`post-${randomUUID().slice(0, 8)}`, `post-${randomUUID().slice(0, 8)}`];
    for (const contentId of contentIds) {
      const filed = await h.invoke({ routeKey: 'POST /v1/reports', caller: { sub: ada, role: 'user' }, body: scamNotice(contentId) });
      expect(filed.status).toBe(202);
    }
    const first = (await h.invoke({ routeKey: 'GET /v1/reports', caller: { sub: ada, role: 'user' }, query: { limit: '1' } })) as Answer;
    const cursor = first.body!.nextCursor as string;

    // Act
    const answers = await Promise.all([
      h.invoke({ routeKey: 'GET /v1/reports', caller: { sub: bob, role: 'user' }, query: { cursor } }),
      h.invoke({ routeKey: 'GET /v1/moderation/cases', caller: { sub: 'mod-ann', role: 'moderator' }, query: { cursor } }),
      h.invoke({ routeKey: 'GET /v1/reports', caller: { sub: ada, role: 'user' }, query: { cursor: tampered(cursor) } }),
    ]);
    const own = (await h.invoke({ routeKey: 'GET /v1/reports', caller: { sub: ada, role: 'user' }, query: { cursor } })) as Answer;

    // Assess
    for (const secret of [ada, 'user:', 'REPORTER', ...contentIds, '"pk"']) expect(decoded(cursor)).not.toContain(secret);
    for (const answer of answers) expectCursorRefused(answer as Answer);
    expect(own.status).toBe(200);
    expect(own.body!.items).toHaveLength(1);
  });
});

describe('survey comment cursors and keys', () => {
  it('let staff page the comments without learning who wrote them', async () => {
    // Prepare
    const clock = fixedClock('2026-11-01T00:30:00.000Z');
    const policy = { expectedActiveUsers: 1, expectedResponseRate: 1, margin: 0.07, target: { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 5 } };
    const h = await createSurveysHarness({ clock, policy });
    await h.runJob();
    const authors = [person('ada'), person('bob'), person('cy')].map(({ sub }) => ({ sub, role: 'user' as const }));
    for (const author of authors) {
      await h.invoke({ routeKey: 'GET /v1/surveys/current', caller: author });
      const answered = await h.invoke({
        routeKey: 'PUT /v1/surveys/{id}/response',
        caller: author,
        pathParameters: { id: '2026-11-monthly' },
        body: { answers: { satisfaction: 3, comment: `Comment of someone ${randomUUID()}` } },
      });
      expect(answered.status).toBe(201);
    }
    const comms = { sub: 'comms-1', role: 'comms' as const };
    const read = (caller: { sub: string; role: 'comms' }, query: Record<string, string>) =>
      h.invoke({
        routeKey: 'GET /v1/survey-campaigns/{id}/comments',
        caller,
        pathParameters: { id: '2026-11-monthly' },
        query,
        headers: { 'x-access-reason': 'monthly feedback review' },
      }) as Promise<Answer>;

    // Act
    const pages: Answer[] = [];
    let cursor: string | undefined;
    do {
      const page = await read(comms, { limit: '1', ...(cursor && { cursor }) });
      pages.push(page);
      cursor = page.body!.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    const replayed = await read({ sub: 'comms-2', role: 'comms' }, { cursor: pages[0]!.body!.nextCursor });
    const stored = await h.document.send(
      new QueryCommand({
        TableName: h.tableNames.surveys,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :comment)',
        ExpressionAttributeValues: { ':pk': 'CAMPAIGN#2026-11-monthly', ':comment': 'COMMENT#' },
      }),
    );

    // Assess
    expect(pages.flatMap((page) => page.body!.items)).toHaveLength(3);
    expectCursorRefused(replayed);
    const seen = JSON.stringify(pages.map((page) => page.body)) + pages.map((page) => decoded(page.body!.nextCursor ?? '')).join('');
    const storedComments = (stored.Items ?? []).map((item) => JSON.stringify({ ...item, sealedTexts: undefined }) + Buffer.from(item.sealedTexts).toString('latin1'));
    expect(storedComments).toHaveLength(3);
    for (const author of authors) {
      expect(seen).not.toContain(author.sub);
      for (const comment of storedComments) expect(comment).not.toContain(author.sub);
    }
    for (const comment of storedComments) expect(comment).not.toContain('2026-11-monthly/');
  });
});
