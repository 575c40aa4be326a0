import { randomUUID } from 'node:crypto';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import { customerServicePersonalDataHolderFromEnvironment } from '#shared/customer-service/wiring/personal-data.ts';
import { customerServiceExportSchema } from '#shared/customer-service/http/data-export-schema.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';

/** A string that appears nowhere unless the person's data is still readable. */
const marker = () => `PIIMARK${randomUUID().replaceAll('-', '')}`;

type Person = { sub: string; role: 'user' | 'agent' };
const person = (name: string, role: Person['role'] = 'user'): Person => ({ sub: `${name}-${randomUUID()}`, role });
const staffReason = { 'x-access-reason': 'working the complaint' };
const social = { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] };
const account = (caller: { sub: string }): DataSubject => ({ kind: 'account', id: caller.sub });

/** Every raw item of a table, as DynamoDB holds it (binary attributes stay binary). */
const rawItems = async (client: DynamoDBClient, tableName: string) => {
  const items: Record<string, { S?: string; B?: Uint8Array; N?: string }>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as typeof items));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
};

/** A table's raw items as text, binary attributes read as text too (plaintext stored as bytes would show). */
const rawText = async (client: DynamoDBClient, tableName: string) =>
  (await rawItems(client, tableName))
    .flatMap((item) => [JSON.stringify(item), ...Object.values(item).flatMap((value) => (value.B ? [Buffer.from(value.B).toString('latin1')] : []))])
    .join('\n');

/** The items of one complaint's partition that still hold a binary (sealed) attribute. */
const sealedItemsOf = async (client: DynamoDBClient, tableName: string, complaintId: string) =>
  (await rawItems(client, tableName)).filter(
    (item) => item.pk?.S === `COMPLAINT#${complaintId}` && Object.values(item).some((value) => value.B !== undefined),
  );

const figuresSnapshot = async (client: DynamoDBClient, tableName: string) =>
  (await rawItems(client, tableName)).map((item) => JSON.stringify(item)).sort();

