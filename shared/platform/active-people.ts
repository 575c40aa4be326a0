import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { ActivePeopleFigures, ActivePeopleReport } from '#shared/figures/active-people.ts';
import { problems } from '#shared/http/problem.ts';
import { activePeopleReporterRoles } from '#shared/platform/manifest.ts';

export interface ActivePeoplePorts {
  figures: Pick<ActivePeopleFigures, 'report' | 'activePeopleOf'>;
  clock: Clock;
}

const requireReporter = (caller: Caller): void => {
  if (!hasRole(caller, ...activePeopleReporterRoles)) throw problems.forbidden('Only administrators report the monthly active people.');
};

/** Whether `month` (`YYYY-MM`) has begun: a month is reported once it has, never ahead. */
const hasBegun = (month: string, now: Date): boolean => month <= now.toISOString().slice(0, 7);

/**
 * An administrator reports (or corrects) the monthly active people of a month that has begun;
 * the figure replaces any earlier report of that month. Answers whether it replaced one.
 */
export const reportActivePeople = async (
  ports: ActivePeoplePorts,
  caller: Caller,
  month: string,
  activePeople: number,
): Promise<{ report: ActivePeopleReport; replaced: boolean }> => {
  requireReporter(caller);
  const now = ports.clock.now();
  if (!hasBegun(month, now)) throw problems.validation([{ in: 'path', path: 'month', message: 'Must not be a month that has not begun' }]);
  const previous = await ports.figures.activePeopleOf(month);
  const report = { month, activePeople, reportedAt: now.toISOString(), reportedBy: caller.sub };
  await ports.figures.report(report);
  return { report, replaced: previous !== undefined };
};

/** The reported figure of a month; 404 when it is not reported. */
export const readActivePeople = async (ports: Pick<ActivePeoplePorts, 'figures'>, caller: Caller, month: string): Promise<ActivePeopleReport> => {
  requireReporter(caller);
  const report = await ports.figures.activePeopleOf(month);
  if (!report) throw problems.notFound('The active people of this month are not reported.');
  return report;
};
