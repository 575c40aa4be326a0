import type { PrivacyRequest, RequestKind } from '#shared/privacy/domain/request.ts';
import { requestKinds } from '#shared/privacy/domain/request.ts';

/** A kind of request's figures for a period: how many, how fast, how many on time. */
export interface RequestKindFigures {
  requested: number;
  completed: number;
  /** Answered by the platform's deadline. */
  completedOnTime: number;
  cancelled: number;
  /** Hours from the request to its answer (the archive ready, the erasure run), over those answered. */
  hoursToComplete: { median: number | null; max: number | null };
  /** Of the requests whose deadline has passed or that were answered: the share answered by the deadline. */
  onTimeShare: number | null;
  /** Requests still awaiting an answer past their deadline. */
  overdue: number;
}

const HOUR_MS = 3_600_000;

const median = (sorted: readonly number[]): number | null => {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * The figures of the requests made in a period, per kind. An erasure's answer is its run after
 * the cooling-off (what legal holds keep is part of the answer); the cooling-off counts in its
 * time, as the person chose to wait it. A cancelled erasure is neither on time nor late.
 */
export const requestFigures = (requests: readonly PrivacyRequest[], now: Date): Record<RequestKind, RequestKindFigures> =>
  Object.fromEntries(
    requestKinds.map((kind) => {
      const ofKind = requests.filter((r) => r.kind === kind);
      const answered = ofKind.filter((r) => r.completedAt && r.status !== 'cancelled');
      const hours = answered.map((r) => (Date.parse(r.completedAt!) - Date.parse(r.requestedAt)) / HOUR_MS).sort((a, b) => a - b);
      const onTime = answered.filter((r) => r.completedAt! <= r.deadlineAt).length;
      const overdue = ofKind.filter((r) => !r.completedAt && Date.parse(r.deadlineAt) <= now.getTime()).length;
      const judged = answered.length + overdue;
      return [
        kind,
        {
          requested: ofKind.length,
          completed: answered.length,
          completedOnTime: onTime,
          cancelled: ofKind.filter((r) => r.status === 'cancelled').length,
          hoursToComplete: { median: round1(median(hours)), max: round1(hours.at(-1) ?? null) },
          onTimeShare: judged === 0 ? null : Math.round((onTime / judged) * 1000) / 1000,
          overdue,
        },
      ];
    }),
  ) as Record<RequestKind, RequestKindFigures>;

/**
 * The figures as the transparency report's counts by name (`export.requested`, ...): whole numbers,
 * the hours rounded up (never better than the truth); an hour figure without answers is absent.
 */
export const reportCountsOf = (figures: Record<RequestKind, RequestKindFigures>): Record<string, number> =>
  Object.fromEntries(
    requestKinds.flatMap((kind) => {
      const f = figures[kind];
      const hours = [
        ['median-hours-to-complete', f.hoursToComplete.median],
        ['max-hours-to-complete', f.hoursToComplete.max],
      ].flatMap(([name, value]) => (value === null ? [] : [[`${kind}.${name}`, Math.ceil(value as number)] as const]));
      return [
        [`${kind}.requested`, f.requested],
        [`${kind}.completed`, f.completed],
        [`${kind}.completed-on-time`, f.completedOnTime],
        [`${kind}.cancelled`, f.cancelled],
        [`${kind}.overdue`, f.overdue],
        ...hours,
      ];
    }),
  );
