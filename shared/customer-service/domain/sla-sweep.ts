import { activeStatuses, systemActor, type Change, type ComplaintState, type DomainEvent, type HistoryEntry } from '#shared/customer-service/domain/complaint.ts';
import { entry, event, iso, merge, touch } from '#shared/customer-service/domain/change.ts';
import { autoCloseAt } from '#shared/customer-service/domain/deadlines.ts';
import { close } from '#shared/customer-service/domain/lifecycle.ts';
import { dueCheckpoints } from '#shared/customer-service/domain/sla-clock.ts';
import { basisOf, escalated, type SlaPolicy, type SlaTarget } from '#shared/customer-service/domain/sla-policy.ts';

/**
 * What the scheduled sweep does to one complaint at `now`: close it after the reopen window,
 * or raise the warnings and breaches that fell due. A breach escalates the priority once per
 * sweep, whatever the number of targets it breached. Returns undefined when nothing is due, so
 * that a second run at the same time changes nothing.
 */
export const sweep = (state: ComplaintState, now: Date, policy: SlaPolicy): Change | undefined => {
  const closesAt = autoCloseAt(state, policy);
  if (closesAt) return now >= closesAt ? close(state, systemActor, now, 'reopen-window-passed') : undefined;
  if (!activeStatuses.includes(state.status)) return undefined;

  const due = dueCheckpoints(state.sla, now, policy.warnAtFraction, basisOf(policy));
  if (due.length === 0) return undefined;

  const running = { ...state.sla.running };
  const history: HistoryEntry[] = [];
  const events: DomainEvent[] = [];
  let counters: Record<string, number> = {};
  const breached: SlaTarget[] = [];
  let commitment = state.commitment;
  for (const checkpoint of due) {
    const target = running[checkpoint.target]!;
    const details = { target: checkpoint.target, dueAt: iso(checkpoint.dueAt) };
    if (checkpoint.kind === 'warning') {
      running[checkpoint.target] = { ...target, warned: true };
      history.push(entry(now, systemActor, 'sla-warning', 'staff', details));
      events.push(event('complaint.sla-warning', now, state, details));
      counters = merge(counters, { [`warnings#${checkpoint.target}`]: 1 });
    } else {
      running[checkpoint.target] = { ...target, warned: true, breachedAt: iso(now) };
      breached.push(checkpoint.target);
      history.push(entry(now, systemActor, 'sla-breached', 'staff', details));
      counters = merge(counters, { breaches: 1, [`breaches#${checkpoint.target}`]: 1 });
      if (checkpoint.target === 'commitment' && commitment === undefined) {
        commitment = 'missed';
        counters = merge(counters, { commitmentMissed: 1 });
      }
    }
  }
  let priority = state.priority;
  if (breached.length > 0) {
    events.push(event('complaint.sla-breached', now, state, { targets: breached }));
    priority = escalated(state.priority);
    history.push(entry(now, systemActor, 'escalated', 'staff', { from: state.priority, to: priority, reason: 'sla-breach' }));
    counters = merge(counters, { escalations: 1 });
  }
  const next = touch(state, now, { sla: { ...state.sla, running }, priority, ...(commitment && { commitment }) });
  if (breached.length > 0) {
    events.push(event('complaint.escalated', now, next, { from: state.priority, to: priority, targets: breached }));
  }
  return { state: next, history, events, counters, backlog: {} };
};
