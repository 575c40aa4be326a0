import { severities, type Severity } from '#shared/security/domain/audit.ts';
import { isOverdue, type Finding } from '#shared/security/domain/findings.ts';
import { median, quarterOf } from '#shared/security/domain/incident-figures.ts';
import type { AuditRun } from '#shared/security/domain/runs.ts';

/**
 * The audit and findings figures of a calendar quarter (UTC), as the transparency report states
 * them: whether the quarter's scheduled audit ran, the findings opened and resolved in it by
 * severity, those overdue at its end (or now, for the quarter under way), and the median days
 * from opening to the fix. Counted from the runs and the findings themselves (one finding per
 * check and resource: a few hundred at most), so the figures of a past quarter can be computed
 * again at any time and give the same answer, bar findings changed by staff since.
 */

const DAY_MS = 86_400_000;

/** How long after the quarter's first day its scheduled audit may complete and still count as on schedule. */
export const ON_SCHEDULE_DAYS = 7;

export interface AuditFigures {
  /** Runs the schedule started in the quarter, and of them those that completed. */
  scheduled: number;
  scheduledCompleted: number;
  /** Runs security staff asked for. */
  onDemand: number;
  failed: number;
  /** A scheduled run completed within the first days of the quarter (the promise: an audit every quarter). */
  onSchedule: boolean;
  /** When the first completed run of the quarter finished; null when none did. */
  firstCompletedAt: string | null;
}

export interface FindingFigures {
  /** Findings first seen in the quarter, by severity. */
  opened: Record<Severity, number>;
  /** Findings that became new again in the quarter (failed again after resolution, or a suppression expired). */
  reopened: number;
  /** Findings resolved in the quarter, by severity. */
  resolved: Record<Severity, number>;
  /** Findings open and past their fix-by at the quarter's end, or now for the quarter under way. */
  overdue: Record<Severity, number>;
  /** Median days from opening to resolution, over the findings resolved in the quarter; null when none was. */
  medianDaysToFix: number | null;
}

const zeroBySeverity = (): Record<Severity, number> => Object.fromEntries(severities.map((severity) => [severity, 0])) as Record<Severity, number>;

const within = (at: string | undefined, start: string, end: string): boolean => at !== undefined && at >= start && at < end;

/** The audit runs of the quarter (requested in it), by how they started and how they ended. */
export const auditFiguresOf = (quarter: string, runs: readonly AuditRun[]): AuditFigures => {
  const { start, end } = quarterOf(quarter);
  const inQuarter = runs.filter((run) => within(run.requestedAt, start, end));
  const scheduled = inQuarter.filter((run) => run.trigger.kind === 'schedule');
  const completed = inQuarter
    .filter((run) => run.status === 'completed' && run.finishedAt !== undefined)
    .map((run) => run.finishedAt!)
    .sort();
  const onScheduleBy = new Date(Date.parse(start) + ON_SCHEDULE_DAYS * DAY_MS).toISOString();
  return {
    scheduled: scheduled.length,
    scheduledCompleted: scheduled.filter((run) => run.status === 'completed').length,
    onDemand: inQuarter.length - scheduled.length,
    failed: inQuarter.filter((run) => run.status === 'failed').length,
    onSchedule: scheduled.some((run) => run.status === 'completed' && run.finishedAt !== undefined && run.finishedAt < onScheduleBy),
    firstCompletedAt: completed[0] ?? null,
  };
};

/** The findings opened, reopened and resolved in the quarter, and those overdue at its end (or at `now`, if sooner). */
export const findingFiguresOf = (quarter: string, findings: readonly Finding[], now: Date): FindingFigures => {
  const { start, end } = quarterOf(quarter);
  const opened = zeroBySeverity();
  const resolved = zeroBySeverity();
  const overdue = zeroBySeverity();
  const daysToFix: number[] = [];
  let reopened = 0;
  const asOf = new Date(Math.min(now.getTime(), Date.parse(end) - 1));
  for (const finding of findings) {
    if (within(finding.firstSeenAt, start, end)) opened[finding.severity] += 1;
    reopened += finding.history.filter((change) => change.to === 'new' && change.from !== null && within(change.at, start, end)).length;
    for (const change of finding.history) {
      if (change.to !== 'resolved' || !within(change.at, start, end)) continue;
      resolved[finding.severity] += 1;
      const openedAt = openedBefore(finding, change.at);
      daysToFix.push((Date.parse(change.at) - Date.parse(openedAt)) / DAY_MS);
    }
    const status = statusAt(finding, asOf.toISOString());
    if (status !== undefined && isOverdue({ status, fixBy: fixByAt(finding, asOf) }, asOf)) overdue[finding.severity] += 1;
  }
  const medianDays = median(daysToFix);
  return { opened, reopened, resolved, overdue, medianDaysToFix: medianDays === null ? null : Math.round(medianDays * 10) / 10 };
};

/** When the finding last became new before `at` (first seen, reopened or un-suppressed): the start of that fix. */
const openedBefore = (finding: Finding, at: string): string => {
  const openings = finding.history.filter((change) => change.to === 'new' && change.at <= at).map((change) => change.at);
  return openings.at(-1) ?? finding.firstSeenAt;
};

/** The finding's status at an instant, from its history; undefined before it was first seen. */
const statusAt = (finding: Finding, at: string): Finding['status'] | undefined => {
  if (finding.firstSeenAt > at) return undefined;
  const changes = finding.history.filter((change) => change.at <= at);
  return changes.at(-1)?.to ?? finding.status;
};

/** The fix-by that applied at an instant: the current one when the finding has not been reopened since, else the earlier opening's. */
const fixByAt = (finding: Finding, asOf: Date): string => {
  const openedAt = openedBefore(finding, asOf.toISOString());
  if (openedAt === finding.openedAt) return finding.fixBy;
  const windowMs = Date.parse(finding.fixBy) - Date.parse(finding.openedAt);
  return new Date(Date.parse(openedAt) + windowMs).toISOString();
};
