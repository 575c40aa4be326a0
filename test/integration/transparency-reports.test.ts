import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { runJob } from '#infra/local/run-job.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';
import { createReportStore } from '#shared/transparency/store/report-store.ts';
import { invokedViolations } from '../support/contract.ts';
import { createTransparencyReportsHarness, type TransparencyReportsHarness } from '../support/transparency-reports-harness.ts';

/**
 * The quarterly transparency report on DynamoDB Local: the job compiles the quarter just ended
 * into its draft (as EventBridge Scheduler or `npm run job -- transparency-report` runs it), comms
 * write the qualitative sections and publish; a second publication of the same content changes
 * nothing; a correction is a new version superseding the first, which stays readable. Every
 * answer is held to the OpenAPI document.
 */

const quarterEnd = new Date('2027-01-01T06:00:00.000Z');
const comms = { sub: `comms-${randomUUID().slice(0, 8)}`, role: 'comms' as const };
const qualitative = {
  en: { summary: 'A quiet quarter.', sections: [{ heading: 'Complaints', body: 'Most were answered within a day.' }] },
  'zh-CN': { summary: '平静的一个季度。', sections: [{ heading: '投诉', body: '大多数在一天内得到答复。' }] },
};
const correction = { en: 'Two complaints filed on 31 December were counted late.', 'zh-CN': '12月31日提交的两起投诉计入较晚。' };

type Request = Parameters<TransparencyReportsHarness['invoke']>[0];
const call = async (harness: TransparencyReportsHarness, request: Request) => {
  const answer = await harness.invoke(request);
  expect(invokedViolations(request, answer)).toEqual([]);
  return answer;
};
const draftOf = (harness: TransparencyReportsHarness, quarter: string) =>
  call(harness, { routeKey: 'GET /v1/transparency/reports/drafts/{quarter}', caller: comms, pathParameters: { quarter } });
const writeText = (harness: TransparencyReportsHarness, quarter: string, revision: number) =>
  call(harness, { routeKey: 'PUT /v1/transparency/reports/drafts/{quarter}', caller: comms, pathParameters: { quarter }, body: { qualitative, revision } });
const publish = (harness: TransparencyReportsHarness, quarter: string, body: Record<string, unknown>) =>
  call(harness, { routeKey: 'POST /v1/transparency/reports/drafts/{quarter}/publish', caller: comms, pathParameters: { quarter }, body });
const latest = (harness: TransparencyReportsHarness, quarter: string) =>
  call(harness, { routeKey: 'GET /v1/transparency/reports/{quarter}', pathParameters: { quarter } });

