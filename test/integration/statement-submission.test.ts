import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTransparencyDatabaseEnvironment, startTransparencyDatabaseFake, type TransparencyDatabaseFake } from '#infra/local/transparency-database.ts';
import { createTable } from '#shared/aws/table.ts';
import { fixedClock } from '#shared/clock.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/index.ts';
import { transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';
import { createStatementStore } from '#shared/moderation/store/statements.ts';
import { createStatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import { transparencyDatabaseEnv } from '#shared/moderation/transparency-database/config.ts';
import type { SubmissionReport } from '#shared/moderation/use-cases/submit-statements.ts';
import { statementSubmissionHandlerFromEnvironment } from '#shared/moderation/wiring/statement-submission.ts';
import { lambdaContext } from '../support/events.ts';
import { createModerationHarness, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * Statements of reasons reach the Transparency Database: cases decided through the moderation API
 * (DynamoDB Local, the SQS emulator) issue statements; the submission job, as its handler module
 * wires it, sends them to the local fake of the database, which validates each one under the
 * database's rules. Across runs each statement is accepted exactly once; one the database refuses
 * is quarantined with its errors while the others arrive; a 429 is waited out and retried.
 */

const clock = fixedClock('2026-06-01T09:00:00.000Z');
let h: ModerationHarness;
let fake: TransparencyDatabaseFake;
let runJob: () => Promise<SubmissionReport>;
const people = { reporters: [] as string[], authors: [] as string[] };
const explanation = 'A fake shop that takes payment and never ships.';

beforeAll(async () => {
  h = await createModerationHarness({ clock });
  fake = await startTransparencyDatabaseFake({ port: 0 });
  const handler = statementSubmissionHandlerFromEnvironment({ env: { ...h.env, ...localTransparencyDatabaseEnvironment(fake.endpoint) } });
  runJob = () => handler(jobEvent('statement-submission', clock.now()), lambdaContext()) as Promise<SubmissionReport>;
});
afterAll(async () => {
  await h?.stop();
  await fake?.stop();
});

const uid = () => randomUUID().slice(0, 8);
const moderator = { caller: { sub: 'mod-ann', role: 'moderator' as const } };

/** A notice on new content by a new reporter, triaged, claimed and decided with `action`; the statement's puid. */
const decidedCase = async (action: 'remove' | 'suspend_account') => {
  const reporter = `reporter-${uid()}`;
  const author = `author-${uid()}`;
  const contentId = `post-${uid()}`;
  people.reporters.push(reporter);
  people.authors.push(author);
  await h.invoke({
    routeKey: 'POST /v1/reports',
    caller: { sub: reporter, role: 'user' },
    body: { contentId, contentUrl: `https://platform.example/p/${contentId}`, category: 'fraud_or_scam', explanation, goodFaith: true },
  });
  await h.drain();
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator, query: { limit: '100' } });
  const caseId = (listed.body!.items as Array<Record<string, string>>).find((c) => c.contentId === contentId)!.id!;
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator, pathParameters: { id: caseId } });
  const decided = await h.invoke({
    routeKey: 'POST /v1/moderation/cases/{id}/decision',
    ...moderator,
    pathParameters: { id: caseId },
    body: {
      action,
      ground: 'terms',
      groundReference: 'Terms of service 4.2: fraud and scams',
      groundExplanation: 'The shop takes payment for goods it never ships.',
      facts: 'Three buyers paid and received nothing; the shop answers no messages.',
      contentType: 'text',
      affectedAccountId: author,
      ...(action === 'suspend_account' && { durationDays: 30 }),
    },
  });
  expect(decided.status).toBe(200);
  return decided.body!.statementId as string;
};

/** A statement issued before the database's lower bound for content dates: the database refuses it. */
const issueStatementTheDatabaseRefuses = async () => {
  const table = createTable(h.document, h.tableNames.moderation);
  const statement: StatementOfReasons = {
    puid: `sor_old-${uid()}`,
    caseId: 'case_old',
    createdAt: clock.now().toISOString(),
    action: 'remove',
    ground: 'terms',
    groundReference: 'Terms of service 4.2',
    groundExplanation: 'An old scam page.',
    facts: 'The page dates from 1999.',
    source: 'own_initiative',
    automatedDetection: false,
    automatedDecision: 'not_automated',
    category: 'fraud_or_scam',
    contentType: 'text',
    contentDate: '1999-12-31',
    redress: [],
  };
  await table.transact([createStatementStore(table).issueItem(statement), createStatementSubmissionStore(h.document, table).pendingItem(statement)]);
  return statement.puid;
};

