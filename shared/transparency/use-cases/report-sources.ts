import type { ActivePeopleReport } from '#shared/figures/active-people.ts';
import type { Counters } from '#shared/figures/store.ts';
import type { SecurityFigures } from '#shared/security/index.ts';
import type { MonthResults } from '#shared/surveys/index.ts';
import type { PolicyVersionFacts } from '#shared/transparency/domain/report-sections.ts';

/**
 * Where the report's figures come from: what each context keeps, read through its own `index.ts`
 * (counters of the figures table, the security programme's records, the privacy policy's
 * versions). Nothing here scans a table.
 */
export interface ReportSources {
  /** A context's counters of the quarter (`2026-Q4`), summed over their shards; empty when nothing was counted. */
  quarterCounters(context: 'customer-service' | 'moderation' | 'access-log', quarter: string): Promise<Counters>;
  /** The monthly active people reported for the months from `from` to `to` (`YYYY-MM`); months not reported are absent. */
  activePeopleBetween(from: string, to: string): Promise<ActivePeopleReport[]>;
  /** The monthly survey's results of the months from `from` to `to`, oldest first, one per month. */
  monthlySurveyResults(from: string, to: string): Promise<MonthResults[]>;
  /** The security programme's figures of the quarter. */
  securityFigures(quarter: string): Promise<SecurityFigures>;
  /** The privacy policy's published versions and the one in force at `at`. */
  privacyPolicyAt(at: Date): Promise<{ inForce: number | null; versions: PolicyVersionFacts[] }>;
  /** Acknowledgements of each version so far (the running totals). */
  acknowledgementsByVersion(): Promise<Record<number, number>>;
  /** People's requests over their data made in the quarter, by kind and figure (privacy's counts by name). */
  dataSubjectRequests(quarter: string): Promise<Record<string, number>>;
}
