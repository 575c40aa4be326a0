import { describe, expect, it } from 'vitest';
import { periodFigures } from '#shared/customer-service/domain/figures.ts';
import { figuresView } from '#shared/customer-service/use-cases/figures.ts';
import { FiguresQuerySchema, resolveFiguresQuery } from '#shared/figures/query.ts';
import { firstResponseBucket, OVERFLOW_BUCKET, quantileMs } from '#shared/figures/histogram.ts';
import { periodOf } from '#shared/figures/periods.ts';

const MINUTE_MS = 60_000;

describe('first-response histogram', () => {
  it.each([
    { duration: 0, bucket: '00001' },
    { duration: 30_000, bucket: '00001' },
    { duration: MINUTE_MS, bucket: '00001' },
    { duration: MINUTE_MS + 1, bucket: '00002' },
    { duration: 59.5 * MINUTE_MS, bucket: '00060' },
    { duration: 61 * MINUTE_MS, bucket: '00070' },
    { duration: 23 * 60 * MINUTE_MS + 59 * MINUTE_MS, bucket: '01440' },
    { duration: 24 * 60 * MINUTE_MS + 1, bucket: '01450' },
    { duration: 49 * 60 * MINUTE_MS - 1, bucket: '02940' },
    { duration: 31 * 24 * 60 * MINUTE_MS, bucket: OVERFLOW_BUCKET },
  ])('puts $duration ms in bucket $bucket', ({ duration, bucket }) => {
    // Act
    const label = firstResponseBucket(duration);

    // Assess
    expect(label).toBe(bucket);
  });

  it('gives the median and p90 as the upper edge of the bucket they fall in (nearest rank)', () => {
    // Prepare: 10 responses: 5 within 1 minute, 3 within 30, 1 within 2 h, 1 after 3 days.
    const buckets = { '00001': 5, '00030': 3, '00120': 1, '04380': 1 };

    // Act
    const median = quantileMs(buckets, 0.5);
    const p90 = quantileMs(buckets, 0.9);
    const max = quantileMs(buckets, 1);

    // Assess
    expect(median).toBe(1 * MINUTE_MS);
    expect(p90).toBe(120 * MINUTE_MS);
    expect(max).toBe(4380 * MINUTE_MS);
    expect(quantileMs({}, 0.5)).toBeUndefined();
  });
});

describe('periods', () => {
  it.each([
    { at: '2026-01-01T00:00:00.000Z', day: '2026-01-01', month: '2026-01', quarter: '2026-Q1' },
    { at: '2026-03-31T23:59:59.999Z', day: '2026-03-31', month: '2026-03', quarter: '2026-Q1' },
    { at: '2026-04-01T00:00:00.000Z', day: '2026-04-01', month: '2026-04', quarter: '2026-Q2' },
    { at: '2026-12-31T23:59:59.999Z', day: '2026-12-31', month: '2026-12', quarter: '2026-Q4' },
  ])('places $at in UTC periods', ({ at, day, month, quarter }) => {
    // Act
    const date = new Date(at);

    // Assess
    expect([periodOf(date, 'day'), periodOf(date, 'month'), periodOf(date, 'quarter')]).toEqual([day, month, quarter]);
  });
});

describe('the figures query', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  const resolve = (query: Record<string, string | undefined>) => {
    const parsed = FiguresQuerySchema.safeParse(query);
    return parsed.success ? resolveFiguresQuery(parsed.data, now) : parsed.error.issues.map((i) => i.path.join('.'));
  };

  it.each([
    { query: {}, expected: { granularity: 'month', from: '2026-11', to: '2026-11' } },
    { query: { granularity: 'day' }, expected: { granularity: 'day', from: '2026-11-29', to: '2026-11-29' } },
    { query: { granularity: 'quarter', from: '2026-Q1' }, expected: { granularity: 'quarter', from: '2026-Q1', to: '2026-Q4' } },
    { query: { from: '2026-01', to: '2026-03' }, expected: { granularity: 'month', from: '2026-01', to: '2026-03' } },
  ])('reads $query', ({ query, expected }) => {
    // Act
    const resolved = resolve(query);

    // Assess
    expect(resolved).toEqual(expected);
  });

  it.each([
    { query: { granularity: 'month', from: '2026-13' }, problem: ['from'] },
    { query: { granularity: 'day', from: '2026-11' }, problem: ['from'] },
    { query: { from: '2026-05', to: '2026-04' }, problem: ['from'] },
    { query: { granularity: 'week' }, problem: ['granularity'] },
    { query: { year: '2026' }, problem: [''] },
  ])('refuses $query', ({ query, problem }) => {
    // Act
    const resolved = resolve(query);

    // Assess
    expect(resolved).toEqual(problem);
  });

  it('refuses a span longer than the limit', () => {
    // Act
    const resolved = resolve({ granularity: 'month', from: '2020-01', to: '2026-11' });

    // Assess
    expect(resolved).toBe('At most 36 months per request');
  });
});

describe('figures from counters', () => {
  it('computes the share answered within 24 hours, breaches and response quantiles', () => {
    // Act
    const figures = periodFigures('2026-11', {
      received: 4,
      'received#channel#web': 3,
      'received#channel#email': 1,
      firstResponses: 3,
      'firstResponseTime#00010': 2,
      'firstResponseTime#01440': 1,
      commitmentMet: 3,
      commitmentMissed: 1,
      breaches: 2,
      'breaches#commitment': 1,
      'breaches#firstResponse': 1,
      'backlog#open': 2,
    });

    // Assess
    expect(figures).toMatchObject({
      received: 4,
      receivedByChannel: { web: 3, email: 1, app: 0, social: 0, phone: 0 },
      firstResponseMinutes: { median: 10, p90: 1440 },
      answeredWithin24Hours: { met: 3, missed: 1, share: 0.75 },
      breaches: { total: 2, commitment: 1, firstResponse: 1, nextResponse: 0, resolution: 0 },
      backlogAtLastSweep: { received: 0, open: 2, waiting_on_user: 0, resolved: 0, closed: 0 },
    });
  });

  it('lists every period of the range, empty ones included, and sums them', () => {
    // Act
    const view = figuresView(
      { granularity: 'month', from: '2026-11', to: '2027-01' },
      [
        { period: '2026-11', counters: { received: 2, 'backlog#open': 5 } },
        { period: '2027-01', counters: { received: 3, 'backlog#open': 1 } },
      ],
      { open: 4 },
    );

    // Assess
    expect(view.periods.map((p) => [p.period, p.received])).toEqual([
      ['2026-11', 2],
      ['2026-12', 0],
      ['2027-01', 3],
    ]);
    expect(view.total.received).toBe(5);
    expect(view.total.backlogAtLastSweep.open).toBe(1);
    expect(view.backlog.open).toBe(4);
    expect(view.total.answeredWithin24Hours.share).toBeNull();
  });
});
