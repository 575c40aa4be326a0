/**
 * Response times kept as a histogram of fixed buckets, so that the median and the 90th
 * percentile of a period come from a handful of counters instead of every complaint.
 *
 * Buckets are one minute wide up to an hour, ten minutes up to two days, an hour up to thirty
 * days; beyond that one open bucket. A quantile is reported as the upper edge of the bucket it
 * falls in: never better than the truth, and at most one bucket width worse.
 */
const MINUTE_MS = 60_000;

const edgesInMinutes = (() => {
  const edges: number[] = [];
  for (let m = 1; m <= 60; m += 1) edges.push(m);
  for (let m = 70; m <= 48 * 60; m += 10) edges.push(m);
  for (let m = 49 * 60; m <= 30 * 24 * 60; m += 60) edges.push(m);
  return edges;
})();

export const OVERFLOW_BUCKET = 'over';

/** The bucket label of a duration: the upper edge in minutes, zero-padded so labels sort. */
export const firstResponseBucket = (durationMs: number): string => {
  const minutes = Math.max(0, durationMs) / MINUTE_MS;
  let low = 0;
  let high = edgesInMinutes.length - 1;
  if (minutes > edgesInMinutes[high]!) return OVERFLOW_BUCKET;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (edgesInMinutes[mid]! >= minutes) high = mid;
    else low = mid + 1;
  }
  return String(edgesInMinutes[low]).padStart(5, '0');
};

/**
 * The label of the bucket holding the q-quantile (0 < q <= 1, nearest-rank definition) of counts
 * kept per bucket, labels sorting in bucket order (zero-padded edges, the open bucket last);
 * undefined when nothing was counted. Any histogram of fixed buckets reads its quantiles with it.
 */
export const quantileBucket = (buckets: Record<string, number>, q: number): string | undefined => {
  const total = Object.values(buckets).reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const label of Object.keys(buckets).sort()) {
    seen += buckets[label] ?? 0;
    if (seen >= rank) return label;
  }
  return undefined;
};

/**
 * The q-quantile (0 < q <= 1) of the durations counted in `buckets`, in milliseconds, as the
 * upper edge of its bucket (nearest-rank definition); undefined when nothing was counted or it
 * falls in the open bucket.
 */
export const quantileMs = (buckets: Record<string, number>, q: number): number | undefined => {
  const label = quantileBucket(buckets, q);
  return label === undefined || label === OVERFLOW_BUCKET ? undefined : Number(label) * MINUTE_MS;
};

/**
 * The q-quantile, in minutes (null when unknown), of the histogram kept in `counters` as one counter
 * per bucket named `<prefix><bucket>`.
 */
export const quantileMinutesOf = (counters: Record<string, number>, prefix: string, q: number): number | null => {
  const buckets = Object.fromEntries(
    Object.entries(counters)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, n]) => [name.slice(prefix.length), n]),
  );
  const value = quantileMs(buckets, q);
  return value === undefined ? null : value / MINUTE_MS;
};

/** Counters named `<prefix><key>` for each key, zero when absent (a breakdown such as by category). */
export const countersByKey = (counters: Record<string, number>, prefix: string, keys: readonly string[]): Record<string, number> =>
  Object.fromEntries(keys.map((k) => [k, counters[`${prefix}${k}`] ?? 0]));
