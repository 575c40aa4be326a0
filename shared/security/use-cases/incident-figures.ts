import type { Caller } from '#shared/auth/caller.ts';
import { incidentFiguresOf, quarterOf, type IncidentFigures } from '#shared/security/domain/incident-figures.ts';
import type { IncidentPorts } from '#shared/security/use-cases/incident-ports.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/**
 * The incident figures of a quarter from the stored incidents (one Query of the quarter's range)
 * and the monthly active people the platform reported for its months. The reason of a
 * `not-required` decision and the notes are never read: the figures need none of the sealed text.
 */
export const quarterIncidentFigures = async (
  ports: { store: Pick<IncidentPorts['store'], 'detectedBetween'>; activePeople: IncidentPorts['activePeople'] },
  quarter: string,
): Promise<IncidentFigures> => {
  const { months, start, end } = quarterOf(quarter);
  const [stored, activePeople] = await Promise.all([
    ports.store.detectedBetween(start, end),
    ports.activePeople.activePeopleBetween(months[0]!, months[2]!),
  ]);
  // The figures read no sealed field: the stored incidents serve, without the decision and its sealed reason.
  return incidentFiguresOf(quarter, stored.map(({ sealedNoticeReason: _sealed, peopleNotice: _notice, ...incident }) => incident), activePeople);
};

/** The figures route: for security staff only. */
export const readIncidentFigures = async (ports: Pick<IncidentPorts, 'store' | 'activePeople'>, caller: Caller, quarter: string): Promise<IncidentFigures> => {
  requireSecurityStaff(caller);
  return quarterIncidentFigures(ports, quarter);
};
