import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { ActivePeopleReader } from '#shared/figures/active-people.ts';
import { periodOf } from '#shared/figures/periods.ts';
import { quarterOf } from '#shared/security/domain/incident-figures.ts';
import { auditFiguresOf, findingFiguresOf } from '#shared/security/domain/programme-figures.ts';
import type { EducationStore } from '#shared/security/store/education-store.ts';
import type { IncidentStore } from '#shared/security/store/incident-store.ts';
import type { SecurityStore } from '#shared/security/store/security-store.ts';
import { readEducationFigures } from '#shared/security/use-cases/education-figures.ts';
import { quarterIncidentFigures } from '#shared/security/use-cases/incident-figures.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/** What the programme's figures are read from: the context's three tables and the reported active people. */
export interface SecurityFiguresPorts {
  store: Pick<SecurityStore, 'runsRequestedBetween' | 'allFindings'>;
  incidents: Pick<IncidentStore, 'detectedBetween'>;
  education: EducationStore;
  activePeople: Pick<ActivePeopleReader, 'activePeopleBetween'>;
  clock: Clock;
}

/**
 * The security programme's figures of a quarter for the transparency report: audits run on
 * schedule, findings opened and resolved by severity, overdue, median time to fix, incidents and
 * their rate, education reach. No sealed field is read.
 */
export const securityFiguresOf = async (ports: SecurityFiguresPorts, quarter: string) => {
  const { start, end } = quarterOf(quarter);
  const now = ports.clock.now();
  const [runs, findings, incidents, education] = await Promise.all([
    ports.store.runsRequestedBetween(start, end),
    ports.store.allFindings(),
    quarterIncidentFigures({ store: ports.incidents, activePeople: ports.activePeople }, quarter),
    readEducationFigures(ports.education, quarter),
  ]);
  return {
    quarter,
    asOf: now.toISOString(),
    audits: auditFiguresOf(quarter, runs),
    findings: findingFiguresOf(quarter, findings, now),
    incidents,
    education,
  };
};
export type SecurityFigures = Awaited<ReturnType<typeof securityFiguresOf>>;

/** The figures route, for security staff: the quarter asked for, or the current one. */
export const readSecurityFigures = async (ports: SecurityFiguresPorts, caller: Caller, quarter: string | undefined): Promise<SecurityFigures> => {
  requireSecurityStaff(caller);
  return securityFiguresOf(ports, quarter ?? periodOf(ports.clock.now(), 'quarter'));
};