const setUp = async (start = '2026-11-02T09:00:00.000Z') => {
  const clock = fixedClock(start);
  const h = await createCustomerServiceHarness({ clock });
  const env = { ...process.env, [tables.complaints.envVar]: h.tableNames.complaints, [tables.figures.envVar]: h.tableNames.figures };
  const holder = customerServicePersonalDataHolderFromEnvironment({ env });
  const agent = person('agent', 'agent');
  const file = async (caller: Person, mark: string, extra: Record<string, unknown> = {}) => {
    const filed = await h.invoke({
      routeKey: 'POST /v1/complaints',
      caller,
      body: {
        channel: 'web',
        category: 'billing',
        subject: `Refund ${mark}`,
        description: `My neighbour ${mark} was charged twice`,
        contact: { email: `${mark}@example.com` },
        relatedContentUrl: `https://example.com/${mark}`,
        ...extra,
      },
    });
    expect(filed.status).toBe(201);
    return filed.body!.id as string;
  };
  const say = (caller: Person, id: string, body: string, visibility?: 'internal') =>
    h.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller, pathParameters: { id }, body: { body, ...(visibility && { visibility }) } });
  const setStatus = (caller: Person, id: string, status: string) =>
    h.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller, pathParameters: { id }, body: { status } });
  const read = (caller: Person, id: string) =>
    h.invoke({ routeKey: 'GET /v1/complaints/{id}', caller, pathParameters: { id }, headers: staffReason });
  const messages = (caller: Person, id: string) =>
    h.invoke({ routeKey: 'GET /v1/complaints/{id}/messages', caller, pathParameters: { id }, headers: staffReason });
  const rawComplaint = async (id: string) =>
    (await h.document.send(new GetCommand({ TableName: h.tableNames.complaints, Key: { pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' } }))).Item!;
  return { h, clock, holder, agent, file, say, setStatus, read, messages, rawComplaint };
};

describe("customer service's personal-data holder", () => {
  it("exports the person's complaints decrypted, with their public conversation and history, and nothing of anyone else", async () => {
    // Prepare
    const { h, holder, agent, file, say } = await setUp();
    const [ada, bob] = [person('ada'), person('bob')];
    const [adaMark, noteMark, bobMark] = [marker(), marker(), marker()];
    const id = await file(ada, adaMark);
    await h.invoke({ routeKey: 'POST /v1/complaints/{id}/claim', caller: agent, pathParameters: { id } });
    await say(agent, id, `Internal: ${noteMark}`, 'internal');
    await say(agent, id, 'Which card did you pay with?');
    await say(ada, id, `The Visa of ${adaMark}`);
    await file(bob, bobMark);

    // Act
    const exported = customerServiceExportSchema.parse(await holder.exportOf(account(ada)));
    const nothing = customerServiceExportSchema.parse(await holder.exportOf({ kind: 'integration', id: ada.sub }));

    // Assess
    expect(exported.complaints).toHaveLength(1);
    const complaint = exported.complaints[0]!;
    expect(complaint).toMatchObject({
      id,
      status: 'open',
      subject: `Refund ${adaMark}`,
      description: `My neighbour ${adaMark} was charged twice`,
      contact: { email: `${adaMark}@example.com` },
      relatedContentUrl: `https://example.com/${adaMark}`,
    });
    expect(complaint.conversation.map((message) => message.body)).toEqual(['Which card did you pay with?', `The Visa of ${adaMark}`]);
    expect(complaint.conversation[0]?.author).toEqual({ kind: 'staff' });
    expect(complaint.history.map((line) => line.action)).toEqual(['filed', 'status-changed', 'replied', 'user-replied']);
    const text = JSON.stringify(exported);
    expect(text).not.toContain(noteMark);
    expect(text).not.toContain(bobMark);
    expect(text).not.toContain(agent.sub);
    expect(nothing.complaints).toEqual([]);
  });

  it('erases a closed complaint of the person whole, leaves the figures as they were, and is idempotent', async () => {
    // Prepare: Ada withdrew her complaint (closed it) after a reply; Bob has one open.
    const { h, clock, holder, agent, file, say, setStatus, read, rawComplaint } = await setUp();
    const [ada, bob] = [person('ada'), person('bob')];
    const [adaMark, bobMark] = [marker(), marker()];
    const withdrawn = await file(ada, adaMark);
    await say(agent, withdrawn, `We read: ${adaMark}`);
    await say(ada, withdrawn, `More from ${adaMark}`);
    await setStatus(ada, withdrawn, 'closed');
    const bobs = await file(bob, bobMark);
    clock.advance(HOUR_MS);
    const figuresBefore = await figuresSnapshot(h.client, h.tableNames.figures);

    // Act
    const first = await holder.erase(account(ada), clock.now());
    const afterFirst = await rawItems(h.client, h.tableNames.complaints);
    const again = await holder.erase(account(ada), clock.now());

    // Assess
    expect(first).toEqual({ erased: 1, held: [] });
    expect(again).toEqual({ erased: 0, held: [] });
    expect(await rawItems(h.client, h.tableNames.complaints)).toEqual(afterFirst);
    expect(await rawText(h.client, h.tableNames.complaints)).not.toContain(adaMark);
    expect(await sealedItemsOf(h.client, h.tableNames.complaints, withdrawn)).toEqual([]);
    expect((await sealedItemsOf(h.client, h.tableNames.complaints, bobs)).length).toBeGreaterThan(0);
    expect((await read(bob, bobs)).body).toMatchObject({ subject: `Refund ${bobMark}` });
    expect(await rawComplaint(withdrawn)).toMatchObject({ status: 'closed', erasedAt: clock.now().toISOString(), category: 'billing' });
    expect(await figuresSnapshot(h.client, h.tableNames.figures)).toEqual(figuresBefore);
  });

  it('closes an open complaint it erases, counted as closed (erased), and its views answer [erased]', async () => {
    // Prepare
    const { h, clock, holder, agent, file, say, read, messages, rawComplaint } = await setUp();
    const ada = person('ada');
    const adaMark = marker();
    const open = await file(ada, adaMark);
    await say(agent, open, `We read: ${adaMark}`);
    await say(agent, open, `Note on ${adaMark}`, 'internal');
    await say(ada, open, `More from ${adaMark}`);
    clock.advance(HOUR_MS);
    const figures = async () => (await h.invoke({ routeKey: 'GET /v1/figures/customer-service', caller: agent, query: { granularity: 'day' } })).body!;
    const before = await figures();

    // Act
    const erased = await holder.erase(account(ada), clock.now());
    const after = await figures();

    // Assess
    expect(erased).toEqual({ erased: 1, held: [] });
    expect(await rawText(h.client, h.tableNames.complaints)).not.toContain(adaMark);
    expect(await sealedItemsOf(h.client, h.tableNames.complaints, open)).toEqual([]);
    const stored = await rawComplaint(open);
    expect(stored).toMatchObject({ status: 'closed', erasedAt: clock.now().toISOString(), channel: 'web' });
    expect(stored.retentionDay).toBeUndefined();
    expect((await read(ada, open)).body).toMatchObject({ status: 'closed', subject: '[erased]', description: '[erased]' });
    expect((await read(agent, open)).body).toMatchObject({ subject: '[erased]' });
    // Staff see every message, the internal note too: all erased.
    expect((await messages(agent, open)).body!.items.map((m: { body: string }) => m.body)).toEqual(['[erased]', '[erased]', '[erased]']);
    const history = await h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: ada, pathParameters: { id: open } });
    expect(history.body!.items.slice(-2).map((line: { action: string; details: object }) => [line.action, line.details])).toEqual([
      ['closed', { from: 'open', reason: 'erased' }],
      ['erased', {}],
    ]);
    expect({ ...after.total, closed: after.total.closed - 1 }).toEqual({ ...before.total, backlogAtLastSweep: after.total.backlogAtLastSweep });
    expect(after.backlog.open).toBe(before.backlog.open - 1);
    expect(after.backlog.closed).toBe(before.backlog.closed + 1);
  });

  it('loses no message written while it erases, and erases once when run twice at the same time', async () => {
    // Prepare
    const { h, clock, holder, agent, file, say, rawComplaint } = await setUp();
    const ada = person('ada');
    const adaMark = marker();
    const ids = await Promise.all([file(ada, adaMark), file(ada, adaMark), file(ada, adaMark)]);
    await Promise.all(ids.map((id) => say(agent, id, `About ${adaMark}`)));

    // Act: Ada keeps writing while two erasure runs go.
    const [first, second, ...written] = await Promise.all([
      holder.erase(account(ada), clock.now()),
      holder.erase(account(ada), clock.now()),
      ...ids.map((id) => say(ada, id, `Still here: ${adaMark}`)),
    ]);

    // Assess: each complaint erased once, and no body left, whenever the message landed.
    expect(first.erased + second.erased).toBe(3);
    expect(written.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    for (const id of ids) {
      expect(await sealedItemsOf(h.client, h.tableNames.complaints, id)).toEqual([]);
      expect(await rawComplaint(id)).toMatchObject({ status: 'closed', erasedAt: clock.now().toISOString() });
    }
  });

  it('erases a person known only to an integration, by the pseudonym their filings are stored under', async () => {
    // Prepare
    const { h, clock, holder, rawComplaint } = await setUp();
    const handle = `@${marker()}`;
    const filed = await h.invoke({
      routeKey: 'POST /v1/channels/{channel}/complaints',
      machine: social,
      pathParameters: { channel: 'social' },
      body: { messageId: `dm-${randomUUID()}`, externalRef: handle, category: 'billing', subject: 'Charged twice', description: `I am ${handle}` },
    });
    const id = filed.body!.id as string;
    const subject: DataSubject = { kind: 'integration', id: (await rawComplaint(id)).ownerId as string };

    // Act
    const exported = customerServiceExportSchema.parse(await holder.exportOf(subject));
    const erased = await holder.erase(subject, clock.now());

    // Assess
    expect(exported.complaints[0]).toMatchObject({ id, externalRef: handle, description: `I am ${handle}` });
    expect(erased.erased).toBe(1);
    expect(await rawText(h.client, h.tableNames.complaints)).not.toContain(handle);
    expect(await sealedItemsOf(h.client, h.tableNames.complaints, id)).toEqual([]);
    expect((await holder.exportOf(subject)) as object).toMatchObject({ complaints: [{ id, erasedAt: clock.now().toISOString() }] });
  });

  it("corrects the contact details of the person's open complaints only, once", async () => {
    // Prepare
    const { clock, holder, file, setStatus, read, h } = await setUp();
    const ada = person('ada');
    const [mark, newMark] = [marker(), marker()];
    const open = await file(ada, mark);
    const withdrawn = await file(ada, mark);
    await setStatus(ada, withdrawn, 'closed');
    clock.advance(HOUR_MS);

    // Act
    const corrected = await holder.correctContact!(account(ada), { email: `${newMark}@example.com` }, clock.now());
    const repeated = await holder.correctContact!(account(ada), { email: `${newMark}@example.com` }, clock.now());

    // Assess
    expect(corrected).toBe(1);
    expect(repeated).toBe(0);
    expect((await read(ada, open)).body).toMatchObject({ contact: { email: `${newMark}@example.com` }, subject: `Refund ${mark}` });
    expect((await read(ada, withdrawn)).body).toMatchObject({ contact: { email: `${mark}@example.com` } });
    const history = await h.invoke({ routeKey: 'GET /v1/complaints/{id}/history', caller: ada, pathParameters: { id: open } });
    expect(history.body!.items.at(-1)).toMatchObject({ action: 'contact-corrected', actor: { kind: 'user', id: ada.sub } });
  });

  it('dates retention from the resolution, forgets it on reopening, and expires the complaints due on their day', async () => {
    // Prepare
    const { h, clock, holder, agent, file, say, setStatus, rawComplaint } = await setUp();
    const [ada, bob] = [person('ada'), person('bob')];
    const [adaMark, bobMark] = [marker(), marker()];
    const id = await file(ada, adaMark);
    const bobs = await file(bob, bobMark);
    await say(agent, id, 'Refunded.');
    await setStatus(agent, id, 'resolved');
    const resolvedDay = (await rawComplaint(id)).retentionDay;
    await setStatus(ada, id, 'open');
    const reopenedDay = (await rawComplaint(id)).retentionDay;
    clock.advance(24 * HOUR_MS * 3);
    await setStatus(agent, id, 'resolved');
    const due = (await rawComplaint(id)).retentionDay as string;

    // Act
    const early = await holder.expireDue!('2028-11-02', clock.now());
    const expired = await holder.expireDue!(due, clock.now());
    const again = await holder.expireDue!(due, clock.now());

    // Assess
    expect(resolvedDay).toBe('2028-11-02');
    expect(reopenedDay).toBeUndefined();
    expect(due).toBe('2028-11-05');
    expect(early).toBe(0);
    expect(expired).toBe(1);
    expect(again).toBe(0);
    expect(await sealedItemsOf(h.client, h.tableNames.complaints, id)).toEqual([]);
    // A resolved complaint keeps its status: retention removes its text, not its place in the figures.
    expect(await rawComplaint(id)).toMatchObject({ status: 'resolved', erasedAt: clock.now().toISOString() });
    expect((await rawComplaint(bobs)).personalData).toBeDefined();
  });
});
