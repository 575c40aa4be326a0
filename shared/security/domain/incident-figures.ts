import { severities, type Severity } from '#shared/security/domain/audit.ts';
import { incidentCategories, type Incident, type IncidentCategory } from '#shared/security/domain/incidents.ts';
import { monthsOfQuarter, quarterBounds } from '#shared/figures/periods.ts';

/**
 * The incident figures of a calendar quarter (UTC), as the transparency report states them: the
 * incidents detected in it by category and by severity, the median time to contain and to
 * resolve them, and the security-incident rate per million active people (the incidents divided
 * by the quarter's average reported monthly active people). A month the platform has not
 * reported is left out of the average; with no month reported there is no rate, and the reason
 * says so.
 */

const HOUR_MS = 3_600_000;

/** The monthly active people the platform reported for one month (`YYYY-MM`). */
export interface MonthlyActivePeople {
  month: string;
  activePeople: number;
}

export interface IncidentFigures {
  quarter: string;
  /** Incidents detected in the quarter. */
  incidents: number;
  byCategory: Record<IncidentCategory, number>;
  bySeverity: Record<Severity, number>;
  /** Of them, those involving personal data. */
  personalDataInvolved: number;
  /** Median hours from detection to containment, over those contained; null when none is. */
  medianHoursToContain: number | null;
  contained: number;
  /** Median hours from detection to resolution, over those resolved; null when none is. */
  medianHoursToResolve: number | null;
  resolved: number;
  rate: {
    /** Incidents per million active people; null when no month of the quarter is reported (see `reason`). */
    perMillionActivePeople: number | null;
    /** The mean of the reported months' active people. */
    averageMonthlyActivePeople: number | null;
    monthsReported: string[];
    reason?: string;
  };
}

/** The quarter's three months (`2026-Q4` -> 2026-10, 2026-11, 2026-12) and its bounds, start inclusive, end exclusive. */
export const quarterOf = (quarter: string): { months: string[]; start: string; end: string } => {
  const { start, end } = quarterBounds(quarter);
  return { months: monthsOfQuarter(quarter), start: start.toISOString(), end: end.toISOString() };
};

/** The median of the values (the mean of the middle two for an even count); null for none. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const hoursFromDetection = (incident: Incident, to: string | undefined): number[] =>
  to ? [(Date.parse(to) - Date.parse(incident.detectedAt)) / HOUR_MS] : [];

const countBy = <K extends string>(keys: readonly K[], of: (incident: Incident) => K, incidents: readonly Incident[]) => {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const incident of incidents) counts[of(incident)] += 1;
  return counts;
};

const rateOf = (count: number, months: readonly string[], reported: readonly MonthlyActivePeople[]): IncidentFigures['rate'] => {
  const inQuarter = reported.filter((report) => months.includes(report.month));
  const monthsReported = [...new Set(inQuarter.map((report) => report.month))].sort();
  if (monthsReported.length === 0) {
    return { perMillionActivePeople: null, averageMonthlyActivePeople: null, monthsReported, reason: 'No month of the quarter has its active people reported' };
  }
  const byMonth = new Map(inQuarter.map((report) => [report.month, report.activePeople]));
  const average = monthsReported.reduce((sum, month) => sum + byMonth.get(month)!, 0) / monthsReported.length;
  if (average === 0) {
    return { perMillionActivePeople: null, averageMonthlyActivePeople: 0, monthsReported, reason: 'The reported active people are zero' };
  }
  return { perMillionActivePeople: roundTo((count / average) * 1e6, 3), averageMonthlyActivePeople: roundTo(average, 1), monthsReported };
};

/**
 * The figures of `quarter` (`YYYY-Qn`) from the stored incidents (those detected outside the
 * quarter are ignored) and the monthly active people reported (other months are ignored).
 */
export const incidentFiguresOf = (
  quarter: string,
  incidents: readonly Incident[],
  activePeople: readonly MonthlyActivePeople[],
): IncidentFigures => {
  const { months, start, end } = quarterOf(quarter);
  const [from, to] = [Date.parse(start), Date.parse(end)];
  const inQuarter = incidents.filter((incident) => Date.parse(incident.detectedAt) >= from && Date.parse(incident.detectedAt) < to);
  const toContain = inQuarter.flatMap((incident) => hoursFromDetection(incident, incident.containedAt));
  const toResolve = inQuarter.flatMap((incident) => hoursFromDetection(incident, incident.resolvedAt));
  const medianOf = (values: number[]) => {
    const value = median(values);
    return value === null ? null : roundTo(value, 1);
  };
  return {
    quarter,
    incidents: inQuarter.length,
    byCategory: countBy(incidentCategories, (incident) => incident.category, inQuarter),
    bySeverity: countBy(severities, (incident) => incident.severity, inQuarter),
    personalDataInvolved: inQuarter.filter((incident) => incident.personalDataInvolved).length,
    medianHoursToContain: medianOf(toContain),
    contained: toContain.length,
    medianHoursToResolve: medianOf(toResolve),
    resolved: toResolve.length,
    rate: rateOf(inQuarter.length, months, activePeople),
  };
};
