import { randomUUID } from 'node:crypto';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { surveysPersonalDataHolderFromEnvironment } from '#shared/surveys/wiring/personal-data.ts';
import { surveysExportSchema } from '#shared/surveys/http/data-export-schema.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';

/** A string that appears nowhere unless the person's data is still readable. */
const marker = () => `PIIMARK${randomUUID().replaceAll('-', '')}`;

/** Everyone seen is invited. */
const everyone = {
  expectedActiveUsers: 1,
  expectedResponseRate: 1,
  margin: 0.07,
  target: { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 5 },
};

const user = (name: string) => ({ sub: `${name}-${randomUUID()}`, role: 'user' as const });
const comms = { sub: 'comms-1', role: 'comms' as const };
const account = (caller: { sub: string }): DataSubject => ({ kind: 'account', id: caller.sub });

type RawItem = Record<string, { S?: string; B?: Uint8Array; N?: string; BOOL?: boolean }>;

const rawItems = async (client: DynamoDBClient, tableName: string) => {
  const items: RawItem[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as RawItem[]));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
};

/** A table's raw items (of the partitions starting with `prefix`), comparable as a whole. */
const snapshot = async (client: DynamoDBClient, tableName: string, prefix = '') =>
  (await rawItems(client, tableName))
    .filter((item) => item.pk?.S?.startsWith(prefix))
    .map((item) => JSON.stringify(item))
    .sort();

const setUp = async (start = '2026-11-01T00:30:00.000Z') => {
  const clock = fixedClock(start);
  const h = await createSurveysHarness({ clock, policy: everyone });
  await h.runJob();
  const { client } = createDynamoClients();
  const holder = surveysPersonalDataHolderFromEnvironment({ env: h.env });
  const current = (caller: { sub: string; role: 'user' }) => h.invoke({ routeKey: 'GET /v1/surveys/current', caller });
  const respond = (caller: { sub: string; role: 'user' }, answers: Record<string, unknown>) =>
    h.invoke({ routeKey: 'PUT /v1/surveys/{id}/response', caller, pathParameters: { id: '2026-11-monthly' }, body: { answers } });
  const comments = async () =>
    (
      await h.invoke({
        routeKey: 'GET /v1/survey-campaigns/{id}/comments',
        caller: comms,
        pathParameters: { id: '2026-11-monthly' },
        headers: { 'x-access-reason': 'monthly feedback review' },
      })
    ).body!.items.map((item: { answers: { comment: string } }) => item.answers.comment) as string[];
  const results = async () => (await h.invoke({ routeKey: 'GET /v1/figures/surveys', caller: comms, query: {} })).body!;
  const rawInvitation = async (caller: { sub: string }) =>
    (await h.document.send(new GetCommand({ TableName: h.tableNames.surveys, Key: { pk: `USER#${caller.sub}`, sk: 'INVITE#2026-11-monthly' } }))).Item;
  /** Two people who answered with free text, each with a marker of their own. */
  const answered = async () => {
    const [ada, bob] = [user('ada'), user('bob')];
    const [adaMark, bobMark] = [marker(), marker()];
    await current(ada);
    await current(bob);
    expect((await respond(ada, { satisfaction: 2, comment: `My neighbour ${adaMark} scammed me` })).status).toBe(201);
    expect((await respond(bob, { satisfaction: 5, comment: `Thanks, ${bobMark}` })).status).toBe(201);
    return { ada, bob, adaMark, bobMark };
  };
  return { h, clock, client, holder, current, respond, comments, results, rawInvitation, answered };
};

