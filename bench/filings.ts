import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { tables } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { issueToken } from '#infra/local/identity.ts';
import { loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';
import { startChildStack } from '../test/support/child-stack.ts';
import { cpuMsOf, descendantNamed } from './process-cpu.ts';
import { median, percentile, round } from './stats.ts';
import type { Section } from './section.ts';
import { fixed, formatTable } from './table.ts';

/**
 * Filings per second: `POST /v1/complaints` through the local gateway (`npm start`'s own script
 * in a child process: gateway, authorizer, function, DynamoDB Local) at a fixed concurrency,
 * next to bare `TransactWriteItems` of as many items of the same sizes on the same DynamoDB
 * Local, in the same run. The bare transactions write fresh keys only, so they show what the
 * database could take without any item shared between filings. Target: the filings reach at
 * least FILINGS_RATIO_TARGET of the bare rate. Then a burst of BURST filings at once, with the
 * count of each status (target: no 409 and no 5xx).
 *
 * DynamoDB Local is a JVM: until its JIT has compiled the write path it spends several times the
 * CPU per request (measured: a 7-item transaction took 25 ms of its CPU in the first 400, 10 ms
 * after), so whichever writer ran first came out about twice as slow. Both writers are warmed
 * up first, then measured in ROUNDS alternating rounds (filings first in even rounds, bare
 * first in odd ones); the ratio is of the medians of the rounds' rates. The filings' events are
 * published to the local bus and queued, but their consumers are not fed meanwhile.
 */

const CONCURRENCY = 32;
const ROUNDS = 4;
/** Filings (and bare transactions) measured in all, ROUNDS rounds of equal size. */
const FILINGS = Number(process.env.BENCH_FILINGS ?? 960);
const PER_ROUND = Math.max(CONCURRENCY, Math.round(FILINGS / ROUNDS));
const BURST = 200;
/** Untimed operations of each writer before the rounds: enough for the JVM's JIT to settle. */
const WARM_UP = 320;
export const FILINGS_RATIO_TARGET = 0.6;

const complaintBody = JSON.stringify({
  channel: 'web',
  category: 'service_quality',
  subject: 'Checkout page times out',
  description: 'Since Monday the checkout page times out after I press Pay. I contacted support twice and nobody called back.',
  contact: { email: 'ada@example.com' },
});

/** One round of one writer. */
interface Round {
  operations: number;
  seconds: number;
  /** Successes per second: a fast failure is no throughput. */
  perSecond: number;
  latenciesMs: number[];
  /** Answers other than success, by status (or error name). */
  failures: Record<string, number>;
  /** CPU milliseconds per operation of each process metered (none where /proc cannot be read). */
  cpuMsPerOperation: Record<string, number>;
}

interface Throughput {
  operations: number;
  concurrency: number;
  seconds: number;
  /** The median of the rounds' rates. */
  perSecond: number;
  roundsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  failures: Record<string, number>;
  /** CPU milliseconds per operation of each process, median of the rounds. */
  cpuMsPerOperation: Record<string, number>;
}

/** CPU milliseconds used so far by each process of the run, by name; undefined where unreadable. */
type CpuMeter = () => Record<string, number | undefined>;

/** The CPU each process spent between two readings, per operation. */
const cpuPerOperation = (before: ReturnType<CpuMeter>, after: ReturnType<CpuMeter>, operations: number): Record<string, number> => {
  const perOperation: Record<string, number> = {};
  for (const [name, ms] of Object.entries(after)) {
    const start = before[name];
    if (ms !== undefined && start !== undefined) perOperation[name] = (ms - start) / operations;
  }
  return perOperation;
};

/** Runs `operation` `count` times, `concurrency` at a time, numbered from `first`; each returns its status ('ok' when it succeeded). */
const runRound = async (count: number, first: number, operation: (i: number) => Promise<string>, meter: CpuMeter = () => ({})): Promise<Round> => {
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const start = performance.now();
      const outcome = await operation(first + i).catch((error: unknown) => (error as Error).name ?? 'error');
      latenciesMs.push(performance.now() - start);
      if (outcome !== 'ok') failures[outcome] = (failures[outcome] ?? 0) + 1;
    }
  };
  const cpuBefore = meter();
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpuMsPerOperation = cpuPerOperation(cpuBefore, meter(), count);
  const failed = Object.values(failures).reduce((sum, n) => sum + n, 0);
  return { operations: count, seconds, perSecond: (count - failed) / seconds, latenciesMs, failures, cpuMsPerOperation };
};

