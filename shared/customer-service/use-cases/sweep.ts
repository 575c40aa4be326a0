import type { Decision } from '#shared/customer-service/domain/decisions.ts';
import { changeIdOf, type CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { commitChange, type Outbox, type OutboxRelay } from '#shared/events/outbox.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';

export interface SweepReport {
  now: string;
  /** Complaints the due index returned. */
  due: number;
  changed: number;
  warnings: number;
  breaches: number;
  escalations: number;
  closed: number;
  /** Events left in the outbox by failed publishes, published now. */
  eventsRelayed: number;
  backlog: Record<string, number>;
}

export interface SweepPorts extends Pick<CustomerServicePorts, 'complaints' | 'decisions'> {
  outbox: Pick<Outbox, 'stage'>;
  outboxRelay: OutboxRelay;
  figures: Pick<FiguresStore, 'current' | 'snapshot'>;
}

/** Applies what fell due on one complaint, conditional on the version read; returns the decision, if any. */
const sweepOne = (ports: SweepPorts, id: string, now: Date) =>
  retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async (): Promise<Decision | undefined> => {
      const stored = await ports.complaints.get(id);
      const decision = stored && ports.decisions.sweep(stored.state, now);
      if (!stored || !decision) return undefined;
      await commitChange(ports.outbox, { events: decision.events, at: now, changeId: changeIdOf(decision) }, (outboxItems) =>
        ports.complaints.update(decision, stored, outboxItems),
      );
      return decision;
    },
  );

const countActions = (report: SweepReport, decision: Decision) => {
  report.changed += 1;
  for (const entry of decision.history) {
    if (entry.action === 'sla-warning') report.warnings += 1;
    if (entry.action === 'sla-breached') report.breaches += 1;
    if (entry.action === 'escalated') report.escalations += 1;
    if (entry.action === 'closed') report.closed += 1;
  }
};

/**
 * The SLA sweep: visits only the complaints whose next checkpoint fell due (the sparse due-time
 * index, never a scan), applies what the domain decides for each, copies the backlog into the
 * current periods, and only then relays the domain events the stream relay could not publish (the
 * outbox, past its grace period), so that events the bus refuses never hold up the deadlines. Each change is conditional on the version read, so two sweeps running at
 * once, or the same sweep run twice, apply every warning, breach and escalation exactly once.
 */
export const runSlaSweep = async (ports: SweepPorts, now: Date): Promise<SweepReport> => {
  const report: SweepReport = {
    now: now.toISOString(),
    due: 0,
    changed: 0,
    warnings: 0,
    breaches: 0,
    escalations: 0,
    closed: 0,
    eventsRelayed: 0,
    backlog: {},
  };
  for await (const id of ports.complaints.dueBy(now)) {
    report.due += 1;
    const decision = await sweepOne(ports, id, now);
    if (decision) countActions(report, decision);
  }
  report.backlog = await ports.figures.current('backlog');
  await ports.figures.snapshot(now, Object.fromEntries(Object.entries(report.backlog).map(([status, n]) => [`backlog#${status}`, n])));
  report.eventsRelayed = (await ports.outboxRelay.relay(now)).events;
  return report;
};
