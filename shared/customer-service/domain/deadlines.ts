import { activeStatuses, type ComplaintState } from '#shared/customer-service/domain/complaint.ts';
import { deadlineOf, nextCheckpointAt } from '#shared/customer-service/domain/sla-clock.ts';
import { basisOf, type SlaPolicy, type SlaTarget } from '#shared/customer-service/domain/sla-policy.ts';

/** The instants that follow from a complaint's state under the SLA policy. */

const iso = (at: Date) => at.toISOString();

export const autoCloseAt = (state: ComplaintState, policy: SlaPolicy): Date | undefined =>
  state.status === 'resolved' && state.resolvedAt ? new Date(Date.parse(state.resolvedAt) + policy.reopenWindowMs) : undefined;

/** When the sweep must next look at this complaint, if ever. */
export const nextCheckAt = (state: ComplaintState, policy: SlaPolicy): Date | undefined => {
  if (state.status === 'resolved') return autoCloseAt(state, policy);
  if (!activeStatuses.includes(state.status)) return undefined;
  return nextCheckpointAt(state.sla, policy.warnAtFraction, basisOf(policy));
};

/** Public deadlines, as shown to the user and to staff (while paused, as if resumed now). */
export const deadlines = (state: ComplaintState, now: Date, policy: SlaPolicy): Partial<Record<SlaTarget, string>> =>
  Object.fromEntries(
    Object.entries(state.sla.running).map(([name, target]) => [
      name,
      iso(deadlineOf(state.sla, target, basisOf(policy)(target), now)!),
    ]),
  );
