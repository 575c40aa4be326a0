/** Order statistics for small samples of timings. */

const sorted = (samples: readonly number[]): number[] => {
  if (samples.length === 0) throw new Error('No samples');
  return [...samples].sort((a, b) => a - b);
};

export const median = (samples: readonly number[]): number => {
  const s = sorted(samples);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Nearest-rank percentile: an observed value, no interpolation (honest on 15 samples). */
export const percentile = (samples: readonly number[], p: number): number => {
  const s = sorted(samples);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
