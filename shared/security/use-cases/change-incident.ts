import type { Caller } from '#shared/auth/caller.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { problems } from '#shared/http/problem.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { changeIncident as changed, type Incident, type IncidentChange } from '#shared/security/domain/incidents.ts';
import { asValidationProblem, incidentView, openIncident, sealIncident, type IncidentPorts, type IncidentView } from '#shared/security/use-cases/incident-ports.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/**
 * Security staff change an incident: its times, counts, links and the decisions of a breach of
 * personal data (the regulator told, the people told or not and why). The result is checked as a
 * whole (times in order, none in the future): a 400 naming the field otherwise. A concurrent
 * change is retried on a fresh read.
 */
export const changeIncident = async (
  ports: Pick<IncidentPorts, 'store' | 'cipher' | 'clock'>,
  caller: Caller,
  incidentId: string,
  change: IncidentChange,
): Promise<IncidentView> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const saved = await retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const stored = await ports.store.get(incidentId, { consistent: true });
      if (!stored) throw problems.notFound('No such incident.');
      let next: Incident;
      try {
        next = changed(await openIncident(ports, stored), change, { by: caller.sub, now });
      } catch (error) {
        return asValidationProblem(error);
      }
      const incident = { ...next, version: stored.version + 1 };
      await ports.store.save(await sealIncident(ports, incident));
      return incident;
    },
  );
  return incidentView(saved, now);
};
