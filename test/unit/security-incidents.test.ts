import { describe, expect, it } from 'vitest';
import { incidentFiguresOf, median, quarterOf } from '#shared/security/domain/incident-figures.ts';
import {
  awaitsRegulatorNotice,
  changeIncident,
  type Incident,
  IncidentInputError,
  type IncidentReport,
  recordIncident,
  regulatorNoticeOf,
} from '#shared/security/domain/incidents.ts';

const HOUR_MS = 3_600_000;
const now = new Date('2026-12-15T12:00:00.000Z');
const hoursBefore = (hours: number) => new Date(now.getTime() - hours * HOUR_MS).toISOString();
const meta = { id: 'inc_01J0000000000000000000000A', by: 'sec-1', now };

const report = (overrides: Partial<IncidentReport> = {}): IncidentReport => ({
  category: 'personal-data-breach',
  severity: 'high',
  detectedAt: hoursBefore(10),
  affectedPeople: 120,
  personalDataInvolved: true,
  ...overrides,
});

/** The field the domain refuses, or undefined when it accepts. */
const refusedField = (act: () => unknown): string | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    if (error instanceof IncidentInputError) return error.field;
    throw error;
  }
};

describe('recording an incident', () => {
  it('starts awareness at detection unless given, and takes its status from its times', () => {
    // Act
    const open = recordIncident(report(), meta);
    const contained = recordIncident(report({ awareAt: hoursBefore(8), containedAt: hoursBefore(5) }), meta);
    const resolved = recordIncident(report({ containedAt: hoursBefore(5), resolvedAt: hoursBefore(1) }), meta);

    // Assess
    expect(open).toMatchObject({ awareAt: open.detectedAt, status: 'open', findingIds: [], complaintIds: [], version: 0 });
    expect(contained).toMatchObject({ awareAt: hoursBefore(8), status: 'contained' });
    expect(resolved.status).toBe('resolved');
  });

  it('writes every time in one form, so that times sort as strings', () => {
    // Act
    const incident = recordIncident(report({ detectedAt: '2026-12-15T01:02:03Z', containedAt: '2026-12-15T02:00:00.5Z' }), meta);

    // Assess
    expect(incident.detectedAt).toBe('2026-12-15T01:02:03.000Z');
    expect(incident.containedAt).toBe('2026-12-15T02:00:00.500Z');
  });

  it('refuses times out of order, in the future, or duties without personal data', () => {
    // Assess
    expect(refusedField(() => recordIncident(report({ containedAt: hoursBefore(11) }), meta))).toBe('containedAt');
    expect(refusedField(() => recordIncident(report({ awareAt: hoursBefore(12) }), meta))).toBe('awareAt');
    expect(refusedField(() => recordIncident(report({ resolvedAt: hoursBefore(1) }), meta))).toBe('resolvedAt');
    expect(refusedField(() => recordIncident(report({ containedAt: hoursBefore(2), resolvedAt: hoursBefore(3) }), meta))).toBe('resolvedAt');
    expect(refusedField(() => recordIncident(report({ detectedAt: new Date(now.getTime() + HOUR_MS).toISOString() }), meta))).toBe('detectedAt');
    expect(refusedField(() => recordIncident(report({ regulatorNotifiedAt: hoursBefore(11) }), meta))).toBe('regulatorNotifiedAt');
    expect(refusedField(() => recordIncident(report({ personalDataInvolved: false, regulatorNotifiedAt: hoursBefore(1) }), meta))).toBe(
      'regulatorNotifiedAt',
    );
    expect(
      refusedField(() => recordIncident(report({ personalDataInvolved: false, peopleNotice: { decision: 'notify', decidedAt: hoursBefore(1) } }), meta)),
    ).toBe('peopleNotice');
  });

  it('holds the decision on telling the people to its reason and times', () => {
    // Assess
    expect(refusedField(() => recordIncident(report({ peopleNotice: { decision: 'not-required', decidedAt: hoursBefore(1) } }), meta))).toBe(
      'peopleNotice.reason',
    );
    expect(
      refusedField(() =>
        recordIncident(report({ peopleNotice: { decision: 'notify', decidedAt: hoursBefore(2), peopleNotifiedAt: hoursBefore(3) } }), meta),
      ),
    ).toBe('peopleNotice.peopleNotifiedAt');
    expect(
      refusedField(() => recordIncident(report({ peopleNotice: { decision: 'not-required', reason: 'encrypted', decidedAt: hoursBefore(2) } }), meta)),
    ).toBeUndefined();
  });
});

