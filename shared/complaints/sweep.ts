import { sweep } from '#shared/complaints/domain.ts';
import type { SlaPolicy } from '#shared/complaints/policy.ts';
import { changeIdOf, VersionConflictError, type ComplaintRepository } from '#shared/complaints/repository.ts';
import type { Outbox } from '#shared/events/outbox.ts';
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

/**
 * The SLA sweep: relays the domain events a request could not publish (the outbox, past its
 * grace period), visits only the complaints whose next checkpoint fell due (the sparse due-time
 * index, never a scan), applies what the domain decides for each, and copies the backlog into
 * the current periods. Each change is conditional on the version read, so two sweeps running at
 * once, or the same sweep run twice, apply every warning, breach and escalation exactly once.
 */
export const createSlaSweep = (deps: {
  repository: ComplaintRepository;
  figures: FiguresStore;
  outbox: Pick<Outbox, 'stage' | 'afterCommit' | 'relay'>;
  policy: SlaPolicy;
}) => {
  const { repository, figures, outbox, policy } = deps;

  /** Applies what fell due on one complaint; returns the change, if any. */
  const sweepOne = (id: string, now: Date) =>
    retryOnConflict(
      (error) => error instanceof VersionConflictError,
      async () => {
        const stored = await repository.get(id);
        if (!stored) return undefined;
        const change = sweep(stored.state, now, policy);
        if (!change) return undefined;
        const events = outbox.stage(change.events, now, changeIdOf(change));
        await repository.commit(change, stored, events.items);
        await outbox.afterCommit(events);
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
        eventsRelayed: (await outbox.relay(now)).events,
        backlog: {},
      };
      for await (const id of repository.dueBy(now)) {
        report.due += 1;
        const change = await sweepOne(id, now);
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
