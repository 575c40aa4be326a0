import type { SlaTarget } from '#shared/complaints/policy.ts';

/**
 * The SLA clocks of one complaint, as pure arithmetic on stored instants.
 *
 * Each running target remembers when it started, how long it may take, and how much waiting on
 * the user had been accumulated at its start. While the complaint waits on the user every clock
 * stands still; on resumption the paused time is added to every deadline. Nothing is recomputed
 * from "now" except when a checkpoint is evaluated, so the stored state is the whole truth.
 */

export interface RunningTarget {
  startedAt: string;
  durationMs: number;
  /** Total paused time of the complaint when this target started. */
  pausedBefore: number;
  /** The warning at `warnAtFraction` has been raised. */
  warned?: boolean;
  /** When the sweep found it past due; a target breaches at most once. */
  breachedAt?: string;
}

export interface SlaState {
  policyVersion: string;
  running: Partial<Record<SlaTarget, RunningTarget>>;
  /** Set while the complaint waits on the user: every clock is paused. */
  pausedAt?: string;
  /** Paused time of pauses that have ended. */
  pausedMs: number;
}

const ms = (iso: string) => Date.parse(iso);

export const newSla = (policyVersion: string): SlaState => ({ policyVersion, running: {}, pausedMs: 0 });

/** Paused time up to `now`, the current pause included. */
export const pausedMsAt = (sla: SlaState, now: Date): number =>
  sla.pausedMs + (sla.pausedAt ? Math.max(0, now.getTime() - ms(sla.pausedAt)) : 0);

/** Time a target has been running, not counting time spent waiting on the user. */
export const activeMs = (sla: SlaState, target: RunningTarget, now: Date): number =>
  now.getTime() - ms(target.startedAt) - (pausedMsAt(sla, now) - target.pausedBefore);

/** Wall-clock deadline if no further pause happens (a pause in progress counts up to `now`). */
export const deadlineOf = (sla: SlaState, target: RunningTarget, now?: Date): Date => {
  const paused = now ? pausedMsAt(sla, now) : sla.pausedMs;
  return new Date(ms(target.startedAt) + target.durationMs + (paused - target.pausedBefore));
};

export const warningOf = (sla: SlaState, target: RunningTarget, warnAtFraction: number): Date =>
  new Date(ms(target.startedAt) + Math.floor(target.durationMs * warnAtFraction) + (sla.pausedMs - target.pausedBefore));

export const startTarget = (sla: SlaState, name: SlaTarget, durationMs: number, now: Date): SlaState => ({
  ...sla,
  running: {
    ...sla.running,
    [name]: { startedAt: now.toISOString(), durationMs, pausedBefore: pausedMsAt(sla, now) },
  },
});

export const stopTargets = (sla: SlaState, ...names: SlaTarget[]): SlaState => {
  const running = { ...sla.running };
  for (const name of names) delete running[name];
  return { ...sla, running };
};

export const pause = (sla: SlaState, now: Date): SlaState =>
  sla.pausedAt ? sla : { ...sla, pausedAt: now.toISOString() };

export const resume = (sla: SlaState, now: Date): SlaState => {
  if (!sla.pausedAt) return sla;
  const { pausedAt: _ended, ...rest } = sla;
  return { ...rest, pausedMs: pausedMsAt(sla, now) };
};

export interface DueCheckpoint {
  target: SlaTarget;
  kind: 'warning' | 'breach';
  /** The instant the checkpoint fell due (the deadline, or the warning time). */
  dueAt: Date;
}

/** Whether a target raises warnings: the commitment is watched through the first-response target. */
const warns = (name: SlaTarget) => name !== 'commitment';

/** Checkpoints reached at `now`: at most one per target, the breach winning over a late warning. */
export const dueCheckpoints = (sla: SlaState, now: Date, warnAtFraction: number): DueCheckpoint[] => {
  if (sla.pausedAt) return [];
  const due: DueCheckpoint[] = [];
  for (const [name, target] of Object.entries(sla.running) as [SlaTarget, RunningTarget][]) {
    if (target.breachedAt) continue;
    const deadline = deadlineOf(sla, target);
    if (now >= deadline) due.push({ target: name, kind: 'breach', dueAt: deadline });
    else if (warns(name) && !target.warned) {
      const warning = warningOf(sla, target, warnAtFraction);
      if (now >= warning) due.push({ target: name, kind: 'warning', dueAt: warning });
    }
  }
  return due;
};

/** The next instant at which a checkpoint falls due; none while paused or when nothing runs. */
export const nextCheckpointAt = (sla: SlaState, warnAtFraction: number): Date | undefined => {
  if (sla.pausedAt) return undefined;
  let next: Date | undefined;
  for (const [name, target] of Object.entries(sla.running) as [SlaTarget, RunningTarget][]) {
    if (target.breachedAt) continue;
    const at = warns(name) && !target.warned ? warningOf(sla, target, warnAtFraction) : deadlineOf(sla, target);
    if (!next || at < next) next = at;
  }
  return next;
};

/** The soonest deadline still ahead of the complaint (breached ones included): the work queue's order. */
export const soonestDeadline = (sla: SlaState): Date | undefined => {
  let soonest: Date | undefined;
  for (const target of Object.values(sla.running)) {
    const at = deadlineOf(sla, target);
    if (!soonest || at < soonest) soonest = at;
  }
  return soonest;
};