describe("the surveys' personal-data holder", () => {
  it("exports the person's invitations with their answers decrypted, and nothing of anyone else", async () => {
    // Prepare
    const { holder, answered } = await setUp();
    const { ada, adaMark, bobMark } = await answered();

    // Act
    const exported = surveysExportSchema.parse(await holder.exportOf(account(ada)));
    const integration = surveysExportSchema.parse(await holder.exportOf({ kind: 'integration', id: ada.sub }));

    // Assess
    expect(exported.invitations).toEqual([
      expect.objectContaining({
        surveyId: '2026-11-monthly',
        kind: 'monthly',
        status: 'responded',
        respondedAt: '2026-11-01T00:30:00.000Z',
        answers: { satisfaction: 2, comment: `My neighbour ${adaMark} scammed me` },
      }),
    ]);
    expect(exported.seen).toEqual([{ campaignId: '2026-11-monthly', at: '2026-11-01T00:30:00.000Z', sampled: true }]);
    expect(JSON.stringify(exported)).not.toContain(bobMark);
    expect(integration).toEqual({ invitations: [], seen: [] });
  });

  it("erases the person's invitations, answers and comment copy, keeps the figures and the other person's, and is idempotent", async () => {
    // Prepare
    const { h, clock, client, holder, comments, results, rawInvitation, answered } = await setUp();
    const { ada, bob, bobMark } = await answered();
    const figuresBefore = await snapshot(client, h.tableNames.figures, 'surveys#');
    const resultsBefore = await results();
    clock.advance(HOUR_MS);

    // Act
    const erased = await holder.erase(account(ada), clock.now());
    const afterFirst = await snapshot(client, h.tableNames.surveys);
    const again = await holder.erase(account(ada), clock.now());

    // Assess
    expect(erased).toEqual({ erased: 2, held: [] });
    expect(again).toEqual({ erased: 0, held: [] });
    expect(await snapshot(client, h.tableNames.surveys)).toEqual(afterFirst);
    // Nothing of Ada's is left: no item names her, and the only sealed texts left are Bob's two copies.
    const items = await rawItems(client, h.tableNames.surveys);
    expect(items.filter((item) => JSON.stringify(item).includes(ada.sub))).toEqual([]);
    const sealed = items.filter((item) => item.sealedTexts?.B !== undefined);
    expect(sealed.map((item) => item.pk?.S).sort()).toEqual(['CAMPAIGN#2026-11-monthly', `USER#${bob.sub}`]);
    expect(await comments()).toEqual([`Thanks, ${bobMark}`]);
    expect(await rawInvitation(bob)).toMatchObject({ status: 'responded' });
    // The surveys' counters (the staff reads of comments above count in the access log's).
    expect(await snapshot(client, h.tableNames.figures, 'surveys#')).toEqual(figuresBefore);
    expect(await results()).toEqual(resultsBefore);
    expect(surveysExportSchema.parse(await holder.exportOf(account(ada)))).toEqual({ invitations: [], seen: [] });
  });

  it('erases a post-resolution survey, keeping its complaint surveyed (once, ever) without naming the person', async () => {
    // Prepare: Ada's complaint resolved through customer service invites her; she answers with text.
    const clock = fixedClock('2026-11-02T09:00:00.000Z');
    const cs = await createCustomerServiceHarness({ clock });
    const h = await createSurveysHarness({ clock, policy: everyone, complaintsTable: cs.tableNames.complaints });
    await h.runJob();
    const holder = surveysPersonalDataHolderFromEnvironment({ env: h.env });
    const { client } = createDynamoClients();
    const ada = user('ada');
    const agent = { sub: 'agent-1', role: 'agent' as const };
    const filed = await cs.invoke({
      routeKey: 'POST /v1/complaints',
      caller: ada,
      body: { channel: 'app', category: 'billing', subject: 'Charged twice', description: 'Charged twice for one order.' },
    });
    const id = filed.body!.id as string;
    await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id }, body: { body: 'Refunded.' } });
    await cs.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller: agent, pathParameters: { id }, body: { status: 'resolved' } });
    const resolved = cs.eventsAbout(id).find((e) => e['detail-type'] === 'complaint.resolved')!;
    expect(await h.deliver(resolved)).toBe('invited');
    const answer = await h.invoke({
      routeKey: 'PUT /v1/surveys/{id}/response',
      caller: ada,
      pathParameters: { id: `2026-11-post-resolution.${id}` },
      body: { answers: { satisfaction: 5, effort: 6, comment: `Thanks from ${marker()}` } },
    });
    expect(answer.status).toBe(201);

    // Act
    const exported = surveysExportSchema.parse(await holder.exportOf(account(ada)));
    const erased = await holder.erase(account(ada), clock.now());
    const redelivered = await h.deliver(resolved);

    // Assess
    expect(exported.invitations).toEqual([expect.objectContaining({ kind: 'post-resolution', complaintId: id, status: 'responded' })]);
    expect(erased).toEqual({ erased: 1, held: [] });
    const items = await rawItems(client, h.tableNames.surveys);
    expect(items.filter((item) => JSON.stringify(item).includes(ada.sub))).toEqual([]);
    expect(items.filter((item) => item.sealedTexts?.B !== undefined)).toEqual([]);
    expect(items.find((item) => item.pk?.S === `COMPLAINT#${id}`)).toMatchObject({ sk: { S: 'SURVEYED' } });
    expect(redelivered).toBe('duplicate');
  });

  it("removes free text on its due day, the month after the answer's month is reported, and keeps the scores", async () => {
    // Prepare
    const { clock, holder, comments, results, rawInvitation, answered } = await setUp();
    const { ada, bob } = await answered();
    const due = (await rawInvitation(ada))!.retentionDay as string;
    const resultsBefore = await results();

    // Act
    const early = await holder.expireDue!('2026-12-31', clock.now());
    const expired = await holder.expireDue!(due, new Date('2027-01-01T03:00:00.000Z'));
    const again = await holder.expireDue!(due, new Date('2027-01-01T03:00:00.000Z'));

    // Assess
    expect(due).toBe('2027-01-01');
    expect(early).toBe(0);
    expect(expired).toBe(2);
    expect(again).toBe(0);
    const stored = (await rawInvitation(ada))!;
    expect(stored.sealedTexts).toBeUndefined();
    expect(stored.retentionDay).toBeUndefined();
    expect(stored).toMatchObject({ scored: { satisfaction: 2 }, textsRemovedAt: '2027-01-01T03:00:00.000Z' });
    expect((await rawInvitation(bob))!.sealedTexts).toBeUndefined();
    expect(await comments()).toEqual([]);
    expect(await results()).toEqual(resultsBefore);
    const exported = surveysExportSchema.parse(await holder.exportOf(account(ada)));
    expect(exported.invitations[0]).toMatchObject({ answers: { satisfaction: 2 }, textsRemovedAt: '2027-01-01T03:00:00.000Z' });
  });
});
