import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commonEnv, functions, queues, userPools } from '#infra/manifest.ts';
import { authorizerEnv } from '#shared/identity/authorizer-context.ts';
import { localEnvironment, localNotificationsEnvironment, localSyntheticCheckEnvironment } from '#infra/local/stack.ts';
import { LOCAL_KEY_BYTES } from '#shared/crypto/keyring.ts';
import { BASELINE_ENTRY, bundleEntry, type Bundle } from './bundles.ts';
import { measureLoadTimes, nodeVariants, type LoadSamples, type NodeVariant } from './load-time.ts';
import { median, percentile, round } from './stats.ts';
import type { Section } from './section.ts';
import { fixed, formatTable, kib } from './table.ts';

/**
 * Module-load weight: every function in infra/manifest.ts bundled as the house construct bundles
 * it, its module-load time (a fresh node per sample) next to two references measured in the same
 * run: the baseline (the DynamoDB client only) and the cipher floor (the baseline plus the
 * personal-data cipher, the least a function holding the data key loads). Target: a function
 * holding the data key loads in at most 1.3 times the cipher floor, every other function in at
 * most 1.3 times the baseline (plain node, medians).
 */

export const LOAD_TARGET_FACTOR = 1.3;
/**
 * A function holding the data key that loads in less than this share of the cipher floor cannot
 * have loaded the Encryption SDK at start: it defers it to its first request, which is no gain, so
 * its target counts as not met (the cold-start bench shows what the first request then costs).
 */
export const LAZY_CIPHER_BELOW = 0.9;
/**
 * The two references of the targets are bundled with the SDK as it ships (`sdkAsShipped`), as
 * they have been since the targets were set; the functions are bundled the house's way
 * (infra/bundling.ts: the environment's credentials in place of the SDK's whole default chain,
 * the SDK's schemas with literal keys, one bn.js). The third reference, the baseline bundled the
 * house's way, shows what that alone takes off.
 */
export const BASELINE = { name: 'baseline', entry: BASELINE_ENTRY, sdkAsShipped: true };
export const CIPHER_FLOOR = { name: 'cipherFloor', entry: 'bench/entries/cipher-floor.ts', sdkAsShipped: true };
const BASELINE_HOUSE_BUNDLED = { name: 'baselineHouseBundled', entry: BASELINE_ENTRY };
/**
 * Two more informative references, bundled the house's way: what an API function loads before its
 * context's own code (the API floor), and the same with the cipher and the idempotent writes (the
 * API cipher floor). A function's load over the matching one is what its own code costs.
 */
const API_FLOOR = { name: 'apiFloor', entry: 'bench/entries/api-floor.ts' };
const API_CIPHER_FLOOR = { name: 'apiCipherFloor', entry: 'bench/entries/api-cipher-floor.ts' };
const REFERENCES: readonly string[] = [BASELINE.name, CIPHER_FLOOR.name, BASELINE_HOUSE_BUNDLED.name, API_FLOOR.name, API_CIPHER_FLOOR.name];
type Reference = 'baseline' | 'cipherFloor';

interface LoadFigures {
  samplesMs: number[];
  medianMs: number;
  p90Ms: number;
  /** Median over the baseline's median in the same variant. */
  ratio: number;
}

/** A function's load target: a factor of the reference it is held to, in plain node. */
export interface LoadTargetVerdict {
  reference: Reference;
  factor: number;
  /** The reference's median times the factor. */
  limitMs: number;
  /** The function's median over the reference's median. */
  ratio: number;
  met: boolean;
  /** Set when a data-key holder loads below the cipher floor (LAZY_CIPHER_BELOW): not met whatever its ratio. */
  lazyCipher?: true;
}

export interface BundleResult {
  name: string;
  entry: string;
  bytes: number;
  kib: number;
  sourceMapBytes: number;
  usesDataKey?: boolean;
  load: Record<NodeVariant, LoadFigures>;
  /** Undefined for the two references. */
  target?: LoadTargetVerdict;
  /** Plain median over the cipher floor's, for functions that hold the data key. */
  ratioToCipherFloor?: number;
  biggestInputs: Bundle['inputs'];
}

/**
 * What a function sees in the local stack, with names taken from the one resource definition
 * (nothing is called while loading): what each function reads at start.
 */
