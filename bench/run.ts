/**
 * `npm run bench`: the project's benchmarks, in one run.
 *
 * 1. Cold-start weight: every function in infra/manifest.ts is bundled as the house construct
 *    bundles it, and its module-load time (a fresh node per sample) is compared with a baseline
 *    handler that loads only the DynamoDB client. Target: median ratio <= 1.6. A second reference,
 *    the cipher floor (that client plus the personal-data cipher), is measured alongside: what any
 *    function holding the data key loads before its own code (informative).
 * 2. Data-key use: wraps and unwraps (KMS GenerateDataKey / Decrypt in AWS) per 1,000 complaint
 *    writes and reads through the real service and cipher, caching materials manager on and off.
 *    Target: <= 10 wraps per 1,000 writes with caching on.
 * 3. SLA sweep capacity: DynamoDB capacity one sweep consumes on DynamoDB Local with 100 and with
 *    100,000 open complaints, 50 of them due, and with 500 due. Target: the cost follows the number
 *    due, not the number open (ratio 100,000 / 100 open <= 1.1).
 * 4. Survey results: the capacity of reading a month's results with 100 and 100,000 responses.
 *    Target: the same cost (ratio <= 1.1), because results are kept as responses arrive.
 * 5. Content review: reviews per second through the local queue, poller and worker, next to a
 *    bare receive-and-delete loop on the same queue (informative: no target).
 *
 * Prints tables and writes every raw figure to bench/results/latest.json. A missed target is
 * reported, not fatal: the exit code is non-zero only when the benchmark itself fails.
 * BENCH_LOAD_RUNS overrides the number of load samples per bundle (default 15);
 * BENCH_SWEEP_OPEN the number of open complaints of the big sweep run (default 100,000);
 * BENCH_SURVEY_RESPONSES the responses of the big survey-results run (default 100,000).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import { commonEnv, eventBus, functions, queues, tables } from '#infra/manifest.ts';
import { LOCAL_KEY_BYTES } from '#shared/crypto/keyring.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { bundleEntry, type Bundle } from './bundles.ts';
import { cacheModes, measureCacheMode, mergeRepetitions, type CacheModeResult, type KeyUse } from './data-keys.ts';
import { complaintFixtures } from './fixtures.ts';
import { measureLoadTimes, nodeVariants, type LoadSamples, type NodeVariant } from './load-time.ts';
import { median, percentile, round } from './stats.ts';
import { contentReviewTable, measureContentReviewThroughput } from './content-review-throughput.ts';
import { freePort } from './dynamodb-meter.ts';
import { measureSurveyResultsCost, type SurveyResultsCost } from './survey-results.ts';
import { measureSweepCapacity, type SweepCapacity } from './sweep-capacity.ts';
import { fixed, formatTable, kib, thousands } from './table.ts';

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 15);
const LOAD_RATIO_TARGET = 1.6;
const COMPLAINTS = 1_000;
const WRAPS_PER_1000_WRITES_TARGET = 10;
const DATA_KEY_REPETITIONS = 3;
const BASELINE = { name: 'baseline', entry: 'bench/entries/baseline.ts' };
const CIPHER_FLOOR = { name: 'cipherFloor', entry: 'bench/entries/cipher-floor.ts' };
const REFERENCES: readonly string[] = [BASELINE.name, CIPHER_FLOOR.name];
const SWEEP_OPEN = Number(process.env.BENCH_SWEEP_OPEN ?? 100_000);
const SWEEP_RATIO_TARGET = 1.1;
/** (open, due): few and many open with the same number due, then ten times as many due. */
const SWEEP_RUNS = [
  { open: 100, due: 50 },
  { open: SWEEP_OPEN, due: 50 },
  { open: 1_000, due: 500 },
] as const;
const SURVEY_RUNS = [100, Number(process.env.BENCH_SURVEY_RESPONSES ?? 100_000)] as const;
const SURVEY_RATIO_TARGET = 1.1;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.dirname(benchDir);
const resultsFile = path.join(benchDir, 'results', 'latest.json');

const log = (message: string) => process.stderr.write(`${message}\n`);

/** What a function sees in the local stack, with names taken from the one resource definition. */
const childEnv = (serviceName: string, keyFile: string): Record<string, string> => ({
  [commonEnv.stage]: 'local',
  [commonEnv.localKeyFile]: keyFile,
  // Any 32 random bytes will do for loading: the bench never computes a pseudonym.
  [commonEnv.localPseudonymKeyFile]: keyFile,
  [commonEnv.eventBusName]: eventBus.localName,
  [commonEnv.serviceName]: serviceName,
  ...Object.fromEntries(Object.values(tables).map((t) => [t.envVar, t.localName])),
  ...Object.fromEntries(Object.values(queues).map((q) => [q.envVar, `http://sqs.us-east-1.localhost/000000000000/${q.localName}`])),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
});

