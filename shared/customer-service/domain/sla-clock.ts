import type { BasisOf, CountedTime, SlaTarget } from '#shared/customer-service/domain/sla-policy.ts';
import { advance, measure, type TimeBasis } from '#shared/time/time-basis.ts';

/**
 * The SLA clocks of one complaint, as pure arithmetic on stored instants.
 *
 * A running target remembers when it started, how much counted time it allows, and whether it
 * counts calendar time (the 24-hour promise) or the policy's time basis (calendar or business
 * hours). The complaint keeps the list of its waits on the user: no clock counts during one.
 * A deadline is found by walking from the target's start through the waits, so a wait moves
 * every deadline by exactly the counted time it covered, whatever the basis.
 */

export interface RunningTarget {
  startedAt: string;
  durationMs: number;
  countsIn: CountedTime;
  /** The warning at `warnAtFraction` has been raised. */
  warned?: boolean;
  /** When the sweep found it past due; a target breaches at most once. */
  breachedAt?: string;
}

interface Pause {
  from: string;
  /** Absent while the complaint still waits on the user. */
  to?: string;
}

export interface SlaState {
  policyVersion: string;
  running: Partial<Record<SlaTarget, RunningTarget>>;
  /** Every wait on the user, oldest first; the last may be open. */
  pauses: Pause[];
}

const at = (iso: string) => new Date(iso);

export const newSla = (policyVersion: string): SlaState => ({ policyVersion, running: {}, pauses: [] });

const isPaused = (sla: SlaState): boolean => sla.pauses.at(-1)?.to === undefined && sla.pauses.length > 0;

/** Counted time of `target` from its start to `now`, waits on the user excluded. */
export const activeTime = (sla: SlaState, target: RunningTarget, basis: TimeBasis, now: Date): number => {
  const start = at(target.startedAt);
  let total = measure(basis, start, now);
  for (const pause of sla.pauses) {
    const from = new Date(Math.max(at(pause.from).getTime(), start.getTime()));
    const to = new Date(Math.min(pause.to ? at(pause.to).getTime() : now.getTime(), now.getTime()));
    total -= measure(basis, from, to);
  }
  return total;
};

/**
 * The instant at which `amount` of counted time of the target has passed. A wait still open
 * ends at `now` if given (the deadline as if the user answered now), or leaves no deadline.
 */
const instantAfter = (sla: SlaState, target: RunningTarget, basis: TimeBasis, amount: number, now?: Date): Date | undefined => {
  let cursor = at(target.startedAt);
  let remaining = amount;
  for (const pause of sla.pauses) {
    const pauseEnd = pause.to ? at(pause.to) : now;
    if (pauseEnd && pauseEnd <= cursor) continue;
    const pauseStart = at(pause.from);
    if (pauseStart > cursor) {
      const available = measure(basis, cursor, pauseStart);
      if (remaining <= available) return advance(basis, cursor, remaining);
      remaining -= available;
    }
    if (!pauseEnd) return undefined;
    cursor = new Date(Math.max(cursor.getTime(), pauseEnd.getTime()));
  }
  return advance(basis, cursor, remaining);
};

export const deadlineOf = (sla: SlaState, target: RunningTarget, basis: TimeBasis, now?: Date) =>
  instantAfter(sla, target, basis, target.durationMs, now);

const warningOf = (sla: SlaState, target: RunningTarget, basis: TimeBasis, warnAtFraction: number) =>
  instantAfter(sla, target, basis, Math.floor(target.durationMs * warnAtFraction));

export const startTarget = (
  sla: SlaState,
  name: SlaTarget,
  durationMs: number,
  countsIn: RunningTarget['countsIn'],
  now: Date,
): SlaState => ({
  ...sla,
  running: { ...sla.running, [name]: { startedAt: now.toISOString(), durationMs, countsIn } },
});

export const stopTargets = (sla: SlaState, ...names: SlaTarget[]): SlaState => {
  const running = { ...sla.running };
  for (const name of names) delete running[name];
  return { ...sla, running };
};

export const pause = (sla: SlaState, now: Date): SlaState =>
  isPaused(sla) ? sla : { ...sla, pauses: [...sla.pauses, { from: now.toISOString() }] };

export const resume = (sla: SlaState, now: Date): SlaState =>
  isPaused(sla) ? { ...sla, pauses: [...sla.pauses.slice(0, -1), { from: sla.pauses.at(-1)!.from, to: now.toISOString() }] } : sla;

/** When the current wait on the user began, if the complaint is waiting. */
export const waitingSince = (sla: SlaState): string | undefined => (isPaused(sla) ? sla.pauses.at(-1)!.from : undefined);

export interface DueCheckpoint {
  target: SlaTarget;
  kind: 'warning' | 'breach';
  /** The instant the checkpoint fell due (the deadline, or the warning time). */
  dueAt: Date;
}

/** Whether a target raises warnings: the commitment is watched through the first-response target. */
const warns = (name: SlaTarget) => name !== 'commitment';

const runningTargets = (sla: SlaState) => Object.entries(sla.running) as [SlaTarget, RunningTarget][];

/** Checkpoints reached at `now`: at most one per target, the breach winning over a late warning. */
export const dueCheckpoints = (sla: SlaState, now: Date, warnAtFraction: number, basisOf: BasisOf): DueCheckpoint[] => {
  if (isPaused(sla)) return [];
  const due: DueCheckpoint[] = [];
  for (const [name, target] of runningTargets(sla)) {
    if (target.breachedAt) continue;
    const basis = basisOf(target);
    const deadline = deadlineOf(sla, target, basis)!;
    if (now >= deadline) due.push({ target: name, kind: 'breach', dueAt: deadline });
    else if (warns(name) && !target.warned) {
      const warning = warningOf(sla, target, basis, warnAtFraction)!;
      if (now >= warning) due.push({ target: name, kind: 'warning', dueAt: warning });
    }
  }
  return due;
};

/** The next instant at which a checkpoint falls due; none while paused or when nothing runs. */
export const nextCheckpointAt = (sla: SlaState, warnAtFraction: number, basisOf: BasisOf): Date | undefined => {
  if (isPaused(sla)) return undefined;
  let next: Date | undefined;
  for (const [name, target] of runningTargets(sla)) {
    if (target.breachedAt) continue;
    const basis = basisOf(target);
    const checkAt = warns(name) && !target.warned ? warningOf(sla, target, basis, warnAtFraction)! : deadlineOf(sla, target, basis)!;
    if (!next || checkAt < next) next = checkAt;
  }
  return next;
};

/** The soonest deadline of the complaint (breached ones included), as if any wait ended at `now`: the work queue's order. */
export const soonestDeadline = (sla: SlaState, basisOf: BasisOf, now: Date): Date | undefined => {
  let soonest: Date | undefined;
  for (const [, target] of runningTargets(sla)) {
    const deadline = deadlineOf(sla, target, basisOf(target), now)!;
    if (!soonest || deadline < soonest) soonest = deadline;
  }
  return soonest;
};
