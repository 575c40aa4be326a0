import { describe, expect, it } from 'vitest';
import { monthResults } from '#shared/surveys/domain/results.ts';
import { surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { dataCategories } from '#shared/transparency/domain/data-categories.ts';
import {
  customerServiceSection,
  dataUseSection,
  meanMonthlyActivePeople,
  satisfactionMonth,
  securitySection,
  trustAndSafetySection,
} from '#shared/transparency/domain/report-sections.ts';
import type { SecurityFigures } from '#shared/security/index.ts';

/**
 * The report's sections from what the contexts keep: each number below is worked out by hand from
 * the counters given, not read back from the builders.
 */

const QUARTER = '2030-Q2';

describe('the customer-service section', () => {
  const counters = {
    received: 40,
    'received#channel#app': 30,
    'received#channel#web': 10,
    'received#category#billing': 25,
    'received#category#fraud': 15,
    commitmentMet: 36,
    commitmentMissed: 4,
    // 20 answered within 5 minutes, 20 within 45: the median is the 20th (5), the 90th percentile the 36th (45).
    'firstResponseTime#00005': 20,
    'firstResponseTime#00045': 20,
    breaches: 3,
    'breaches#commitment': 2,
    'breaches#resolution': 1,
    resolved: 10,
    resolvedLate: 1,
    // 9 resolved within 1440 minutes (24 h), 1 within 2880 (48 h): median 24 h, p90 the 9th = 24 h.
    'resolutionTime#01440': 9,
    'resolutionTime#02880': 1,
  };

  it('states the complaints, the promise, the response and resolution times', () => {
    // Act
    const section = customerServiceSection(QUARTER, counters, 8000);

    // Assess
    expect(section.received).toBe(40);
    expect(section.receivedByChannel).toMatchObject({ app: 30, web: 10 });
    expect(section.receivedByCategory).toMatchObject({ billing: 25, fraud: 15 });
    expect(section.complaintsPerThousandActivePeople).toBe(5);
    expect(section.answeredWithin24Hours).toEqual({ met: 36, missed: 4, share: 0.9 });
    expect(section.firstResponseMinutes).toEqual({ median: 5, p90: 45 });
    expect(section.breaches).toMatchObject({ total: 3, commitment: 2, resolution: 1 });
    expect(section).toMatchObject({ resolved: 10, resolvedLate: 1, monthlyActivePeople: 8000 });
    expect(section.resolutionHours).toEqual({ median: 24, p90: 24 });
  });

  it('states no rate without the active people of every month', () => {
    // Act
    const months = ['2030-04', '2030-05', '2030-06'];
    const partly = meanMonthlyActivePeople(months, [{ month: '2030-04', activePeople: 100 }]);
    const all = meanMonthlyActivePeople(months, months.map((month, i) => ({ month, activePeople: 100 * (i + 1) })));

    // Assess
    expect(partly).toBeNull();
    expect(all).toBe(200);
    expect(customerServiceSection(QUARTER, counters, partly).complaintsPerThousandActivePeople).toBeNull();
  });
});

describe('the trust-and-safety section', () => {
  it('follows the template: notices, decisions, screening, appeals, suspensions, rewards', () => {
    // Prepare
    const counters = {
      notices: 7,
      'notices#category#fraud_or_scam': 5,
      'notices#category#privacy': 2,
      'notices#source#user': 4,
      'notices#source#trusted_flagger': 2,
      'notices#source#anonymous': 1,
      'noticeToAction#00030': 3,
      decisions: 4,
      'decisions#automated': 1,
      'decisions#human': 3,
      'decisions#ground#illegal': 1,
      'decisions#ground#terms': 2,
      'actions#remove': 2,
      'actions#no_action': 1,
      screened: 10,
      'screening#truePositive': 3,
      'screening#falsePositive': 1,
      'screening#falseNegative': 2,
      appeals: 3,
      'appeals#outcome#upheld': 1,
      'appeals#outcome#reversed': 1,
      'appealTimeToDecide#01440': 1,
      'appealTimeToDecide#02880': 1,
      'misuse#suspensions': 1,
      'rewards#paid': 2,
      'rewards#points': 200,
      'rewards#cancelled': 1,
    };

    // Act
    const section = trustAndSafetySection(QUARTER, counters);

    // Assess
    expect(section.notices).toMatchObject({ total: 7, byTrustedFlaggers: 2, medianMinutesToAction: 30 });
    expect(section.notices.byCategory).toMatchObject({ fraud_or_scam: 5, privacy: 2, other: 0 });
    expect(section.decisions).toMatchObject({ total: 4, onLegalGround: 1, onTermsGround: 2, automatedOnly: 1, automatedOnlyShare: 0.25 });
    expect(section.decisions.byRestriction).toMatchObject({ remove: 2, no_action: 1, label: 0 });
    expect(section.screening).toEqual({ screened: 10, precision: 3 / 4, recall: 3 / 5 });
    // Two decided, in 24 h and 48 h: the median is the first, 24 h.
    expect(section.appeals).toEqual({ received: 3, outcomes: { upheld: 1, partly_reversed: 0, reversed: 1 }, medianHoursToDecide: 24 });
    expect(section.suspensions).toBe(1);
    expect(section.rewards).toEqual({ granted: 2, cancelled: 1, points: 200 });
    expect(section.authorityOrders.received).toEqual({ act: 0, provideInformation: 0 });
  });

  it('states no shares and no medians for a quarter without activity', () => {
    // Act
    const section = trustAndSafetySection(QUARTER, {});

    // Assess
    expect(section.decisions.automatedOnlyShare).toBeNull();
    expect(section.notices.medianMinutesToAction).toBeNull();
    expect(section.appeals.medianHoursToDecide).toBeNull();
    expect(section.screening).toEqual({ screened: 0, precision: null, recall: null });
  });
});

describe('the satisfaction months', () => {
  it('state the CSAT, its interval and its verdict against the target of the month', () => {
    // Prepare: 400 answers, 380 satisfied (95%)
    const results = monthResults('monthly', '2030-04', { 'monthly#csat#5': 300, 'monthly#csat#4': 80, 'monthly#csat#2': 20 }, undefined, surveyPolicy.target);

    // Act
    const month = satisfactionMonth(results);

    // Assess
    expect(month).toMatchObject({ month: '2030-04', responses: 400, score: 0.95, target: 0.9, verdict: 'met' });
    expect(month.interval!.lower).toBeLessThan(0.95);
    expect(month.interval!.upper).toBeGreaterThan(0.95);
  });

  it('say so when a month had too few answers', () => {
    // Act
    const month = satisfactionMonth(monthResults('monthly', '2030-05', { 'monthly#csat#5': 3 }, undefined, surveyPolicy.target));

    // Assess
    expect(month).toMatchObject({ responses: 3, score: 1, verdict: 'not-enough-responses' });
  });
});

describe('the security section', () => {
  it('takes the programme figures of the quarter', () => {
    // Prepare
    const figures = {
      quarter: QUARTER,
      asOf: '2030-07-01T06:00:00.000Z',
      audits: { scheduled: 1, scheduledCompleted: 1, onDemand: 2, failed: 0, onSchedule: true, firstCompletedAt: '2030-04-01T03:10:00.000Z' },
      findings: {
        opened: { critical: 0, high: 1, medium: 2, low: 0 },
        resolved: { critical: 0, high: 1, medium: 0, low: 0 },
        overdue: { critical: 0, high: 0, medium: 1, low: 0 },
        reopened: 0,
        medianDaysToFix: 3,
      },
      incidents: { incidents: 2, byCategory: { 'account-takeover': 2 }, rate: { perMillionActivePeople: 250 } },
      education: { campaignsRun: 1, campaigns: [], totals: { delivered: 100, read: 60, readWithinWindow: 50, shareReadWithinWindow: 0.5 } },
    } as unknown as SecurityFigures;

    // Act
    const section = securitySection(figures);

    // Assess
    expect(section.audits).toEqual({ scheduled: 1, completed: 1, onDemand: 2, failed: 0, onSchedule: true });
    expect(section.findings).toMatchObject({ medianDaysToFix: 3, reopened: 0, overdue: { medium: 1 } });
    expect(section.incidents).toEqual({ total: 2, byCategory: { 'account-takeover': 2 }, ratePerMillionActivePeople: 250 });
    expect(section.education).toEqual({ campaigns: 1, reached: 60, delivered: 100, readShare: 0.5 });
  });
});

describe('the data-use section', () => {
  const period = { start: '2030-04-01T00:00:00.000Z', end: '2030-07-01T00:00:00.000Z' };
  const version = (number: number, publishedAt: string, effectiveDate: string) => ({
    number,
    publishedAt,
    effectiveDate,
    summaryOfChanges: { en: `Version ${number}`, 'zh-CN': `第 ${number} 版` },
  });

  it('lists the categories, counts staff reads by role and kind, and the policy changes of the quarter', () => {
    // Act
    const section = dataUseSection({
      period,
      staffReadCounters: { reads: 3, 'reads#role#agent': 2, 'reads#role#moderator': 1, 'reads#kind#complaint': 2, 'reads#kind#appeal': 1 },
      policy: {
        inForce: 2,
        versions: [version(1, '2030-01-10T09:00:00.000Z', '2030-02-10'), version(2, '2030-04-20T09:00:00.000Z', '2030-05-20'), version(3, '2030-07-02T09:00:00.000Z', '2030-08-02')],
      },
      acknowledgements: { 1: 5, 2: 7 },
      dataSubjectRequests: { 'export.requested': 2, 'erasure.requested': 1 },
    });

    // Assess
    expect(section.categories.map((c) => c.category)).toEqual(dataCategories.map((c) => c.category));
    expect(section.staffAccesses).toMatchObject({ total: 3, byRole: { agent: 2, moderator: 1, security: 0 }, byResourceKind: { complaint: 2, appeal: 1, notice: 0 } });
    expect(section.dataSubjectRequests).toEqual({ 'export.requested': 2, 'erasure.requested': 1 });
    expect(section.privacyPolicy).toEqual({
      versionInForce: 2,
      changes: [{ version: 2, publishedAt: '2030-04-20T09:00:00.000Z', effectiveAt: '2030-05-20T00:00:00.000Z', summary: { en: 'Version 2', 'zh-CN': '第 2 版' } }],
      acknowledgements: { 1: 5, 2: 7 },
    });
  });

  it('catalogues every category with a purpose, a legal basis and a retention in words', () => {
    // Assess
    for (const category of dataCategories) {
      expect(category.purposes.length).toBeGreaterThan(0);
      expect(category.legalBasis).toMatch(/GDPR Art\. 6/);
      expect(category.retention.length).toBeGreaterThan(10);
    }
    expect(dataCategories.map((c) => c.category)).toEqual(
      expect.arrayContaining(['contact-details', 'complaint-text', 'notices-and-appeals', 'survey-free-text', 'notification-addresses', 'access-records']),
    );
  });
});