// ---- 1. bundle size and module-load time ---------------------------------------------------

interface LoadFigures {
  samplesMs: number[];
  medianMs: number;
  p90Ms: number;
  /** Median over the baseline's median in the same variant. */
  ratio: number;
}

interface BundleResult {
  name: string;
  entry: string;
  bytes: number;
  kib: number;
  sourceMapBytes: number;
  load: Record<NodeVariant, LoadFigures>;
  /** Against LOAD_RATIO_TARGET, plain variant; undefined for the two references. */
  pass?: boolean;
  /** Plain median over the cipher floor's, for functions that hold the data key (informative). */
  ratioToCipherFloor?: number;
  biggestInputs: Bundle['inputs'];
}

const measureBundles = async (workDir: string): Promise<BundleResult[]> => {
  const keyFile = path.join(workDir, 'data-key');
  await writeFile(keyFile, randomBytes(LOCAL_KEY_BYTES).toString('base64'), { mode: 0o600 });

  const entries = [BASELINE, CIPHER_FLOOR, ...Object.entries(functions).map(([name, f]) => ({ name, entry: f.entry }))];
  const bundles = await Promise.all(
    entries.map((e) => bundleEntry({ ...e, projectRoot, outRoot: path.join(workDir, 'bundles') })),
  );

  log(`Loading ${bundles.length} bundles x ${Object.keys(nodeVariants).length} node variants, ${LOAD_RUNS} runs + 1 warm-up...`);
  const samples = await measureLoadTimes(
    bundles.map((b) => ({ name: b.name, file: b.file, env: childEnv(b.name, keyFile) })),
    { rounds: LOAD_RUNS, onRound: (r) => process.stderr.write(r === LOAD_RUNS ? '.\n' : '.') },
  );
  const holdsDataKey = new Set(Object.entries(functions).filter(([, f]) => f.usesDataKey).map(([name]) => name));
  return bundles.map((b) => bundleResult(b, samples, holdsDataKey.has(b.name)));
};

const loadFigures = (own: readonly number[], baseline: readonly number[]): LoadFigures => ({
  samplesMs: own.map((ms) => round(ms, 2)),
  medianMs: round(median(own), 2),
  p90Ms: round(percentile(own, 90), 2),
  ratio: round(median(own) / median(baseline), 3),
});

const bundleResult = (bundle: Bundle, samples: LoadSamples, holdsDataKey: boolean): BundleResult => {
  const variants = Object.keys(nodeVariants) as NodeVariant[];
  const load = Object.fromEntries(
    variants.map((v) => [v, loadFigures(samples[bundle.name]![v], samples[BASELINE.name]![v])]),
  ) as Record<NodeVariant, LoadFigures>;
  const isReference = REFERENCES.includes(bundle.name);
  const plainMedian = (name: string) => median(samples[name]!.plain);
  return {
    name: bundle.name,
    entry: bundle.entry,
    bytes: bundle.bytes,
    kib: round(bundle.bytes / 1024, 1),
    sourceMapBytes: bundle.mapBytes,
    load,
    ...(!isReference && { pass: load.plain.ratio <= LOAD_RATIO_TARGET }),
    ...(holdsDataKey && { ratioToCipherFloor: round(plainMedian(bundle.name) / plainMedian(CIPHER_FLOOR.name), 3) }),
    biggestInputs: bundle.inputs.slice(0, 15),
  };
};

// ---- 2. data-key wraps and unwraps ---------------------------------------------------------

const measureDataKeys = async (): Promise<CacheModeResult[]> => {
  const fixtures = complaintFixtures(COMPLAINTS, { owners: 50 });
  // An untimed pass first, so that neither mode pays for the JIT warm-up of the crypto path;
  // then repetitions alternating the modes, so that drift of the machine hits both alike.
  for (const mode of cacheModes) await measureCacheMode(fixtures.slice(0, 300), mode);
  const repetitions = new Map(cacheModes.map((m) => [m, [] as CacheModeResult[]]));
  for (let rep = 1; rep <= DATA_KEY_REPETITIONS; rep++) {
    log(`Data keys: ${COMPLAINTS} writes and reads per cache mode, repetition ${rep}/${DATA_KEY_REPETITIONS}...`);
    for (const mode of cacheModes) repetitions.get(mode)!.push(await measureCacheMode(fixtures, mode));
  }
  return [...repetitions.values()].map(mergeRepetitions);
};

const per1000 = (count: number, use: KeyUse) => (count * 1000) / use.operations;
const wrapsPer1000Writes = (r: CacheModeResult) => per1000(r.writes.wraps, r.writes);

// ---- 3. SLA sweep capacity -----------------------------------------------------------------

