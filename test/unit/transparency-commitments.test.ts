import { describe, expect, it } from 'vitest';
import { advanceCommitments, nextPromiseState, type CommitmentsState } from '#shared/transparency/domain/commitment-state.ts';
import { promiseIds, readPromises, type CommitmentFacts, type PromiseId, type Verdict } from '#shared/transparency/domain/commitments.ts';
import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { prefersHtml } from '#shared/transparency/http/commitment-handlers.ts';
import { scorecardPage } from '#shared/transparency/http/commitment-page.ts';
import type { Scorecard } from '#shared/transparency/use-cases/read-scorecard.ts';
import { reportFiguresFixture } from '../support/report-figures-fixture.ts';

/**
 * The promise scorecard: each promise's verdict from the quarter's figures (kept, not kept, or not
 * yet measurable before its deadline in the quarter), since when a verdict holds across checks,
 * the promises that turn from kept to not kept, and the public page.
 */

const QUARTER = '2026-Q4';
const DAY_MS = 86_400_000;
const dayOfQuarter = (day: number) => new Date(Date.UTC(2026, 9, 1) + (day - 1) * DAY_MS);

/** A quarter where every promise is kept. */
const keptFacts = (over: Partial<CommitmentFacts> = {}): CommitmentFacts => {
  const figures = reportFiguresFixture(QUARTER);
  figures.customerService.answeredWithin24Hours = { met: 12, missed: 0, share: 1 };
  return {
    figures,
    trustAndSafety: { contentReviews: { submitted: 50, screened: 48 }, rewards: { credited: 4, creditedLate: 0 } },
    submittedByPreviousCheck: 45,
    previousReportPublishedAt: '2026-10-10T09:00:00.000Z',
    ...over,
  };
};
const withFigures = (change: (figures: ReportFigures) => void): CommitmentFacts => {
  const facts = keptFacts();
  change(facts.figures);
  return facts;
};
const verdictsOf = (facts: CommitmentFacts, now: Date): Record<PromiseId, Verdict> =>
  Object.fromEntries(readPromises(facts, now).map((r) => [r.id, r.verdict])) as Record<PromiseId, Verdict>;

describe("the promises' verdicts", () => {
  it('finds every promise kept in a quarter that keeps them, in the plan order, with the live figures', () => {
    // Act
    const readings = readPromises(keptFacts(), dayOfQuarter(45));

    // Assess
    expect(readings.map((r) => r.id)).toEqual([...promiseIds]);
    expect(readings.every((r) => r.verdict === 'kept')).toBe(true);
    expect(Object.fromEntries(readings.map((r) => [r.id, r.figure.value]))).toEqual({
      'first-response-within-24-hours': 1,
      'satisfaction-at-least-90-percent': 0.925,
      'security-audit-every-quarter': 1,
      'education-campaign-every-quarter': 1,
      'content-reviewed-before-publication': 1,
      'valid-reports-rewarded': 1,
      'transparency-report-every-quarter': 1,
      'privacy-policy-published': 1,
    });
  });

  it('finds each promise not kept when its figure falls short', () => {
    const now = dayOfQuarter(45);
    const cases: Array<[PromiseId, CommitmentFacts]> = [
      ['first-response-within-24-hours', withFigures((f) => (f.customerService.answeredWithin24Hours = { met: 11, missed: 1, share: 11 / 12 }))],
      ['satisfaction-at-least-90-percent', withFigures((f) => (f.satisfaction.months[2] = { ...f.satisfaction.months[2]!, score: 0.85, verdict: 'not-met' }))],
      ['security-audit-every-quarter', withFigures((f) => (f.security.audits = { ...f.security.audits, completed: 0, onSchedule: false }))],
      ['education-campaign-every-quarter', withFigures((f) => (f.security.education.campaigns = 0))],
      ['content-reviewed-before-publication', keptFacts({ submittedByPreviousCheck: 49 })],
      ['valid-reports-rewarded', keptFacts({ trustAndSafety: { contentReviews: { submitted: 50, screened: 48 }, rewards: { credited: 4, creditedLate: 1 } } })],
      ['transparency-report-every-quarter', keptFacts({ previousReportPublishedAt: null })],
      ['privacy-policy-published', withFigures((f) => (f.dataUse.privacyPolicy.versionInForce = null))],
    ];
    for (const [id, facts] of cases) {
      const verdicts = verdictsOf(facts, now);
      expect([id, verdicts[id]]).toEqual([id, 'not-kept']);
      expect(Object.values(verdicts).filter((v) => v !== 'kept')).toHaveLength(1);
    }
  });

  it('waits for the deadlines in the quarter: the audit by day 7, a campaign and the previous report by day 30', () => {
    // Prepare
    const nothingYet = withFigures((f) => {
      f.security.audits = { ...f.security.audits, completed: 0, onSchedule: false };
      f.security.education.campaigns = 0;
    });
    nothingYet.previousReportPublishedAt = null;
    const deadlined: PromiseId[] = ['security-audit-every-quarter', 'education-campaign-every-quarter', 'transparency-report-every-quarter'];
    const at = (day: number) => deadlined.map((id) => verdictsOf(nothingYet, dayOfQuarter(day))[id]);

    // Act, Assess
    expect(at(7)).toEqual(['not-yet-measurable', 'not-yet-measurable', 'not-yet-measurable']);
    expect(at(8)).toEqual(['not-kept', 'not-yet-measurable', 'not-yet-measurable']);
    expect(at(31)).toEqual(['not-kept', 'not-kept', 'not-kept']);
  });

  it('has nothing to judge without complaints, enough survey answers, reviews or rewards', () => {
    // Prepare
    const empty = withFigures((f) => {
      f.customerService.answeredWithin24Hours = { met: 0, missed: 0, share: null };
      f.satisfaction.months = f.satisfaction.months.map((m) => ({ ...m, score: null, interval: null, verdict: 'not-enough-responses' }));
    });
    empty.trustAndSafety = { contentReviews: { submitted: 0, screened: 0 }, rewards: { credited: 0, creditedLate: 0 } };
    empty.submittedByPreviousCheck = null;

    // Act
    const verdicts = verdictsOf(empty, dayOfQuarter(45));

    // Assess
    expect([
      verdicts['first-response-within-24-hours'],
      verdicts['satisfaction-at-least-90-percent'],
      verdicts['content-reviewed-before-publication'],
      verdicts['valid-reports-rewarded'],
    ]).toEqual(['not-yet-measurable', 'not-yet-measurable', 'not-yet-measurable', 'not-yet-measurable']);
  });

  it("judges satisfaction by the quarter's latest month with enough answers", () => {
    const facts = withFigures((f) => {
      f.satisfaction.months[1] = { ...f.satisfaction.months[1]!, score: 0.8, verdict: 'not-met' };
      f.satisfaction.months[2] = { ...f.satisfaction.months[2]!, score: null, interval: null, verdict: 'not-enough-responses' };
    });
    const reading = readPromises(facts, dayOfQuarter(80)).find((r) => r.id === 'satisfaction-at-least-90-percent');
    expect(reading).toEqual({ id: 'satisfaction-at-least-90-percent', figure: { value: 0.8, unit: 'share' }, verdict: 'not-kept' });
  });
});

