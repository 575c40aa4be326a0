import { sweep } from '#shared/complaints/domain.ts';
import { createEventRelay, type EventLogger } from '#shared/complaints/events.ts';
import type { SlaPolicy } from '#shared/complaints/policy.ts';
import { VersionConflictError, type ComplaintRepository } from '#shared/complaints/repository.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';
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
  /** Events found in outboxes (left by failed publishes) and published now. */
  eventsRelayed: number;
  backlog: Record<string, number>;
}

/**
 * The SLA sweep: visits only the complaints whose next checkpoint fell due (the sparse due-time
 * index, never a scan), relays domain events a failed publish left in a complaint's outbox,
 * applies what the domain decides for each, and copies the backlog into
 * the current periods. Each change is conditional on the version read, so two sweeps running at
 * once, or the same sweep run twice, apply every warning, breach and escalation exactly once.
 */
export const createSlaSweep = (deps: {
  repository: ComplaintRepository;
  figures: FiguresStore;
  publisher: EventPublisher;
  policy: SlaPolicy;
  logger: EventLogger;
}) => {
  const { repository, figures, publisher, policy, logger } = deps;
  const relay = createEventRelay({ repository, publisher, logger });

  /** Relays events left in the outbox, then applies what fell due; returns the change, if any. */
  const sweepOne = (id: string, now: Date, report: SweepReport) =>
    retryOnConflict(
      (error) => error instanceof VersionConflictError,
      async () => {
        let stored = await repository.get(id);
        if (stored?.outboxPending) {
          report.eventsRelayed += await relay.relayPending(stored);
          stored = await repository.get(id);
        }
        if (!stored) return undefined;
        const change = sweep(stored.state, now, policy);
        if (!change) return undefined;
        await repository.commit(change, stored);
        await relay.afterCommit(change);
        return change;
      },
    );

  return {
    async run(now: Date): Promise<SweepReport> {
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
      for await (const id of repository.dueBy(now)) {
        report.due += 1;
        const change = await sweepOne(id, now, report);
        if (!change) continue;
        report.changed += 1;
        for (const entry of change.history) {
          if (entry.action === 'sla-warning') report.warnings += 1;
          if (entry.action === 'sla-breached') report.breaches += 1;
          if (entry.action === 'escalated') report.escalations += 1;
          if (entry.action === 'closed') report.closed += 1;
        }
      }
      report.backlog = await figures.current('backlog');
      await figures.snapshot(now, Object.fromEntries(Object.entries(report.backlog).map(([status, n]) => [`backlog#${status}`, n])));
      return report;
    },
  };
};