/** The SLA sweep, the survey results and the content-review worker, on one DynamoDB Local. */
const measureDatabaseCosts = async () => {
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const sweeps: SweepCapacity[] = [];
    for (const run of SWEEP_RUNS) sweeps.push(await measureSweepCapacity(database, { ...run, log }));
    const surveys: SurveyResultsCost[] = [];
    for (const responses of SURVEY_RUNS) surveys.push(await measureSurveyResultsCost(database, { responses, log }));
    const contentReview = await measureContentReviewThroughput(database, { log });
    return { sweeps, surveys, contentReview };
  } finally {
    await database.stop();
  }
};

const surveyRatio = (results: readonly SurveyResultsCost[]) => results[1]!.capacityUnits / results[0]!.capacityUnits;

const surveyTable = (results: readonly SurveyResultsCost[]): string =>
  formatTable(
    [
      { header: 'Responses' },
      { header: 'Capacity units (results read)', align: 'right' },
      { header: 'Requests', align: 'right' },
      { header: 'A scan would read', align: 'right' },
      { header: 'Read ms', align: 'right' },
    ],
    results.map((r) => [thousands(r.responses), fixed(r.capacityUnits), thousands(r.requests), fixed(r.scanReadUnits), fixed(r.readMs)]),
  );

/** Capacity with many open over capacity with few open, the number due being the same. */
const sweepRatio = (results: readonly SweepCapacity[]) => results[1]!.capacityUnits / results[0]!.capacityUnits;

const sweepTable = (results: readonly SweepCapacity[]): string =>
  formatTable(
    [
      { header: 'Open complaints' },
      { header: 'Due', align: 'right' },
      { header: 'Capacity units', align: 'right' },
      { header: 'Requests', align: 'right' },
      { header: 'Per due complaint', align: 'right' },
      { header: 'Sweep ms', align: 'right' },
    ],
    results.map((r) => [
      thousands(r.open),
      thousands(r.due),
      fixed(r.capacityUnits),
      thousands(r.requests),
      fixed(r.capacityUnits / r.due, 2),
      fixed(r.sweepMs, 0),
    ]),
  );

// ---- 4. report -----------------------------------------------------------------------------

const header = (startedAt: Date) => {
  const cpus = os.cpus();
  return [
    `Benchmark ${startedAt.toISOString()}`,
    `Node ${process.version} (${process.platform} ${process.arch}), ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), esbuild ${esbuildVersion}`,
  ];
};

const loadTable = (results: readonly BundleResult[]): string =>
  formatTable(
    [
      { header: 'Bundle' },
      { header: 'Entry' },
      { header: 'Bytes', align: 'right' },
      { header: 'KiB', align: 'right' },
      { header: 'Load median ms', align: 'right' },
      { header: 'p90 ms', align: 'right' },
      { header: 'Ratio', align: 'right' },
      { header: `Target <= ${LOAD_RATIO_TARGET}` },
      { header: 'Ratio to cipher floor', align: 'right' },
      { header: 'w/ source maps: median ms', align: 'right' },
      { header: 'ratio', align: 'right' },
    ],
    results.map((r) => [
      r.name,
      r.entry,
      thousands(r.bytes),
      kib(r.bytes),
      fixed(r.load.plain.medianMs),
      fixed(r.load.plain.p90Ms),
      fixed(r.load.plain.ratio, 2),
      r.pass === undefined ? '(reference)' : r.pass ? 'PASS' : 'FAIL',
      r.ratioToCipherFloor === undefined ? '' : fixed(r.ratioToCipherFloor, 2),
      fixed(r.load.sourceMaps.medianMs),
      fixed(r.load.sourceMaps.ratio, 2),
    ]),
  );

/** For a bundle over the target: what it is made of, biggest first (a proxy for load cost). */
const compositionTable = (result: BundleResult): string =>
  formatTable(
    [{ header: 'Package or folder' }, { header: 'KiB', align: 'right' }, { header: 'Share', align: 'right' }],
    result.biggestInputs
      .slice(0, 10)
      .map((i) => [i.input, kib(i.bytes), `${fixed((100 * i.bytes) / result.bytes)}%`]),
  );

const dataKeyTable = (results: readonly CacheModeResult[]): string => {
  const row = (r: CacheModeResult, operation: string, use: KeyUse, target = '') => [
    r.mode,
    operation,
    thousands(use.operations),
    fixed(per1000(use.wraps, use), 0),
    fixed(per1000(use.unwraps, use), 0),
    fixed(per1000(use.ms, use)),
    target,
  ];
  return formatTable(
    [
      { header: 'Cache' },
      { header: 'Operation' },
      { header: 'Ops', align: 'right' },
      { header: 'Wraps /1000', align: 'right' },
      { header: 'Unwraps /1000', align: 'right' },
      { header: `ms /1000 (median of ${DATA_KEY_REPETITIONS})`, align: 'right' },
      { header: `Target <= ${WRAPS_PER_1000_WRITES_TARGET} wraps /1000 writes (caching on)` },
    ],
    results.flatMap((r) => {
      const verdict = wrapsPer1000Writes(r) <= WRAPS_PER_1000_WRITES_TARGET ? 'PASS' : 'FAIL';
      return [
        row(r, 'write', r.writes, r.cache === false ? '(informative)' : verdict),
        row(r, 'read, same container', r.readsSameContainer),
        row(r, 'read, fresh container', r.readsFreshContainer),
      ];
    }),
  );
};