/** A writer's rounds summed up: the median rate, and p50 and p99 over every operation. */
const throughputOf = (rounds: readonly Round[]): Throughput => {
  const latencies = rounds.flatMap((r) => r.latenciesMs);
  const failures: Record<string, number> = {};
  for (const [status, n] of rounds.flatMap((r) => Object.entries(r.failures))) failures[status] = (failures[status] ?? 0) + n;
  const metered = [...new Set(rounds.flatMap((r) => Object.keys(r.cpuMsPerOperation)))];
  const cpuMsPerOperation = Object.fromEntries(
    metered.map((name) => [name, round(median(rounds.map((r) => r.cpuMsPerOperation[name] ?? 0)), 2)]),
  );
  return {
    operations: latencies.length,
    concurrency: CONCURRENCY,
    seconds: round(rounds.reduce((sum, r) => sum + r.seconds, 0), 2),
    perSecond: round(median(rounds.map((r) => r.perSecond)), 1),
    roundsPerSecond: rounds.map((r) => round(r.perSecond, 1)),
    p50Ms: round(median(latencies), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    failures,
    cpuMsPerOperation,
  };
};

type Writer = (i: number) => Promise<string>;

/** Both writers warmed up, then ROUNDS rounds each, alternating which goes first. */
const measureAlternating = async (writers: { filings: Writer; bare: Writer }, meter: CpuMeter, log: (line: string) => void) => {
  log(`Warm-up: ${WARM_UP} filings and ${WARM_UP} bare transactions, untimed...`);
  await runRound(WARM_UP, 0, writers.filings);
  await runRound(WARM_UP, 0, writers.bare);
  const rounds = { filings: [] as Round[], bare: [] as Round[] };
  for (let r = 0; r < ROUNDS; r += 1) {
    log(`Round ${r + 1} of ${ROUNDS}: ${PER_ROUND} filings and ${PER_ROUND} bare transactions at concurrency ${CONCURRENCY}...`);
    const order = r % 2 === 0 ? (['filings', 'bare'] as const) : (['bare', 'filings'] as const);
    for (const writer of order) rounds[writer].push(await runRound(PER_ROUND, WARM_UP + r * PER_ROUND, writers[writer], meter));
  }
  return { filings: throughputOf(rounds.filings), bare: throughputOf(rounds.bare) };
};

/** A person's filing through the gateway, as the website sends it; its status code. */
const fileComplaint = (api: string, token: string): Promise<number> =>
  fetch(`${api}/v1/complaints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: complaintBody,
  }).then(async (response) => {
    await response.arrayBuffer();
    return response.status;
  });

/**
 * What one filing wrote, as item templates: every item of the complaints table (after a single
 * filing they are all its own: complaint, history), its outbox item (deleted once its events
 * are published: rebuilt from them), one item per figures partition (each counter item a
 * filing adds to) and the filer's request-limit counter (counted in the filing's transaction).
 */
const itemsOfOneFiling = async (document: DynamoDBDocumentClient, root: string) => {
  const scan = async (tableName: string) => (await document.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
  const [own, counters, limits] = await Promise.all([
    scan(tables.complaints.localName),
    scan(tables.figures.localName),
    scan(tables.requestLimits.localName),
  ]);
  const onePerPartition = [...new Map(counters.map((item) => [String(item.pk), item])).values()];
  const events = readPublishedEvents(localPaths(root).events).map(({ detail }) => ({ type: 'ComplaintFiled', detail }));
  const outbox = { entity: 'outbox', writtenAt: new Date().toISOString(), events };
  const keyed = (tableName: string, keyNames: readonly string[]) => (item: Record<string, unknown>) => ({ tableName, keyNames, item });
  return [
    ...[...own, outbox].map(keyed(tables.complaints.localName, ['pk', 'sk'])),
    ...onePerPartition.map(keyed(tables.figures.localName, ['pk', 'sk'])),
    ...limits.slice(0, 1).map(keyed(tables.requestLimits.localName, ['id'])),
  ];
};

/** One transaction of the same items under fresh keys: the same count and sizes, nothing shared. */
const bareTransaction = (templates: Awaited<ReturnType<typeof itemsOfOneFiling>>) => {
  const id = ulid();
  return new TransactWriteCommand({
    TransactItems: templates.map(({ tableName, keyNames, item }, i) => {
      const freshKey = Object.fromEntries(keyNames.map((name) => [name, `bench#${id}#${i}#${name}`]));
      return { Put: { TableName: tableName, Item: { ...item, ...freshKey }, ConditionExpression: `attribute_not_exists(${keyNames[0]})` } };
    }),
  });
};