describe('the quarterly report from the job to its corrections', () => {
  it('compiles the quarter just ended, publishes it once, and corrects it as version 2', async () => {
    const clock = fixedClock(quarterEnd);
    const harness = await createTransparencyReportsHarness({ clock });

    // The scheduled run names no quarter: the one just ended. A re-run with the same figures changes nothing.
    const scheduled = await harness.runJob(quarterEnd);
    const rerun = await harness.runJob(new Date('2027-01-01T07:00:00.000Z'), '2026-Q4');
    expect(scheduled).toEqual({ quarter: '2026-Q4', revision: 1, created: true, changed: true });
    expect(rerun).toEqual({ quarter: '2026-Q4', revision: 1, created: false, changed: false });

    clock.advance(24 * 60 * 60 * 1000);
    const written = await writeText(harness, '2026-Q4', 1);
    expect([written.status, written.body?.revision, written.body?.qualitative]).toEqual([200, 2, qualitative]);

    const first = await publish(harness, '2026-Q4', { revision: 2 });
    clock.advance(60 * 60 * 1000);
    const again = await publish(harness, '2026-Q4', { revision: 2 });
    expect([first.status, first.body?.created, first.body?.version.version, first.body?.version.supersedes]).toEqual([201, true, 1, null]);
    expect(first.headers.location).toBe('/v1/transparency/reports/2026-Q4/versions/1');
    expect([again.status, again.body?.created, again.body?.version]).toEqual([200, false, first.body?.version]);
    expect(harness.published.map((event) => [event.type, event.detail])).toEqual([
      [
        'transparency.report-published',
        {
          eventId: 'report-2026-Q4-1:0',
          quarter: '2026-Q4',
          version: 1,
          contentHash: first.body?.version.contentHash,
          publishedAt: first.body?.version.publishedAt,
          supersedes: null,
        },
      ],
    ]);

    // A late complaint: the job runs again; comms publish the correction, saying what changed.
    harness.compiled.complaints = 14;
    const recompiled = await harness.runJob(new Date('2027-01-03T06:00:00.000Z'), '2026-Q4');
    expect(recompiled).toEqual({ quarter: '2026-Q4', revision: 3, created: false, changed: true });
    const draft = await draftOf(harness, '2026-Q4');
    expect(draft.body).toMatchObject({ revision: 3, qualitative, unpublishedChanges: true, latestVersion: { version: 1 }, figures: { customerService: { received: 14 } } });
    expect(draft.body?.changedSinceLatest).toEqual([
      'figures.customerService.complaintsPerThousandActivePeople',
      'figures.customerService.received',
      'figures.customerService.receivedByCategory.payment',
      'figures.customerService.receivedByChannel.web',
    ]);
    const withoutCorrection = await publish(harness, '2026-Q4', { revision: 3 });
    const corrected = await publish(harness, '2026-Q4', { revision: 3, correction });

    expect([withoutCorrection.status, withoutCorrection.body?.type]).toEqual([422, 'urn:user-protection:problem:correction-required']);
    expect(corrected.status).toBe(201);
    expect(corrected.body?.version).toMatchObject({ version: 2, supersedes: 1, correction, figures: { customerService: { received: 14 } } });
    expect(corrected.body?.version.contentHash).not.toBe(first.body?.version.contentHash);

    const now = await latest(harness, '2026-Q4');
    const one = await call(harness, { routeKey: 'GET /v1/transparency/reports/{quarter}/versions/{version}', pathParameters: { quarter: '2026-Q4', version: '1' } });
    const list = await call(harness, { routeKey: 'GET /v1/transparency/reports' });
    expect(now.body).toEqual(corrected.body?.version);
    expect(one.body).toEqual(first.body?.version);
    expect(one.headers['cache-control']).toContain('immutable');
    expect(list.body?.items).toEqual([
      { quarter: '2026-Q4', version: 2, publishedAt: corrected.body?.version.publishedAt, firstPublishedAt: first.body?.version.publishedAt, contentHash: corrected.body?.version.contentHash, supersedes: 1 },
    ]);
    expect(harness.published.map((event) => (event.detail as { version: number }).version)).toEqual([1, 2]);
    expect(JSON.stringify([now.body, one.body, list.body, harness.published])).not.toContain(comms.sub);
  });

  it('refuses a quarter that has not begun, from the job and from comms', async () => {
    const harness = await createTransparencyReportsHarness({ clock: fixedClock('2026-12-06T12:00:00.000Z') });

    const job = harness.runJob(new Date('2026-12-06T12:00:00.000Z'), '2027-Q1');
    // Its refusal is looked at below, once comms' answer is in.
    job.catch(() => undefined);
    const byComms = await call(harness, { routeKey: 'POST /v1/transparency/reports', caller: comms, body: { quarter: '2027-Q1' } });

    await expect(job).rejects.toThrow(/2027-Q1 has not begun yet/);
    expect([byComms.status, byComms.body?.type]).toEqual([409, 'urn:user-protection:problem:quarter-not-started']);
    expect(harness.compiled.quarters).toEqual([]);
  });

  it('compiles the quarter under way to date, which a later compilation after its end corrects', async () => {
    const harness = await createTransparencyReportsHarness({ clock: fixedClock('2026-12-06T12:00:00.000Z') });

    const toDate = await call(harness, { routeKey: 'POST /v1/transparency/reports', caller: comms, body: { quarter: '2026-Q4' } });

    expect(toDate.status).toBe(201);
    expect(toDate.body?.figures).toMatchObject({ quarter: '2026-Q4', compiledAt: '2026-12-06T12:00:00.000Z', period: { end: '2027-01-01T00:00:00.000Z' } });
    expect(harness.compiled.quarters).toEqual(['2026-Q4']);
  });

  it('keeps comms’ text when comms compile again, and refuses an edit over a stale revision', async () => {
    const harness = await createTransparencyReportsHarness({ clock: fixedClock('2026-10-02T09:00:00.000Z') });

    const created = await call(harness, { routeKey: 'POST /v1/transparency/reports', caller: comms, body: { quarter: '2026-Q3' } });
    await writeText(harness, '2026-Q3', 1);
    harness.compiled.complaints = 20;
    const refreshed = await call(harness, { routeKey: 'POST /v1/transparency/reports', caller: comms, body: { quarter: '2026-Q3' } });
    const stale = await writeText(harness, '2026-Q3', 2);

    expect([created.status, created.body?.revision, created.body?.latestVersion, created.headers.location]).toEqual([201, 1, null, '/v1/transparency/reports/drafts/2026-Q3']);
    expect([refreshed.status, refreshed.body?.revision, refreshed.body?.qualitative, refreshed.body?.figures.customerService.received]).toEqual([200, 3, qualitative, 20]);
    expect([stale.status, stale.body?.type]).toEqual([409, 'urn:user-protection:problem:revision-conflict']);
  });
});