const childEnv = (serviceName: string, keyFile: string): Record<string, string> => ({
  ...localEnvironment({
    dynamodb: 'http://127.0.0.1:1',
    sqs: 'http://127.0.0.1:1',
    eventbridge: 'http://127.0.0.1:1',
    ses: 'http://127.0.0.1:1',
    queueUrls: Object.fromEntries(Object.values(queues).map((q) => [q.localName, `http://sqs.us-east-1.localhost/000000000000/${q.localName}`])),
    dataKeyFile: keyFile,
    // Any 32 random bytes will do for loading: the bench never computes a pseudonym.
    pseudonymKeyFile: keyFile,
  }),
  ...localSyntheticCheckEnvironment('http://127.0.0.1:1'),
  // No user directory file: nobody is looked up while loading.
  ...localNotificationsEnvironment({ api: 'http://127.0.0.1:1', usersFile: `${keyFile}.no-users.json` }),
  // The authorizer's pools (Cognito-shaped ids; nothing is fetched while loading).
  [authorizerEnv.peoplePoolId]: userPools.people.localPoolId,
  [authorizerEnv.peopleClientIds]: userPools.people.localClientId,
  [authorizerEnv.staffPoolId]: userPools.staff.localPoolId,
  [authorizerEnv.staffClientIds]: userPools.staff.localClientId,
  [commonEnv.serviceName]: serviceName,
});

export const measureBundles = async (options: {
  projectRoot: string;
  workDir: string;
  runs: number;
  log: (line: string) => void;
}): Promise<BundleResult[]> => {
  const { projectRoot, workDir, runs } = options;
  const keyFile = path.join(workDir, 'data-key');
  await writeFile(keyFile, randomBytes(LOCAL_KEY_BYTES).toString('base64'), { mode: 0o600 });

  const entries = [BASELINE, CIPHER_FLOOR, BASELINE_HOUSE_BUNDLED, API_FLOOR, API_CIPHER_FLOOR, ...Object.entries(functions).map(([name, f]) => ({ name, entry: f.entry }))];
  const bundles = await Promise.all(entries.map((e) => bundleEntry({ ...e, projectRoot, outRoot: path.join(workDir, 'bundles') })));

  options.log(`Loading ${bundles.length} bundles x ${Object.keys(nodeVariants).length} node variants, ${runs} runs + 1 warm-up...`);
  const samples = await measureLoadTimes(
    bundles.map((b) => ({ name: b.name, file: b.file, env: childEnv(b.name, keyFile) })),
    { rounds: runs, onRound: (r) => process.stderr.write(r === runs ? '.\n' : '.') },
  );
  const usesDataKey = new Map(Object.entries(functions).map(([name, f]) => [name, f.usesDataKey === true]));
  return bundles.map((b) => bundleResult(b, samples, usesDataKey.get(b.name)));
};

const loadFigures = (own: readonly number[], baseline: readonly number[]): LoadFigures => ({
  samplesMs: own.map((ms) => round(ms, 2)),
  medianMs: round(median(own), 2),
  p90Ms: round(percentile(own, 90), 2),
  ratio: round(median(own) / median(baseline), 3),
});

const targetVerdict = (samples: LoadSamples, name: string, reference: Reference): LoadTargetVerdict => {
  const own = median(samples[name]!.plain);
  const referenceMedian = median(samples[reference]!.plain);
  const limitMs = LOAD_TARGET_FACTOR * referenceMedian;
  const lazyCipher = reference === 'cipherFloor' && own < LAZY_CIPHER_BELOW * referenceMedian;
  return {
    reference,
    factor: LOAD_TARGET_FACTOR,
    limitMs: round(limitMs, 2),
    ratio: round(own / referenceMedian, 3),
    met: own <= limitMs && !lazyCipher,
    ...(lazyCipher && { lazyCipher: true as const }),
  };
};

/** `usesDataKey` is undefined for the references, which are held to no target. */
const bundleResult = (bundle: Bundle, samples: LoadSamples, usesDataKey: boolean | undefined): BundleResult => {
  const variants = Object.keys(nodeVariants) as NodeVariant[];
  const load = Object.fromEntries(
    variants.map((v) => [v, loadFigures(samples[bundle.name]![v], samples[BASELINE.name]![v])]),
  ) as Record<NodeVariant, LoadFigures>;
  const isFunction = usesDataKey !== undefined && !REFERENCES.includes(bundle.name);
  const cipherFloorRatio = median(samples[bundle.name]!.plain) / median(samples[CIPHER_FLOOR.name]!.plain);
  return {
    name: bundle.name,
    entry: bundle.entry,
    bytes: bundle.bytes,
    kib: round(bundle.bytes / 1024, 1),
    sourceMapBytes: bundle.mapBytes,
    ...(isFunction && { usesDataKey }),
    load,
    ...(isFunction && { target: targetVerdict(samples, bundle.name, usesDataKey ? 'cipherFloor' : 'baseline') }),
    ...((usesDataKey || [CIPHER_FLOOR.name, API_CIPHER_FLOOR.name].includes(bundle.name)) && { ratioToCipherFloor: round(cipherFloorRatio, 3) }),
    biggestInputs: bundle.inputs.slice(0, 15),
  };
};