const main = async () => {
  const startedAt = new Date();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  try {
    const bundles = await measureBundles(workDir);
    const dataKeys = await measureDataKeys();
    const { sweeps, surveys, contentReview } = await measureDatabaseCosts();
    const ratio = sweepRatio(sweeps);
    const surveysRatio = surveyRatio(surveys);

    const overTarget = bundles.filter((b) => b.pass === false);
    const sections = [
      ...header(startedAt),
      '',
      `Module load: import() of the bundle in a fresh node, ${LOAD_RUNS} runs each (after 1 warm-up), interleaved; ratio = median / baseline median`,
      loadTable(bundles),
      'w/ source maps: node --enable-source-maps, as deployed (the house construct sets it in NODE_OPTIONS); informative',
      'cipherFloor: the baseline plus the personal-data cipher (Encryption SDK, caching materials manager, keyrings), what every function holding the data key loads; its ratio to the baseline is the least such a function can reach (informative)',
      ...overTarget.flatMap((b) => ['', `${b.name} is over the load target; its biggest inputs:`, compositionTable(b)]),
      '',
      `Data keys: ${thousands(COMPLAINTS)} complaints filed and read back through the complaint service (wrap = KMS GenerateDataKey, unwrap = KMS Decrypt)`,
      dataKeyTable(dataKeys),
      '',
      'SLA sweep: DynamoDB capacity of one sweep on DynamoDB Local (ReturnConsumedCapacity on every request), 2 breaches per due complaint',
      sweepTable(sweeps),
      `Ratio ${thousands(SWEEP_RUNS[1].open)} open / ${thousands(SWEEP_RUNS[0].open)} open, ${SWEEP_RUNS[0].due} due: ${fixed(ratio, 3)}  target <= ${SWEEP_RATIO_TARGET}: ${ratio <= SWEEP_RATIO_TARGET ? 'PASS' : 'FAIL'}`,
      '',
      "Survey results: DynamoDB capacity of reading one month's results (counters kept as responses arrive)",
      surveyTable(surveys),
      `Ratio ${thousands(SURVEY_RUNS[1])} / ${thousands(SURVEY_RUNS[0])} responses: ${fixed(surveysRatio, 3)}  target <= ${SURVEY_RATIO_TARGET}: ${surveysRatio <= SURVEY_RATIO_TARGET ? 'PASS' : 'FAIL'}`,
      '',
      `Content review: ${contentReview.messages} reviews per repetition through the local queue, the poller and the worker, next to a bare receive-and-delete loop on the same queue (medians of ${contentReview.repetitions})`,
      contentReviewTable(contentReview),
      `Worker / bare loop: ${fixed(contentReview.ratio, 3)} (screening outcomes: ${JSON.stringify(contentReview.outcomes)})`,
    ];
    console.log(sections.join('\n'));

    const results = {
      meta: {
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(Date.now() - startedAt.getTime()),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim(),
        esbuild: esbuildVersion,
        loadRuns: LOAD_RUNS,
        warmUpRuns: 1,
        dataKeyRepetitions: DATA_KEY_REPETITIONS,
        nodeVariants,
      },
      targets: {
        loadRatio: LOAD_RATIO_TARGET,
        wrapsPer1000Writes: WRAPS_PER_1000_WRITES_TARGET,
        sweepOpenRatio: SWEEP_RATIO_TARGET,
        surveyResponsesRatio: SURVEY_RATIO_TARGET,
      },
      bundles,
      dataKeys: dataKeys.map((r) => ({
        ...r,
        wrapsPer1000Writes: wrapsPer1000Writes(r),
        ...(r.cache !== false && { pass: wrapsPer1000Writes(r) <= WRAPS_PER_1000_WRITES_TARGET }),
      })),
      slaSweep: { runs: sweeps, openRatio: ratio, pass: ratio <= SWEEP_RATIO_TARGET },
      surveyResults: { runs: surveys, responsesRatio: surveysRatio, pass: surveysRatio <= SURVEY_RATIO_TARGET },
      contentReview,
    };
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nWrote ${path.relative(process.cwd(), resultsFile)} in ${(results.meta.durationMs / 1000).toFixed(1)} s`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};

await main();
