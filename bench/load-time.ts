import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs in a fresh `node` per sample: times `import()` of the bundle (parse, compile and
 * module-scope code: config, clients), then checks it exports a handler. Pure node, no tsx.
 */
const IMPORT_ONCE = `
const url = process.argv[1];
const start = performance.now();
const mod = await import(url);
const ms = performance.now() - start;
if (typeof mod.handler !== 'function') throw new Error(url + ' exports no handler');
console.log(JSON.stringify({ ms }));
`;

/**
 * Ways of starting node that are timed. `plain` is how the house construct deploys (stack traces
 * are mapped only when one is formatted) and the comparison the target applies to; `sourceMaps`
 * is what `--enable-source-maps` would add, node reading and parsing the whole source map at load.
 */
export const nodeVariants = {
  plain: [],
  sourceMaps: ['--enable-source-maps'],
} as const satisfies Record<string, readonly string[]>;
export type NodeVariant = keyof typeof nodeVariants;

export interface LoadTarget {
  name: string;
  file: string;
  /** The child's whole environment: nothing is inherited (no NODE_OPTIONS, no AWS profile). */
  env: Record<string, string>;
}

export type LoadSamples = Record<string, Record<NodeVariant, number[]>>;

const importOnce = async (target: LoadTarget, variant: NodeVariant): Promise<number> => {
  const args = [...nodeVariants[variant], '--input-type=module', '-e', IMPORT_ONCE, pathToFileURL(target.file).href];
  try {
    const { stdout } = await run(process.execPath, args, { env: target.env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
    return (JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number }).ms;
  } catch (error) {
    // Node echoes the failing line of the bundle: one minified line can be megabytes long.
    const stderr = ((error as { stderr?: string }).stderr ?? '').split('\n').map((l) => l.slice(0, 300)).join('\n');
    throw new Error(`Loading ${target.name} (${variant}) failed:\n${stderr.slice(-3000) || String(error)}`);
  }
};

/**
 * One child process at a time (2 cores: parallel children would time each other), interleaved:
 * each round loads every target once in every variant, in an order rotated per round, so that
 * drift of a noisy machine spreads evenly. Round 0 only warms the disk cache and is dropped.
 */
export const measureLoadTimes = async (
  targets: readonly LoadTarget[],
  options: { rounds: number; onRound?: (round: number) => void },
): Promise<LoadSamples> => {
  const variants = Object.keys(nodeVariants) as NodeVariant[];
  const jobs = targets.flatMap((target) => variants.map((variant) => ({ target, variant })));
  const samples: LoadSamples = Object.fromEntries(
    targets.map((t) => [t.name, Object.fromEntries(variants.map((v) => [v, [] as number[]]))]),
  ) as LoadSamples;

  for (let round = 0; round <= options.rounds; round++) {
    for (const { target, variant } of rotate(jobs, round)) {
      const ms = await importOnce(target, variant);
      if (round > 0) samples[target.name]![variant].push(ms);
    }
    options.onRound?.(round);
  }
  return samples;
};

/** The items shifted left by `by` places, wrapping round: each round of samples starts elsewhere. */
export const rotate = <T>(items: readonly T[], by: number): T[] => {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
};
