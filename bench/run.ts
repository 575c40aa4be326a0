/**
 * `npm run bench`: the project's benchmarks, in one run.
 *
 * 1. load: module-load weight. Every function in infra/manifest.ts is bundled as the house
 *    construct bundles it, and its module-load time (a fresh node per sample) is compared with
 *    two references measured alongside: the baseline (the DynamoDB client only) and the cipher
 *    floor (that client plus the personal-data cipher). Target: a function that holds the data
 *    key (`usesDataKey`) loads in at most 1.3x the cipher floor, every other in at most 1.3x the
 *    baseline (bench/load.ts).
 * 2. cold-start: the whole cold start. A fresh node imports a bundle and answers its first
 *    request against DynamoDB Local: the complaints function files a complaint, the platform
 *    function answers its health check, next to the baseline bundle doing one PutItem; medians
 *    and ratios to the baseline (bench/cold-start.ts).
 * 3. data-keys: wraps and unwraps (KMS GenerateDataKey / Decrypt in AWS) per 1,000 complaint
 *    writes and reads, data-key cache on and off. Target: <= 10 wraps per 1,000 writes with the
 *    cache on (bench/data-keys-section.ts).
 * 4. database: the SLA sweep's and the survey results' DynamoDB capacity with few and many items
 *    (targets: ratio <= 1.1), and content-review throughput (bench/database-costs.ts).
 * 5. filings: complaints filed per second through the local gateway at concurrency 32, next to
 *    bare TransactWriteItems of the same items on the same DynamoDB Local (target: ratio >= 0.6,
 *    p50 and p99 of each), and a burst of 200 filings at once (target: no 409, no 5xx)
 *    (bench/filings.ts).
 * 6. authorizer: what the API's Lambda authorizer adds per request: one verification with the
 *    JWKS cached (µs), and requests through the local gateway with it next to a pass-through
 *    authorizer in the same run (bench/authorizer.ts).
 * 7. notifications: real `complaint.received` events (complaints filed through the customer-service
 *    ports, read back from the local bus) handled per second by the local queue poller and the
 *    notification sender (inbox item and email to the SES emulator, checked after), next to a bare
 *    receive-and-delete loop on the same queue; medians of 3 (informative: no target)
 *    (bench/notifications-throughput.ts).
 * 8. crypto-shredding: what erasure by deleting a key per person would cost: complaints of 50
 *    people filed and listed with a key per person (a key table in DynamoDB Local, unwrapped on
 *    each miss) next to the shared, cached data key in the same run; ratios of medians of 9
 *    rounds, KMS calls and key reads (informative: no target) (bench/crypto-shredding.ts).
 *
 * `npx tsx bench/run.ts` runs every section; `npx tsx bench/run.ts cold-start` (or any names
 * of the sections above, e.g. `load cold-start`) runs only those. Each section's modules are
 * imported only when it runs, so one section runs even while another's imports are broken.
 *
 * Prints tables and writes every raw figure to bench/results/latest.json (a full run) or
 * bench/results/latest-<sections>.json (a selection, e.g. latest-cold-start.json). A missed
 * target is reported, not fatal: the exit code is non-zero only when the benchmark itself fails;
 * a section that fails is reported and the others still run.
 * BENCH_LOAD_RUNS overrides the number of load samples per bundle (default 15);
 * BENCH_COLD_START_RUNS the cold starts per bundle (default 15);
 * BENCH_SWEEP_OPEN the number of open complaints of the big sweep run (default 100,000);
 * BENCH_SURVEY_RESPONSES the responses of the big survey-results run (default 100,000);
 * BENCH_FILINGS the filings (and bare transactions) of the throughput run (default 640);
 * BENCH_NOTIFICATIONS the events (and bare messages) per notifications repetition (default 200).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import type { Section, SectionOutput } from './section.ts';

/** In the order they run and print. */
const sections = {
  load: async () => (await import('./load.ts')).loadSection,
  'cold-start': async () => (await import('./cold-start.ts')).coldStartSection,
  'data-keys': async () => (await import('./data-keys-section.ts')).dataKeysSection,
  database: async () => (await import('./database-costs.ts')).databaseSection,
  filings: async () => (await import('./filings.ts')).filingsSection,
  authorizer: async () => (await import('./authorizer.ts')).authorizerSection,
  notifications: async () => (await import('./notifications-throughput.ts')).notificationsSection,
  'crypto-shredding': async () => (await import('./crypto-shredding.ts')).cryptoShreddingSection,
} satisfies Record<string, () => Promise<Section>>;
type SectionName = keyof typeof sections;
const sectionNames = Object.keys(sections) as SectionName[];

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.dirname(benchDir);

const log = (message: string) => process.stderr.write(`${message}\n`);

const selectedSections = (args: readonly string[]): SectionName[] => {
  const unknown = args.filter((a) => !sectionNames.includes(a as SectionName));
  if (unknown.length > 0) {
    throw new Error(`Unknown bench section ${unknown.join(', ')}; the sections are: ${sectionNames.join(', ')}`);
  }
  return args.length === 0 ? sectionNames : sectionNames.filter((name) => args.includes(name));
};

const resultsFileOf = (selected: readonly SectionName[]) =>
  path.join(benchDir, 'results', selected.length === sectionNames.length ? 'latest.json' : `latest-${selected.join('+')}.json`);

const header = (startedAt: Date) => {
  const cpus = os.cpus();
  return [
    `Benchmark ${startedAt.toISOString()}`,
    `Node ${process.version} (${process.platform} ${process.arch}), ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), esbuild ${esbuildVersion}`,
  ];
};

const main = async () => {
  const selected = selectedSections(process.argv.slice(2));
  const startedAt = new Date();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  try {
    const outputs: SectionOutput[] = [];
    const failures: { section: SectionName; error: string }[] = [];
    const sectionDurationsMs: Partial<Record<SectionName, number>> = {};
    for (const name of selected) {
      const sectionStart = performance.now();
      try {
        const section = await sections[name]();
        outputs.push(await section({ projectRoot, workDir, log }));
        sectionDurationsMs[name] = Math.round(performance.now() - sectionStart);
        log(`Section ${name}: ${(sectionDurationsMs[name] / 1000).toFixed(1)} s`);
      } catch (error) {
        // The other sections still run and report; the run exits non-zero at the end.
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ section: name, error: message });
        log(`Section ${name} failed:\n${message}`);
      }
    }
    const failureLines = failures.flatMap((f) => ['', `Section ${f.section} FAILED: ${f.error.split('\n')[0]}`]);
    console.log([...header(startedAt), ...outputs.flatMap((o) => ['', ...o.lines]), ...failureLines].join('\n'));

    const durationMs = Math.round(Date.now() - startedAt.getTime());
    const results = {
      meta: {
        startedAt: startedAt.toISOString(),
        durationMs,
        sections: selected,
        sectionDurationsMs,
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim(),
        esbuild: esbuildVersion,
        ...Object.assign({}, ...outputs.map((o) => o.meta)),
      },
      targets: Object.assign({}, ...outputs.map((o) => o.targets)),
      ...Object.assign({}, ...outputs.map((o) => o.results)),
      ...(failures.length > 0 && { failures }),
    };
    const resultsFile = resultsFileOf(selected);
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nWrote ${path.relative(process.cwd(), resultsFile)} in ${(durationMs / 1000).toFixed(1)} s`);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};

await main();