describe('the 72-hour regulator deadline', () => {
  it('runs from awareness, with the hours left and overdue once passed', () => {
    // Prepare
    const incident = recordIncident(report({ awareAt: hoursBefore(6) }), meta);
    const later = new Date(now.getTime() + 70 * HOUR_MS);

    // Act
    const fresh = regulatorNoticeOf(incident, now);
    const passed = regulatorNoticeOf(incident, later);

    // Assess
    expect(fresh).toEqual({ deadline: new Date(now.getTime() + 66 * HOUR_MS).toISOString(), hoursLeft: 66, overdue: false, late: false });
    expect(passed).toMatchObject({ hoursLeft: -4, overdue: true });
    expect(awaitsRegulatorNotice(incident)).toBe(true);
  });

  it('stops once the regulator is told, saying whether it was late; none without personal data', () => {
    // Prepare
    const incident = recordIncident(report({ awareAt: hoursBefore(80) , detectedAt: hoursBefore(80) }), meta);

    // Act
    const notified = changeIncident(incident, { regulatorNotifiedAt: hoursBefore(1) }, { by: 'sec-2', now });

    // Assess
    expect(regulatorNoticeOf(notified, now)).toMatchObject({ notifiedAt: hoursBefore(1), hoursLeft: null, overdue: false, late: true });
    expect(awaitsRegulatorNotice(notified)).toBe(false);
    expect(regulatorNoticeOf(recordIncident(report({ personalDataInvolved: false }), meta), now)).toBeUndefined();
  });
});

describe('changing an incident', () => {
  it('replaces the fields given, clears those set to null, and checks the result as a whole', () => {
    // Prepare
    const incident = recordIncident(report({ containedAt: hoursBefore(5), findingIds: ['fnd_1', 'fnd_1'] }), meta);

    // Act
    const resolved = changeIncident(incident, { resolvedAt: hoursBefore(1), affectedPeople: 130 }, { by: 'sec-2', now });
    const reopened = changeIncident(resolved, { resolvedAt: null }, { by: 'sec-2', now });

    // Assess
    expect(incident.findingIds).toEqual(['fnd_1']);
    expect(resolved).toMatchObject({ status: 'resolved', affectedPeople: 130, updatedBy: 'sec-2', recordedBy: 'sec-1' });
    expect(reopened.status).toBe('contained');
    expect(reopened).not.toHaveProperty('resolvedAt');
    expect(refusedField(() => changeIncident(incident, { containedAt: null, resolvedAt: hoursBefore(1) }, { by: 'sec-2', now }))).toBe('resolvedAt');
  });
});