describe('the kept verdicts between checks', () => {
  const T1 = '2026-10-02T10:00:00.000Z';
  const T2 = '2026-10-02T11:00:00.000Z';
  const T3 = '2026-10-02T12:00:00.000Z';

  it('keeps `since` while the verdict holds and moves it when the verdict changes', () => {
    const first = nextPromiseState(undefined, 'kept', T1);
    const same = nextPromiseState(first, 'kept', T2);
    const changed = nextPromiseState(same, 'not-kept', T3);
    expect([first.since, same.since, changed.since]).toEqual([T1, T1, T3]);
  });

  it('resumes the earlier `since` when a promise comes back to its verdict after a spell of not yet measurable', () => {
    const kept = nextPromiseState(undefined, 'kept', T1);
    const waiting = nextPromiseState(kept, 'not-yet-measurable', T2);
    const back = nextPromiseState(waiting, 'kept', T3);
    expect([waiting.since, back.since]).toEqual([T2, T1]);
  });

  it('names the promises that turn from kept to not kept, also across a spell of not yet measurable, and only once', () => {
    // Prepare
    const reading = (verdict: Verdict) => [{ id: 'security-audit-every-quarter' as const, figure: { value: 0, unit: 'count' as const }, verdict }];
    const check = (previous: CommitmentsState | undefined, verdict: Verdict, at: string) =>
      advanceCommitments(previous, { quarter: QUARTER, readings: reading(verdict), submittedForReview: 0, now: new Date(at) });

    // Act
    const kept = check(undefined, 'kept', T1);
    const waiting = check(kept.state, 'not-yet-measurable', T2);
    const broken = check(waiting.state, 'not-kept', T3);
    const stillBroken = check(broken.state, 'not-kept', '2026-10-02T13:00:00.000Z');
    const neverKept = check(undefined, 'not-kept', T1);

    // Assess
    expect([kept, waiting, broken, stillBroken, neverKept].map((c) => c.turnedNotKept)).toEqual([[], [], ['security-audit-every-quarter'], [], []]);
    expect(stillBroken.state.promises['security-audit-every-quarter']?.since).toBe(T3);
    expect(broken.record).toEqual({
      quarter: QUARTER,
      checkedAt: T3,
      final: false,
      promises: { 'security-audit-every-quarter': { verdict: 'not-kept', figure: { value: 0, unit: 'count' } } },
    });
  });
});

describe('the public page', () => {
  const scorecard: Scorecard = {
    quarter: QUARTER,
    readAt: '2026-11-01T10:00:00.000Z',
    checkedAt: '2026-11-01T09:00:00.000Z',
    promises: [
      {
        id: 'first-response-within-24-hours',
        promise: { en: 'Every complaint <answered>', 'zh-CN': '每一项投诉' },
        target: { value: 1, unit: 'share' },
        figure: { value: 0.875, unit: 'share' },
        verdict: 'not-kept',
        since: '2026-10-20T10:00:00.000Z',
        history: [{ quarter: '2026-Q3', verdict: 'kept', figure: { value: 1, unit: 'share' }, final: true }],
      },
    ],
  };

  it('shows each figure, verdict and quarter in tables, escaped, in the language asked for', () => {
    const en = scorecardPage(scorecard, 'en');
    const zh = scorecardPage(scorecard, 'zh-CN');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Every complaint &lt;answered&gt;');
    expect(en).not.toContain('<answered>');
    expect(en).toContain('87.5%');
    expect(en).toContain('data-verdict="not-kept">Not kept');
    expect(en).toContain('Kept (100.0%)');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('未兑现');
    expect(en).not.toContain('<script');
  });

  it('answers HTML to a browser and JSON to everyone else', () => {
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml('application/json')).toBe(false);
    expect(prefersHtml('application/json;q=0.5, text/html')).toBe(true);
    expect(prefersHtml(undefined)).toBe(false);
  });
});