/**
 * The processes the rounds share the 2 cores between: DynamoDB Local (the JVM the stack started),
 * the stack (gateway, authorizer, functions, the local bus and the SQS emulator) and this one
 * (the HTTP client of the filings, the SDK client of the bare transactions).
 */
const cpuMeter = (stackPid: number | undefined): CpuMeter => {
  const database = stackPid === undefined ? undefined : descendantNamed(stackPid, 'java');
  return () => {
    const own = process.cpuUsage();
    return {
      'DynamoDB Local': database === undefined ? undefined : cpuMsOf(database),
      'local stack': stackPid === undefined ? undefined : cpuMsOf(stackPid),
      'bench client': (own.user + own.system) / 1000,
    };
  };
};

const countStatuses = (statuses: readonly number[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
  return counts;
};

const measureFilings = async (workDir: string, log: (line: string) => void) => {
  const root = path.join(workDir, 'filings-stack');
  await mkdir(root, { recursive: true });
  // A loaded machine can take a while to start DynamoDB Local and the gateway.
  // The queues' consumers (notifications of each filing) are not fed while the rounds run: in AWS
  // they run on capacity of their own, while here they would share the 2 cores and DynamoDB Local's
  // write lock with both writers, unevenly (they lag into the bare rounds). The notifications
  // section measures them.
  const stack = await startChildStack(root, { startTimeoutMs: 240_000, pollQueues: false });
  try {
    const keys = await loadSigningKeys(localPaths(root).signingKey);
    // One person per filing, tokens signed before the clock starts.
    const tokens = await Promise.all(
      Array.from({ length: 1 + WARM_UP + ROUNDS * PER_ROUND + BURST }, (_, i) => issueToken(keys, { sub: `bench-filer-${i}`, role: 'user' })),
    );
    const document = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    if ((await fileComplaint(stack.endpoints.api, tokens[0]!)) !== 201) throw new Error('The first filing failed');
    const templates = await itemsOfOneFiling(document, root);
    const { filings, bare } = await measureAlternating(
      {
        // Token 0 filed the template filing; each filing after it is a person of its own.
        filings: async (i) => {
          const status = await fileComplaint(stack.endpoints.api, tokens[1 + i]!);
          return status === 201 ? 'ok' : String(status);
        },
        bare: async () => {
          await document.send(bareTransaction(templates));
          return 'ok';
        },
      },
      cpuMeter(stack.pid),
      log,
    );
    const offset = 1 + WARM_UP + ROUNDS * PER_ROUND;
    log(`A burst of ${BURST} filings at once...`);
    const burstStart = performance.now();
    const burstTimes: number[] = [];
    const statuses = await Promise.all(
      tokens.slice(offset).map(async (token) => {
        const start = performance.now();
        const status = await fileComplaint(stack.endpoints.api, token).catch(() => 0);
        burstTimes.push(performance.now() - start);
        return status;
      }),
    );
    const burst = {
      filings: BURST,
      seconds: round((performance.now() - burstStart) / 1000, 2),
      p50Ms: round(median(burstTimes), 1),
      p99Ms: round(percentile(burstTimes, 99), 1),
      statuses: countStatuses(statuses),
    };
    return { itemsPerFiling: templates.length, filings, bare, burst };
  } finally {
    await stack.stop();
  }
};

/**
 * Where the CPU of an operation went, process by process (median of the rounds): the 2 cores are
 * shared, so a writer's rate follows the CPU all processes spend per operation of it.
 */
const cpuLines = (writers: ReadonlyArray<[string, Throughput]>): string[] => {
  const processes = [...new Set(writers.flatMap(([, t]) => Object.keys(t.cpuMsPerOperation)))];
  if (processes.length === 0) return [];
  const total = (t: Throughput) => Object.values(t.cpuMsPerOperation).reduce((sum, ms) => sum + ms, 0);
  return [
    'CPU per operation, ms (user + system, median of the rounds):',
    formatTable(
      [{ header: 'Writer' }, ...processes.map((header) => ({ header, align: 'right' as const })), { header: 'all', align: 'right' }],
      writers.map(([name, t]) => [name, ...processes.map((p) => fixed(t.cpuMsPerOperation[p] ?? 0)), fixed(total(t))]),
    ),
  ];
};

export const filingsSection: Section = async ({ workDir, log }) => {
  const { itemsPerFiling, filings, bare, burst } = await measureFilings(workDir, log);
  const ratio = round(filings.perSecond / bare.perSecond, 3);
  const burstFailures = Object.entries(burst.statuses).filter(([status]) => status === '409' || status === '0' || Number(status) >= 500);
  const row = (name: string, t: Throughput) => [
    name,
    String(t.operations),
    fixed(t.perSecond),
    fixed(t.p50Ms),
    fixed(t.p99Ms),
    t.roundsPerSecond.map((r) => fixed(r)).join(' / '),
    Object.entries(t.failures).map(([s, n]) => `${s}: ${n}`).join(', ') || 'none',
  ];
  return {
    lines: [
      `Filings per second: POST /v1/complaints through the local gateway at concurrency ${CONCURRENCY}, next to bare TransactWriteItems of the same ${itemsPerFiling} items (fresh keys) on the same DynamoDB Local`,
      `Both warmed up with ${WARM_UP} untimed operations, then ${ROUNDS} alternating rounds of ${PER_ROUND} each; per second is the median of the rounds; the queues' consumers paused meanwhile`,
      `Target: filings at least ${FILINGS_RATIO_TARGET}x the bare rate; a burst of ${BURST} filings with no 409 and no 5xx`,
      formatTable(
        [{ header: 'Writer' }, { header: 'Count', align: 'right' }, { header: 'Per second', align: 'right' }, { header: 'p50 ms', align: 'right' }, { header: 'p99 ms', align: 'right' }, { header: 'Rounds per second' }, { header: 'Failures' }],
        [row('filings (gateway)', filings), row(`bare TransactWriteItems (${itemsPerFiling} items)`, bare)],
      ),
      `Ratio ${fixed(ratio, 2)} (target >= ${FILINGS_RATIO_TARGET}): ${ratio >= FILINGS_RATIO_TARGET ? 'met' : 'not met'}`,
      ...cpuLines([
        ['filings (gateway)', filings],
        ['bare TransactWriteItems', bare],
      ]),
      `Burst of ${BURST} at once: ${burst.seconds} s, p50 ${fixed(burst.p50Ms)} ms, p99 ${fixed(burst.p99Ms)} ms; statuses ${Object.entries(burst.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}: ${burstFailures.length === 0 ? 'met' : 'not met'}`,
    ],
    targets: { filingsRatio: { target: FILINGS_RATIO_TARGET, ratio, met: ratio >= FILINGS_RATIO_TARGET }, filingsBurst: { met: burstFailures.length === 0 } },
    results: { filings: { itemsPerFiling, filings, bare, ratio, burst } },
    meta: { filings: ROUNDS * PER_ROUND, filingsRounds: ROUNDS, filingsWarmUp: WARM_UP, filingsConcurrency: CONCURRENCY, filingsBurst: BURST },
  };
};
