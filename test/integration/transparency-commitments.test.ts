import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metrics } from '#shared/observability/metrics.ts';
import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { PROMISES_TURNED_NOT_KEPT_METRIC } from '#shared/transparency/use-cases/watch-commitments.ts';
import { createCommitmentsHarness as createHarness } from '../support/commitments-harness.ts';
import { reportFiguresFixture } from '../support/report-figures-fixture.ts';

/**
 * The scorecard's hourly watch on DynamoDB Local, as its handler module wires it, on tables of its
 * own (test/support/commitments-harness.ts): the report's compilation is a stand-in whose figures
 * the test moves, trust and safety's counts are real counters in the figures table.
 */

const HOUR_MS = 3_600_000;

/** A quarter's figures with the 24-hour promise met or missed. */
const withFirstResponses = (quarter: string, missed: number): ReportFigures => {
  const figures = reportFiguresFixture(quarter);
  figures.customerService.answeredWithin24Hours = { met: 12, missed, share: 12 / (12 + missed) };
  return figures;
};

const metricWrites = () => {
  const spy = vi.spyOn(metrics, 'addMetric');
  return () => spy.mock.calls.filter(([name]) => name === PROMISES_TURNED_NOT_KEPT_METRIC).map(([, , value]) => value);
};

afterEach(() => vi.restoreAllMocks());

describe('the promise watch on DynamoDB Local', () => {
  it('counts a kept promise turning not kept once, moves its since, and shows it live', async () => {
    // Prepare
    const harness = await createHarness();
    const written = metricWrites();
    const t1 = new Date('2026-11-02T10:00:00Z');
    const t2 = new Date(t1.getTime() + HOUR_MS);
    const t3 = new Date(t2.getTime() + HOUR_MS);
    harness.figures.set('2026-Q4', withFirstResponses('2026-Q4', 0));

    // Act
    const first = await harness.run(t1);
    harness.figures.set('2026-Q4', withFirstResponses('2026-Q4', 1));
    const second = await harness.run(t2);
    const third = await harness.run(t3);
    const read = await harness.read(new Date(t3.getTime() + 60_000));

    // Assess
    expect([first.turnedNotKept, second.turnedNotKept, third.turnedNotKept]).toEqual([[], ['first-response-within-24-hours'], []]);
    expect(written()).toEqual([0, 1, 0]);
    const promise = read.body?.promises.find((p: { id: string }) => p.id === 'first-response-within-24-hours');
    expect(promise).toMatchObject({ verdict: 'not-kept', since: t2.toISOString(), figure: { value: 12 / 13, unit: 'share' }, target: { value: 1 } });
    expect(promise.history).toEqual([{ quarter: '2026-Q4', verdict: 'not-kept', figure: { value: 12 / 13, unit: 'share' }, final: false }]);
    expect(read.body?.promises.find((p: { id: string }) => p.id === 'privacy-policy-published')).toMatchObject({ verdict: 'kept', since: t1.toISOString() });
  });

  it('finds content not reviewed when a revision submitted before the previous check is still unscreened', async () => {
    // Prepare: three revisions submitted and screened, then two more submitted and left unscreened
    const harness = await createHarness();
    const t1 = new Date('2026-11-02T10:00:00Z');
    const verdictAt = async (at: Date) => (await harness.run(at)).verdicts['content-reviewed-before-publication'];
    const add = (counters: Record<string, number>) =>
      harness.document.send(new TransactWriteCommand({ TransactItems: harness.moderationCounters.periodUpdates(t1, counters) }));
    await add({ 'contentReviews#submitted': 3, screened: 3 });

    // Act
    const first = await verdictAt(t1);
    const second = await verdictAt(new Date(t1.getTime() + HOUR_MS));
    await add({ 'contentReviews#submitted': 2 });
    const third = await verdictAt(new Date(t1.getTime() + 2 * HOUR_MS));
    const fourth = await verdictAt(new Date(t1.getTime() + 3 * HOUR_MS));
    await add({ screened: 2 });
    const fifth = await verdictAt(new Date(t1.getTime() + 4 * HOUR_MS));

    // Assess: the first check has no check before it; the submissions count an hour later
    expect([first, second, third, fourth, fifth]).toEqual(['not-yet-measurable', 'kept', 'kept', 'not-kept', 'kept']);
  });

  it('closes the quarter that ended since the last check, and keeps one record per quarter', async () => {
    // Prepare
    const harness = await createHarness();
    harness.figures.set('2026-Q3', withFirstResponses('2026-Q3', 0));
    harness.figures.set('2026-Q4', withFirstResponses('2026-Q4', 2));

    // Act
    await harness.run(new Date('2026-09-30T22:00:00Z'));
    const rolled = await harness.run(new Date('2026-10-01T00:05:00Z'));
    const read = await harness.read(new Date('2026-10-01T00:10:00Z'));
    const page = await harness.read(new Date('2026-10-01T00:10:00Z'), { headers: { accept: 'text/html' } });

    // Assess
    expect(rolled).toMatchObject({ quarter: '2026-Q4', closedQuarter: '2026-Q3', turnedNotKept: ['first-response-within-24-hours'] });
    const history = read.body?.promises.find((p: { id: string }) => p.id === 'first-response-within-24-hours').history;
    expect(history.map((h: { quarter: string; verdict: string; final: boolean }) => [h.quarter, h.verdict, h.final])).toEqual([
      ['2026-Q4', 'not-kept', false],
      ['2026-Q3', 'kept', true],
    ]);
    expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.text).toContain('2026-Q3');
  });
});
