import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTransparencyDatabaseEnvironment, startTransparencyDatabaseFake, type TransparencyDatabaseFake } from '#infra/local/transparency-database.ts';
import { createTable } from '#shared/aws/table.ts';
import { fixedClock } from '#shared/clock.ts';
import { newId } from '#shared/ids.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/index.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { createStatementStore } from '#shared/moderation/store/statements.ts';
import { createStatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import type { SubmissionReport } from '#shared/moderation/use-cases/submit-statements.ts';
import { statementSubmissionHandlerFromEnvironment } from '#shared/moderation/wiring/statement-submission.ts';
import { lambdaContext } from '../support/events.ts';
import { createModerationHarness, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * The quarantine of the Transparency Database over the moderation API (DynamoDB Local) and the
 * submission job as its handler module wires it, against the local fake of the database: a
 * statement the database refuses is quarantined, listed with the database's errors, released by
 * a moderator, refused and quarantined again while its cause stands, and once the cause is fixed
 * released again, sent, and accepted exactly once, every quarantine kept in its record.
 */

const clock = fixedClock('2026-06-01T09:00:00.000Z');
let h: ModerationHarness;
let fake: TransparencyDatabaseFake;
let runJob: () => Promise<SubmissionReport>;
const facts = 'The page dates from 1999 and sells a miracle cure.';

beforeAll(async () => {
  h = await createModerationHarness({ clock, poll: false });
  fake = await startTransparencyDatabaseFake({ port: 0 });
  const handler = statementSubmissionHandlerFromEnvironment({ clock, env: { ...h.env, ...localTransparencyDatabaseEnvironment(fake.endpoint) } });
  runJob = () => handler(jobEvent('statement-submission', clock.now()), lambdaContext()) as Promise<SubmissionReport>;
});
afterAll(async () => {
  await h?.stop();
  await fake?.stop();
});

const moderator = (sub: string) => ({ caller: { sub, role: 'moderator' as const } });
const table = () => createTable(h.document, h.tableNames.moderation);

/** A statement with a content date before the database's lower bound (2000-01-01): the database refuses it. */
const issueStatementTheDatabaseRefuses = async () => {
  const statement: StatementOfReasons = {
    puid: newId('sor', clock.now()),
    caseId: newId('case', clock.now()),
    createdAt: clock.now().toISOString(),
    action: 'remove',
    ground: 'terms',
    groundReference: 'Terms of service 4.2',
    groundExplanation: 'A miracle cure sold as medicine.',
    facts,
    source: 'own_initiative',
    automatedDetection: false,
    automatedDecision: 'not_automated',
    category: 'false_advertising',
    contentType: 'text',
    contentDate: '1999-12-31',
    redress: [],
  };
  await table().transact([createStatementStore(table()).issueItem(statement), createStatementSubmissionStore(h.document, table()).pendingItem(statement)]);
  return statement.puid;
};

/** The cause fixed: here the stored statement's content date, which the job reads anew on every run. */
const fixContentDate = (puid: string) =>
  table().update({ Key: keys.statement(puid), UpdateExpression: 'SET contentDate = :d', ExpressionAttributeValues: { ':d': '2000-01-02' } });

const listQuarantine = async () => {
  const answer = await h.invoke({ routeKey: 'GET /v1/moderation/transparency-database/quarantine', ...moderator('mod-reader'), query: { limit: '100' } });
  expect(answer.status).toBe(200);
  return answer.body as { items: Array<Record<string, unknown>>; nextCursor: string | null };
};
const release = (puid: string, sub = 'mod-ann') =>
  h.invoke({ routeKey: 'POST /v1/moderation/transparency-database/quarantine/{puid}/release', ...moderator(sub), pathParameters: { puid } });
const timesAccepted = (puid: string) => fake.accepted().filter((s) => s.puid === puid).length;

describe('the quarantine of the Transparency Database', () => {
  it('lists a refused statement with its errors, sends it again once released, quarantines it again while the cause stands', async () => {
    // Prepare: a refused statement, quarantined by a run.
    const puid = await issueStatementTheDatabaseRefuses();
    expect(await runJob()).toMatchObject({ pending: 1, quarantined: 1 });

    // Act: read the quarantine, then release without fixing the cause and run again.
    const listed = await listQuarantine();
    clock.advance(60_000);
    const firstRelease = await release(puid, 'mod-ann');
    const rerun = await runJob();

    // Assess: listed with the database's errors and nothing of the statement; refused again, quarantined again.
    expect(listed.items).toEqual([
      { puid, issuedAt: '2026-06-01T09:00:00.000Z', quarantinedAt: '2026-06-01T09:00:00.000Z', errors: { content_date: [expect.stringContaining('2000-01-01')] }, releases: [] },
    ]);
    expect(JSON.stringify(listed)).not.toContain('1999');
    expect(JSON.stringify(listed)).not.toContain(facts);
    expect(firstRelease.status).toBe(200);
    expect(firstRelease.body).toMatchObject({ puid, status: 'pending', releases: [{ releasedBy: 'mod-ann', releasedAt: '2026-06-01T09:01:00.000Z', errors: { content_date: expect.any(Array) } }] });
    expect(rerun).toMatchObject({ pending: 1, submitted: 0, quarantined: 1 });
    const again = await listQuarantine();
    expect(again.items).toHaveLength(1);
    expect(again.items[0]).toMatchObject({ puid, quarantinedAt: '2026-06-01T09:01:00.000Z', releases: [{ releasedBy: 'mod-ann', quarantinedAt: '2026-06-01T09:00:00.000Z' }] });
    expect(timesAccepted(puid)).toBe(0);
  });

  it('sends a released statement once its cause is fixed: it reaches the database once, and its record keeps every quarantine', async () => {
    // Prepare
    const puid = await issueStatementTheDatabaseRefuses();
    await runJob();
    await fixContentDate(puid);
    clock.advance(60_000);

    // Act
    const released = await release(puid, 'mod-ben');
    const releasedTwice = await release(puid, 'mod-ben');
    const sent = await runJob();
    const nothingLeft = await runJob();
    const afterSending = await release(puid, 'mod-ben');

    // Assess
    expect(released.status).toBe(200);
    expect([releasedTwice.status, releasedTwice.body?.type]).toEqual([409, 'urn:user-protection:problem:not-quarantined']);
    expect(sent).toMatchObject({ pending: 1, submitted: 1, quarantined: 0 });
    expect(nothingLeft).toMatchObject({ pending: 0, requests: 0 });
    expect(timesAccepted(puid)).toBe(1);
    expect(afterSending.status).toBe(409);
    expect((await listQuarantine()).items.map((item) => item.puid)).not.toContain(puid);
    const record = await createStatementSubmissionStore(h.document, table()).get(puid);
    expect(record).toMatchObject({ status: 'submitted', releases: [{ releasedBy: 'mod-ben', apiErrors: { content_date: expect.any(Array) } }] });
  });

  it('answers 404 for an unknown statement and 400 for a malformed puid', async () => {
    const answers = [await release(newId('sor', clock.now())), await release('sor_not-a-puid')];
    expect(answers.map((answer) => answer.status)).toEqual([404, 400]);
  });

  it('pages the quarantine, oldest first, with cursors sealed for their caller', async () => {
    // Prepare: two more quarantined, at later times.
    const later = [];
    for (let i = 0; i < 2; i += 1) {
      clock.advance(60_000);
      later.push(await issueStatementTheDatabaseRefuses());
      await runJob();
    }
    const all = (await listQuarantine()).items.map((item) => item.puid);
    const route = 'GET /v1/moderation/transparency-database/quarantine';

    // Act
    const first = await h.invoke({ routeKey: route, ...moderator('mod-pager'), query: { limit: '1' } });
    const second = await h.invoke({ routeKey: route, ...moderator('mod-pager'), query: { limit: '100', cursor: first.body!.nextCursor as string } });
    const stolen = await h.invoke({ routeKey: route, ...moderator('mod-other'), query: { limit: '1', cursor: first.body!.nextCursor as string } });

    // Assess
    expect(all.slice(-2)).toEqual(later);
    expect([...(first.body!.items as Array<{ puid: string }>), ...(second.body!.items as Array<{ puid: string }>)].map((item) => item.puid)).toEqual(all);
    expect(stolen.status).toBe(400);
  });
});
