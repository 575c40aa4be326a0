import type { IncidentStore } from '#shared/security/store/incident-store.ts';

const HOUR_MS = 3_600_000;

/** The metric the alarm watches: incidents whose regulator is not told and whose deadline is near or passed. */
export const NOTICE_DUE_METRIC = 'SecurityIncidentNoticeDue';
/** Of them, those past the deadline. */
export const NOTICE_OVERDUE_METRIC = 'SecurityIncidentNoticeOverdue';

/** Hours before the regulator's deadline from which an incident not yet notified raises the alarm, unless configured. */
export const DEFAULT_NOTICE_WARNING_HOURS = 24;

export interface NoticeDeadlines {
  /** Incidents whose regulator is not yet told and whose deadline is within the warning hours or passed. */
  due: number;
  /** Of them, those past the deadline. */
  overdue: number;
  warningHours: number;
}

/**
 * Counts, from the sparse index of incidents awaiting their regulator notification, those due
 * within `warningHours` of `now` or already overdue. Ids and deadlines only: no note is read.
 */
export const countNoticeDeadlines = async (
  ports: { store: Pick<IncidentStore, 'awaitingRegulatorBy'> },
  now: Date,
  warningHours: number = DEFAULT_NOTICE_WARNING_HOURS,
): Promise<NoticeDeadlines> => {
  const horizon = new Date(now.getTime() + warningHours * HOUR_MS).toISOString();
  const due = await ports.store.awaitingRegulatorBy(horizon);
  const overdue = due.filter((incident) => Date.parse(incident.deadline) < now.getTime()).length;
  return { due: due.length, overdue, warningHours };
};