describe('the quarter’s report for the promise of a report every quarter', () => {
  it('is the first version compiled after the quarter’s end: a report to date does not count', async () => {
    const clock = fixedClock('2026-12-06T12:00:00.000Z');
    const harness = await createTransparencyReportsHarness({ clock });
    const toDate = await call(harness, { routeKey: 'POST /v1/transparency/reports', caller: comms, body: { quarter: '2026-Q4' } });
    await writeText(harness, '2026-Q4', toDate.body?.revision);
    expect((await publish(harness, '2026-Q4', { revision: toDate.body!.revision + 1 })).status).toBe(201);
    const afterToDate = await harness.store.finalPublishedAt('2026-Q4');

    clock.advance(Date.parse('2027-01-02T09:00:00.000Z') - clock.now().getTime());
    harness.compiled.complaints = 15;
    const final = await call(harness, { routeKey: 'POST /v1/transparency/reports', caller: comms, body: { quarter: '2026-Q4' } });
    const corrected = await publish(harness, '2026-Q4', { revision: final.body?.revision, correction });

    expect(afterToDate).toBeNull();
    expect(corrected.status).toBe(201);
    expect(await harness.store.finalPublishedAt('2026-Q4')).toBe('2027-01-02T09:00:00.000Z');
    expect(await harness.store.finalPublishedAt('2026-Q3')).toBeNull();
  });
});

describe('publications at the same moment', () => {
  it('number one version: the other answers it unchanged', async () => {
    const harness = await createTransparencyReportsHarness({ clock: fixedClock('2026-07-02T09:00:00.000Z') });
    await harness.runJob(new Date('2026-07-01T06:00:00.000Z'));
    await writeText(harness, '2026-Q2', 1);

    const answers = await Promise.all([publish(harness, '2026-Q2', { revision: 2 }), publish(harness, '2026-Q2', { revision: 2 })]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers[0]?.body?.version).toEqual(answers[1]?.body?.version);
    expect(harness.published).toHaveLength(1);
    expect(await harness.store.getVersion('2026-Q2', 2)).toBeUndefined();
  });
});

describe('npm run job -- transparency-report, from its own entry on the local stack', () => {
  it('compiles the named quarter from the kept figures into its draft, and a re-run creates nothing', async () => {
    const root = inject('localStack').root;
    const now = new Date('2026-12-06T12:00:00.000Z');

    const first = await runJob({ root, job: 'transparency-report', now, quarter: '2023-Q2' });
    const again = await runJob({ root, job: 'transparency-report', now, quarter: '2023-Q2' });
    const notBegun = runJob({ root, job: 'transparency-report', now, quarter: '2027-Q1' });

    expect(first.event).toEqual({ job: 'transparency-report', time: now.toISOString(), quarter: '2023-Q2' });
    expect(first.result).toEqual({ quarter: '2023-Q2', revision: 1, created: true, changed: true });
    expect(again.result).toMatchObject({ quarter: '2023-Q2', created: false });
    await expect(notBegun).rejects.toThrow(/2027-Q1 has not begun yet/);
    // The current quarter after its end, as the schedule runs it.
    const afterItsEnd = await runJob({ root, job: 'transparency-report', now: new Date('2027-01-01T06:00:00Z'), quarter: '2026-Q4' });
    expect(afterItsEnd.result).toEqual({ quarter: '2026-Q4', revision: 1, created: true, changed: true });
    const store = createReportStore({ db: createDynamoClients().document, tableName: readTableName(transparencyManifest.tables.transparency, process.env) });
    const draft = await store.getDraft('2023-Q2');
    expect(draft?.figures).toMatchObject({ quarter: '2023-Q2', period: { start: '2023-04-01T00:00:00.000Z', end: '2023-07-01T00:00:00.000Z' }, compiledAt: now.toISOString() });
  });
});