const acceptedPuids = () => fake.accepted().map((s) => s.puid as string);

describe('the statement submission job', () => {
  it('delivers every statement exactly once across runs, quarantines the one refused, and waits out a 429', async () => {
    // Prepare: three decided cases.
    const firstThree = [await decidedCase('remove'), await decidedCase('suspend_account'), await decidedCase('remove')];

    // Act: run 1.
    const run1 = await runJob();

    // Assess
    expect(run1).toMatchObject({ enabled: true, pending: 3, submitted: 3, quarantined: 0 });
    expect(acceptedPuids().sort()).toEqual([...firstThree].sort());

    // Prepare: two more decided cases and a statement the database refuses.
    const nextTwo = [await decidedCase('remove'), await decidedCase('remove')];
    const refused = await issueStatementTheDatabaseRefuses();

    // Act: run 2, then run 3 with nothing new.
    const run2 = await runJob();
    const run3 = await runJob();

    // Assess: the refused one is quarantined with the database's error; the others arrived; nothing was sent twice.
    expect(run2).toMatchObject({ pending: 3, submitted: 2, quarantined: 1 });
    expect(run3).toMatchObject({ pending: 0, requests: 0 });
    const quarantined = await createStatementSubmissionStore(h.document, createTable(h.document, h.tableNames.moderation)).get(refused);
    expect(quarantined).toMatchObject({ status: 'quarantined', apiErrors: { content_date: [expect.stringContaining('2000-01-01')] } });
    expect(acceptedPuids().sort()).toEqual([...firstThree, ...nextTwo].sort());
    expect(fake.requests().filter((r) => r.status === 422).flatMap((r) => r.puids)).toContain(refused);

    // Prepare: one more, and a database that first answers 429 (Retry-After: 1).
    const last = await decidedCase('remove');
    await fetch(`${fake.endpoint}/fake/answers`, { method: 'POST', body: JSON.stringify({ status: 429, times: 1, retryAfter: '1' }) });

    // Act
    const run4 = await runJob();

    // Assess: retried once, delivered once.
    expect(run4).toMatchObject({ pending: 1, submitted: 1, retries: 1, requests: 2 });
    expect(fake.requests().slice(-2).map((r) => [r.status, r.puids])).toEqual([
      [429, [last]],
      [201, [last]],
    ]);

    // Assess: every statement accepted once, valid under the database's rules, with no personal data in it.
    const accepted = fake.accepted();
    expect(accepted.map((s) => s.puid).sort()).toEqual([...firstThree, ...nextTwo, last].sort());
    const sentOnce = fake.requests().filter((r) => r.status === 201).flatMap((r) => r.puids);
    expect(sentOnce).toHaveLength(new Set(sentOnce).size);
    for (const { uuid: _uuid, created_at: _createdAt, ...statement } of accepted) expect(transparencyErrors(statement)).toBeUndefined();
    const published = JSON.stringify(accepted);
    for (const person of [...people.reporters, ...people.authors]) expect(published).not.toContain(person);
    expect(published).not.toContain(explanation);
    expect(published).not.toContain('platform.example');
  });

  it('records that it is disabled, sends nothing and does not fail when no database is configured', async () => {
    // Prepare
    const before = fake.requests().length;
    await decidedCase('remove');
    const disabled = statementSubmissionHandlerFromEnvironment({ env: { ...h.env, [transparencyDatabaseEnv.url]: '' } });

    // Act
    const report = (await disabled(jobEvent('statement-submission', clock.now()), lambdaContext())) as SubmissionReport;

    // Assess
    expect(report).toMatchObject({ enabled: false, submitted: 0 });
    expect(fake.requests()).toHaveLength(before);
  });
});
