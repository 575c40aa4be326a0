import { severities, type Severity } from '#shared/security/domain/audit.ts';
import { isOverdue } from '#shared/security/domain/findings.ts';
import type { SecurityStore } from '#shared/security/store/security-store.ts';
import { liftExpiredSuppressions } from '#shared/security/use-cases/conduct-audit.ts';

/** The metric the overdue-findings alarm watches: open findings past their fix-by, written by every hourly watch. */
export const OVERDUE_FINDINGS_METRIC = 'SecurityFindingsOverdue';

export interface FindingsWatch {
  /** Findings waiting for a fix (new or acknowledged). */
  open: number;
  /** Of them, those past their fix-by, in all and by severity. */
  overdue: number;
  overdueBySeverity: Record<Severity, number>;
  /** Suppressions that had expired and were lifted by this watch. */
  suppressionsExpired: number;
}

/**
 * Between the quarterly audits, the findings still move with time: a suppression expires, a fix-by
 * passes. The hourly watch lifts the expired suppressions (the finding is new again, from its
 * expiry) and counts the open findings past their fix-by, for the alarm.
 */
export const watchFindings = async (
  store: Pick<SecurityStore, 'findingsInStatus' | 'getFinding' | 'saveFinding'>,
  now: Date,
): Promise<FindingsWatch> => {
  const suppressionsExpired = await liftExpiredSuppressions(store, now);
  const open = (await Promise.all([store.findingsInStatus('new'), store.findingsInStatus('acknowledged')])).flat();
  const overdue = open.filter((finding) => isOverdue(finding, now));
  const overdueBySeverity = Object.fromEntries(severities.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of overdue) overdueBySeverity[finding.severity] += 1;
  return { open: open.length, overdue: overdue.length, overdueBySeverity, suppressionsExpired };
};
