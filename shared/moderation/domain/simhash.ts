import { createHash } from 'node:crypto';

/**
 * 64-bit SimHash (Charikar) of a text's word 3-shingles: near-identical texts get hashes a few
 * bits apart. Lookups use four 16-bit bands: two hashes within 3 bits of each other share at
 * least one band exactly (pigeonhole), so each band is one exact-key query, never a scan.
 */
const SIMHASH_BANDS = 4;
export const NEAR_DUPLICATE_DISTANCE = 3;

const normalise = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    // Numbers are left out: a scam re-posted with a new phone number or price is the same scam.
    .filter((word) => word !== '' && !/^\p{N}+$/u.test(word));

const hash64 = (value: string): bigint => createHash('sha256').update(value).digest().readBigUInt64BE(0);

/** The SimHash as 16 hex digits, or undefined for text too short to compare meaningfully. */
export const simhash = (text: string): string | undefined => {
  const words = normalise(text);
  if (words.length < 5) return undefined;
  const weights = new Array<number>(64).fill(0);
  for (let i = 0; i + 3 <= words.length; i += 1) {
    const h = hash64(words.slice(i, i + 3).join(' '));
    for (let bit = 0; bit < 64; bit += 1) weights[bit]! += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let result = 0n;
  for (let bit = 0; bit < 64; bit += 1) if (weights[bit]! > 0) result |= 1n << BigInt(bit);
  return result.toString(16).padStart(16, '0');
};

export const bands = (hash: string): string[] =>
  Array.from({ length: SIMHASH_BANDS }, (_, i) => `${i}#${hash.slice(i * 4, i * 4 + 4)}`);

export const hammingDistance = (a: string, b: string): number => {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
};