const referenceLabel: Record<Reference, string> = { baseline: 'baseline', cipherFloor: 'cipher floor' };

const verdict = (target: LoadTargetVerdict): string =>
  target.lazyCipher ? 'not met (below the cipher floor: cipher loaded lazily?)' : target.met ? 'met' : 'not met';

export const loadTable = (results: readonly BundleResult[]): string =>
  formatTable(
    [
      { header: 'Bundle' },
      { header: 'Entry' },
      { header: 'KiB', align: 'right' },
      { header: 'Load median ms', align: 'right' },
      { header: 'p90 ms', align: 'right' },
      { header: 'Ratio to baseline', align: 'right' },
      { header: 'Ratio to cipher floor', align: 'right' },
      { header: 'Target' },
      { header: 'Target ms', align: 'right' },
      { header: 'Verdict' },
      { header: 'w/ --enable-source-maps: median ms', align: 'right' },
      { header: 'ratio', align: 'right' },
    ],
    results.map((r) => [
      r.name,
      r.entry,
      kib(r.bytes),
      fixed(r.load.plain.medianMs),
      fixed(r.load.plain.p90Ms),
      fixed(r.load.plain.ratio, 2),
      r.ratioToCipherFloor === undefined ? '' : fixed(r.ratioToCipherFloor, 2),
      r.target ? `<= ${r.target.factor}x ${referenceLabel[r.target.reference]}` : '(reference)',
      r.target ? fixed(r.target.limitMs) : '',
      r.target ? verdict(r.target) : '',
      fixed(r.load.sourceMaps.medianMs),
      fixed(r.load.sourceMaps.ratio, 2),
    ]),
  );

/** For a bundle over its target: what it is made of, biggest first (a proxy for load cost). */
export const compositionTable = (result: BundleResult): string =>
  formatTable(
    [{ header: 'Package or folder' }, { header: 'KiB', align: 'right' }, { header: 'Share', align: 'right' }],
    result.biggestInputs.slice(0, 10).map((i) => [i.input, kib(i.bytes), `${fixed((100 * i.bytes) / result.bytes)}%`]),
  );

/** The lines the report prints for this section. */
export const loadReport = (results: readonly BundleResult[], runs: number): string[] => {
  const missed = results.filter((b) => b.target?.met === false);
  return [
    `Module load: import() of the bundle in a fresh node, ${runs} runs each (after 1 warm-up), interleaved; ratios of medians`,
    `Target: a function holding the data key (usesDataKey) loads in at most ${LOAD_TARGET_FACTOR}x the cipher floor, every other function in at most ${LOAD_TARGET_FACTOR}x the baseline (plain node)`,
    loadTable(results),
    'w/ --enable-source-maps: what node would add by parsing the source map at load; informative (the house construct does not set it: stack traces are mapped when one is formatted)',
    'cipherFloor: the baseline plus the personal-data cipher (Encryption SDK, caching materials manager, keyrings), loaded at module scope: what every function holding the data key loads before its own code',
    "baseline and cipherFloor bundle the SDK as it ships; the functions and baselineHouseBundled (informative) are bundled the house's way (infra/bundling.ts: the environment's credentials in place of the SDK's default chain, the SDK's schemas with literal keys, one bn.js)",
    'apiFloor and apiCipherFloor (informative): what an API function loads before its own code (DynamoDB clients, logger, metrics, the API handler, a request read with zod), without and with the cipher and idempotent writes',
    `A data-key holder below ${LAZY_CIPHER_BELOW}x the cipher floor defers the Encryption SDK to its first request: no gain, counted as not met`,
    `Targets met: ${results.filter((r) => r.target?.met).length} of ${results.filter((r) => r.target).length}`,
    ...missed.flatMap((b) => ['', `${b.name} is over its load target; its biggest inputs:`, compositionTable(b)]),
  ];
};

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 15);

export const loadSection: Section = async ({ projectRoot, workDir, log }) => {
  const bundles = await measureBundles({ projectRoot, workDir, runs: LOAD_RUNS, log });
  return {
    lines: loadReport(bundles, LOAD_RUNS),
    targets: {
      load: {
        factor: LOAD_TARGET_FACTOR,
        reference: { usesDataKey: CIPHER_FLOOR.name, otherwise: BASELINE.name },
        lazyCipherBelow: LAZY_CIPHER_BELOW,
        variant: 'plain',
      },
    },
    results: { bundles },
    meta: { loadRuns: LOAD_RUNS, loadWarmUpRuns: 1, nodeVariants },
  };
};
