import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { quarterBounds } from '#shared/transparency/domain/report-quarter.ts';

/**
 * A quarter's figures as the compilation produces them, with small numbers: the stand-in for the
 * compilation in tests of the report's lifecycle. `complaints` moves one figure (a recompilation
 * that found a late complaint).
 */
export const reportFiguresFixture = (quarter: string, options: { compiledAt?: string; complaints?: number } = {}): ReportFigures => {
  const { start, end } = quarterBounds(quarter);
  const complaints = options.complaints ?? 12;
  const months = [0, 1, 2].map((offset) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + offset, 1)).toISOString().slice(0, 7));
  return {
    quarter,
    period: { start: start.toISOString(), end: end.toISOString() },
    compiledAt: options.compiledAt ?? end.toISOString(),
    customerService: {
      received: complaints,
      receivedByChannel: { web: complaints - 2, email: 2, phone: 0, social: 0 },
      receivedByCategory: { account: 4, payment: complaints - 4 },
      monthlyActivePeople: 1500,
      complaintsPerThousandActivePeople: (complaints / 1500) * 1000,
      answeredWithin24Hours: { met: 10, missed: 2, share: 10 / 12 },
      firstResponseMinutes: { median: 45, p90: 600 },
      breaches: { firstResponse: 2, resolution: 0 },
      resolved: 9,
      resolvedLate: 1,
      resolutionHours: { median: 30, p90: 72 },
    },
    trustAndSafety: {
      authorityOrders: { received: { act: 0, provideInformation: 1 }, byMemberState: { DE: 1 }, byCategory: { scams_and_fraud: 1 }, medianHoursToConfirm: 2, medianHoursToGiveEffect: null },
      notices: { total: 7, byCategory: { illegal_speech: 3, scams_and_fraud: 4 }, byTrustedFlaggers: 1, bySource: { user: 6, trusted_flagger: 1 }, medianMinutesToAction: 90 },
      decisions: { total: 5, byRestriction: { removal: 3, visibility: 2 }, onLegalGround: 2, onTermsGround: 3, automatedOnly: 1, automatedOnlyShare: 0.2 },
      screening: { screened: 40, precision: 0.75, recall: 0.6 },
      appeals: { received: 2, outcomes: { upheld: 1, partly_reversed: 0, reversed: 1 }, medianHoursToDecide: 20 },
      suspensions: 0,
      rewards: { granted: 3, cancelled: 1, points: 30 },
    },
    satisfaction: {
      months: months.map((month) => ({ month, responses: 40, score: 0.925, interval: { lower: 0.8, upper: 0.97 }, target: 0.9, verdict: 'met' as const })),
    },
    security: {
      audits: { scheduled: 1, completed: 1, onDemand: 0, failed: 0, onSchedule: true },
      findings: { opened: { high: 1, low: 2 }, resolved: { high: 1, low: 0 }, overdue: { high: 0, low: 0 }, reopened: 0, medianDaysToFix: 3 },
      incidents: { total: 1, byCategory: { phishing: 1 }, ratePerMillionActivePeople: 666.67 },
      education: { campaigns: 1, reached: 1400, delivered: 1390, readShare: 0.4 },
    },
    dataUse: {
      categories: [{ category: 'contact-details', purposes: ['answering complaints'], legalBasis: 'contract', retention: '24 months after the complaint is closed' }],
      staffAccesses: { total: 14, byRole: { agent: 12, supervisor: 2 }, byResourceKind: { complaint: 14 } },
      dataSubjectRequests: null,
      privacyPolicy: { versionInForce: 1, changes: [], acknowledgements: { version1: 120 } },
    },
  };
};