describe('the incident figures of a quarter', () => {
  const incident = (id: string, fields: Partial<Incident> & Pick<Incident, 'category' | 'severity' | 'detectedAt'>): Incident => ({
    id,
    status: 'open',
    awareAt: fields.detectedAt,
    affectedPeople: 0,
    personalDataInvolved: false,
    findingIds: [],
    complaintIds: [],
    recordedAt: fields.detectedAt,
    recordedBy: 'sec-1',
    updatedAt: fields.detectedAt,
    updatedBy: 'sec-1',
    version: 0,
    ...fields,
  });
  const at = (iso: string, plusHours = 0) => new Date(Date.parse(iso) + plusHours * HOUR_MS).toISOString();
  const incidents = [
    incident('a', { category: 'account-takeover', severity: 'high', detectedAt: '2026-10-05T00:00:00.000Z', containedAt: at('2026-10-05T00:00:00.000Z', 2), resolvedAt: at('2026-10-05T00:00:00.000Z', 10) }),
    incident('b', { category: 'personal-data-breach', severity: 'critical', detectedAt: '2026-11-01T00:00:00.000Z', containedAt: at('2026-11-01T00:00:00.000Z', 6), resolvedAt: at('2026-11-01T00:00:00.000Z', 30), personalDataInvolved: true }),
    incident('c', { category: 'fraud-wave', severity: 'medium', detectedAt: '2026-12-31T23:00:00.000Z', containedAt: at('2026-12-31T23:00:00.000Z', 4) }),
    // Outside the quarter, on either side.
    incident('d', { category: 'availability', severity: 'low', detectedAt: '2026-09-30T23:59:59.999Z' }),
    incident('e', { category: 'other', severity: 'high', detectedAt: '2027-01-01T00:00:00.000Z' }),
  ];
  const reported = [
    { month: '2026-10', activePeople: 1_200_000 },
    { month: '2026-11', activePeople: 1_500_000 },
    { month: '2026-12', activePeople: 1_800_000 },
    { month: '2027-01', activePeople: 9_999 },
  ];

  it('counts by category and severity, takes the medians, and the rate per million active people (by hand)', () => {
    // Act
    const figures = incidentFiguresOf('2026-Q4', incidents, reported);

    // Assess: 3 incidents; contained after 2, 6 and 4 hours (median 4); resolved after 10 and 30 (median 20);
    // average active people (1.2 M + 1.5 M + 1.8 M) / 3 = 1.5 M, so 3 / 1.5 M x 1 M = 2.
    expect(figures).toEqual({
      quarter: '2026-Q4',
      incidents: 3,
      byCategory: { 'personal-data-breach': 1, 'account-takeover': 1, 'fraud-wave': 1, availability: 0, 'exploited-vulnerability': 0, other: 0 },
      bySeverity: { critical: 1, high: 1, medium: 1, low: 0 },
      personalDataInvolved: 1,
      medianHoursToContain: 4,
      contained: 3,
      medianHoursToResolve: 20,
      resolved: 2,
      rate: { perMillionActivePeople: 2, averageMonthlyActivePeople: 1_500_000, monthsReported: ['2026-10', '2026-11', '2026-12'] },
    });
  });

  it('averages over the months reported only', () => {
    // Act: only October reported, 4 M people: 3 / 4 M x 1 M = 0.75
    const figures = incidentFiguresOf('2026-Q4', incidents, [{ month: '2026-10', activePeople: 4_000_000 }]);

    // Assess
    expect(figures.rate).toEqual({ perMillionActivePeople: 0.75, averageMonthlyActivePeople: 4_000_000, monthsReported: ['2026-10'] });
  });

  it('has no rate, with the reason, when no month of the quarter is reported', () => {
    // Act
    const figures = incidentFiguresOf('2026-Q4', incidents, [{ month: '2027-01', activePeople: 10 }]);

    // Assess
    expect(figures.rate).toEqual({
      perMillionActivePeople: null,
      averageMonthlyActivePeople: null,
      monthsReported: [],
      reason: 'No month of the quarter has its active people reported',
    });
  });

  it('has no medians when nothing is contained or resolved', () => {
    // Act
    const figures = incidentFiguresOf('2027-Q1', incidents, []);

    // Assess
    expect(figures).toMatchObject({ incidents: 1, medianHoursToContain: null, contained: 0, medianHoursToResolve: null, resolved: 0 });
  });

  it('knows the months and bounds of a quarter, and the median of an even count', () => {
    // Assess
    expect(quarterOf('2026-Q4')).toEqual({ months: ['2026-10', '2026-11', '2026-12'], start: '2026-10-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(quarterOf('2027-Q1').months).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(median([7, 1, 4, 10])).toBe(5.5);
    expect(median([])).toBeNull();
  });
});
