import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import { problems } from '#shared/http/problem.ts';
import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { commsRoles } from '#shared/transparency/manifest.ts';
import type { ReportStore } from '#shared/transparency/store/report-store.ts';

/** Compiles a quarter's figures from what the contexts keep (never by scanning tables). */
export type CompileFigures = (quarter: string) => Promise<ReportFigures>;

/** What the report's use cases need. */
export interface ReportPorts {
  reports: ReportStore;
  compile: CompileFigures;
  outbox: Pick<Outbox, 'stage'>;
  clock: Clock;
}

/** Only comms staff compile, write and publish reports; everyone else is refused before anything is read. */
export const requireCommsForReports = (caller: Caller): void => {
  if (!hasRole(caller, ...commsRoles)) throw problems.forbidden('Only comms staff may compile, write and publish the transparency report.');
};
