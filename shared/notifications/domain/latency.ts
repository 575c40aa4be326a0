import { quantileBucket } from '#shared/figures/histogram.ts';

/**
 * Time from an event to its message being sent, kept as a histogram of fixed buckets (counters in
 * the figures), so that the p50 and p95 of a period come from a handful of counters. A quantile is
 * the upper edge of the bucket it falls in: never better than the truth.
 */
const edgesMs = [250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 900_000, 3_600_000] as const;
const OVER = 'over';
const LATENCY_PREFIX = 'latency#';

/** The counter of a duration's bucket: `latency#<upper edge in ms, zero-padded>` or `latency#over`. */
export const latencyCounter = (durationMs: number): string => {
  const edge = edgesMs.find((e) => Math.max(0, durationMs) <= e);
  return `${LATENCY_PREFIX}${edge === undefined ? OVER : String(edge).padStart(7, '0')}`;
};

/** The q-quantile in milliseconds of the latency counters in `counters`; null when none were counted or it is past the last edge. */
export const latencyQuantileMs = (counters: Record<string, number>, q: number): number | null => {
  const buckets = Object.fromEntries(
    Object.entries(counters)
      .filter(([name]) => name.startsWith(LATENCY_PREFIX))
      .map(([name, n]) => [name.slice(LATENCY_PREFIX.length), n]),
  );
  const label = quantileBucket(buckets, q);
  return label === undefined || label === OVER ? null : Number(label);
};
