import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { tables } from '#infra/manifest.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import type { Granularity } from '#shared/figures/periods.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createRequestLimiter } from '#shared/http/request-limits.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { issueToken } from '#infra/local/identity.ts';
import { loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';
import { startChildStack } from '../test/support/child-stack.ts';
import { rotate } from './load-time.ts';
import { cpuMsOf, descendantNamed } from './process-cpu.ts';
import { median, percentile, round } from './stats.ts';
import type { Section } from './section.ts';
import { fixed, formatTable } from './table.ts';

/**
 * Filings per second: `POST /v1/complaints` through the local gateway (`npm start`'s own script
 * in a child process: gateway, authorizer, function, DynamoDB Local) at a fixed concurrency,
 * next to bare `TransactWriteItems` of the filing's items on the same DynamoDB Local, in the same
 * run, written two ways:
 * - the filing's own transaction replayed: Puts of its new items under fresh keys, and its
 *   updates built by the code the filing uses (an ADD to a random shard of each counter item that
 *   every filing shares, the limiter's conditional count of a new caller). This is the database
 *   work a filing cannot do without, and the target's reference: the filings reach at least
 *   FILINGS_RATIO_TARGET of its rate;
 * - Puts of the same items under fresh keys, for reference: nothing shared and no expression to
 *   evaluate, the least DynamoDB Local can do with items of those sizes.
 * Then a burst of BURST filings at once, with the count of each status (target: no 409, no 5xx).
 *
 * DynamoDB Local is a JVM: until its JIT has compiled the write path it spends several times the
 * CPU per request (measured: a 7-item transaction took 25 ms of its CPU in the first 400, 10 ms
 * after), so whichever writer ran first came out about twice as slow. Every writer is warmed up
 * first, then measured in ROUNDS rounds whose order of writers rotates; the ratio is of the
 * medians of the rounds' rates. The filings' events are published from the complaints table's
 * stream by the local outbox relay (as are the outbox items the bare writers write) and queued,
 * but their consumers are not fed meanwhile.
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

/** Every writer warmed up, then ROUNDS rounds of each, the order of the writers rotated each round. */
const measureAlternating = async <W extends string>(writers: Record<W, Writer>, meter: CpuMeter, log: (line: string) => void) => {
  const names = Object.keys(writers) as W[];
  log(`Warm-up: ${WARM_UP} operations of each writer (${names.join(', ')}), untimed...`);
  for (const name of names) await runRound(WARM_UP, 0, writers[name]);
  const rounds = Object.fromEntries(names.map((name) => [name, [] as Round[]])) as Record<W, Round[]>;
  for (let r = 0; r < ROUNDS; r += 1) {
    log(`Round ${r + 1} of ${ROUNDS}: ${PER_ROUND} operations of each writer at concurrency ${CONCURRENCY}...`);
    for (const name of rotate(names, r)) rounds[name].push(await runRound(PER_ROUND, WARM_UP + r * PER_ROUND, writers[name], meter));
  }
  return Object.fromEntries(names.map((name) => [name, throughputOf(rounds[name])])) as Record<W, Throughput>;
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
 * What one filing wrote: every item of the complaints table (after a single filing they are all
 * its own: complaint, history), its outbox item (rebuilt from the events on the bus: the stream
 * relay deletes it once they are published), one item per figures partition (each counter item a filing adds to; its numbers
 * are what one filing adds) and the filer's request-limit counter.
 */
const itemsOfOneFiling = async (document: DynamoDBDocumentClient, root: string) => {
  const scan = async (tableName: string) => (await document.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
  const [own, counters, limits] = await Promise.all([
    scan(tables.complaints.localName),
    scan(tables.figures.localName),
    scan(tables.requestLimits.localName),
  ]);
  const published = async () => {
    for (let waited = 0; waited < 30_000; waited += 50) {
      const events = readPublishedEvents(localPaths(root).events);
      if (events.length > 0) return events;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('The first filing\'s event was not published within 30 s');
  };
  const events = (await published()).map(({ detail }) => ({ type: 'ComplaintFiled', detail }));
  return {
    // The outbox item may still be there, or already relayed: either way it is the one rebuilt here.
    newItems: [...own.filter((item) => item.entity !== 'outbox'), { entity: 'outbox', writtenAt: new Date().toISOString(), events }],
    counterItems: [...new Map(counters.map((item) => [String(item.pk), item])).values()],
    limitItem: limits[0]!,
  };
};
type FilingItems = Awaited<ReturnType<typeof itemsOfOneFiling>>;

const putNew = (tableName: string, keyNames: readonly string[], item: Record<string, unknown>, id: string) => ({
  Put: {
    TableName: tableName,
    Item: { ...item, ...Object.fromEntries(keyNames.map((name) => [name, `bench#${id}#${name}`])) },
    ConditionExpression: `attribute_not_exists(${keyNames[0]})`,
  },
});

/** The numbers of a counter item: what one filing added to it. */
const countersOf = (item: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(item).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));

/**
 * The filing's own transaction with nothing around it: the same writes, built by the same code as
 * the filing's (the figures store's ADD to a random shard of each shared counter item, the
 * limiter's conditional count of a new caller), and Puts of its new items under fresh keys.
 */
const replayTransaction = (items: FilingItems, document: DynamoDBDocumentClient) => {
  const limiter = createRequestLimiter(document, tables.requestLimits.localName);
  const filingRoute = customerServiceManifest.routes.find((route) => route.method === 'POST' && route.path === '/v1/complaints')!;
  // Each counter item's store, and what a filing adds to it: once, not per transaction.
  const counters = items.counterItems.map((item) => {
    const [context, granularity] = String(item.pk).split('#') as [string, string];
    const figures = createFiguresStore(document, tables.figures.localName, context);
    return { figures, granularity, base: String(item.sk).split('#')[0]!, added: countersOf(item) };
  });
  return () => {
    const id = ulid();
    const now = new Date();
    const counterUpdates = counters.flatMap(({ figures, granularity, base, added }) =>
      granularity === 'current' ? figures.currentUpdate(base, added) : figures.periodUpdates(now, added, [granularity as Granularity]),
    );
    const limitUse = limiter.stage({ routeKey: 'POST /v1/complaints', caller: `person:bench-${id}`, limit: filingRoute.limit });
    return new TransactWriteCommand({
      TransactItems: [...items.newItems.map((item, i) => putNew(tables.complaints.localName, ['pk', 'sk'], item, `${id}#${i}`)), ...counterUpdates, limitUse.item],
    });
  };
};

/** The same items as Puts under fresh keys: the same count and sizes, nothing shared, no expression to evaluate. */
const putsTransaction = (items: FilingItems) => () => {
  const id = ulid();
  const put = (tableName: string, keyNames: readonly string[]) => (item: Record<string, unknown>, i: number) => putNew(tableName, keyNames, item, `${id}#${tableName}#${i}`);
  return new TransactWriteCommand({
    TransactItems: [
      ...items.newItems.map(put(tables.complaints.localName, ['pk', 'sk'])),
      ...items.counterItems.map(put(tables.figures.localName, ['pk', 'sk'])),
      put(tables.requestLimits.localName, ['id'])(items.limitItem, 0),
    ],
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

/** Every token's filing at once: how long, and the count of each status (0: no answer). */
const measureBurst = async (api: string, tokens: readonly string[]) => {
  const start = performance.now();
  const times: number[] = [];
  const statuses = await Promise.all(
    tokens.map(async (token) => {
      const sent = performance.now();
      const status = await fileComplaint(api, token).catch(() => 0);
      times.push(performance.now() - sent);
      return status;
    }),
  );
  return {
    filings: tokens.length,
    seconds: round((performance.now() - start) / 1000, 2),
    p50Ms: round(median(times), 1),
    p99Ms: round(percentile(times, 99), 1),
    statuses: countStatuses(statuses),
  };
};

const measureFilings = async (workDir: string, log: (line: string) => void) => {
  const root = path.join(workDir, 'filings-stack');
  await mkdir(root, { recursive: true });
  // A loaded machine can take a while to start DynamoDB Local and the gateway.
  // DynamoDB Local in memory, as in the tests: on disk, the outbox streams and their relay's reads
  // and deletes slow every write of DynamoDB Local under sustained load (measured: its CPU per write
  // grew from about 13 ms to 30 to 60 ms over the rounds, for every writer alike), which is
  // DynamoDB Local's on-disk streams, not what AWS charges a write. The outbox stream relay runs:
  // it publishes every writer's outbox items (the replayed ones too) on the same 2 cores.
  // The queues' consumers (notifications of each filing) are not fed while the rounds run: in AWS
  // they run on capacity of their own, while here they would share the 2 cores and DynamoDB Local's
  // write lock with both writers, unevenly (they lag into the bare rounds). The notifications
  // section measures them.
  const stack = await startChildStack(root, { startTimeoutMs: 240_000, pollQueues: false, persist: false });
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
    const items = await itemsOfOneFiling(document, root);
    const sent = (transaction: () => TransactWriteCommand): Writer => async () => {
      await document.send(transaction());
      return 'ok';
    };
    const { filings, bare, puts } = await measureAlternating(
      {
        // Token 0 filed the template filing; each filing after it is a person of its own.
        filings: async (i) => {
          const status = await fileComplaint(stack.endpoints.api, tokens[1 + i]!);
          return status === 201 ? 'ok' : String(status);
        },
        bare: sent(replayTransaction(items, document)),
        puts: sent(putsTransaction(items)),
      },
      cpuMeter(stack.pid),
      log,
    );
    log(`A burst of ${BURST} filings at once...`);
    const burst = await measureBurst(stack.endpoints.api, tokens.slice(1 + WARM_UP + ROUNDS * PER_ROUND));
    const itemsPerFiling = items.newItems.length + items.counterItems.length + 1;
    return { itemsPerFiling, filings, bare, puts, burst };
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
  const { itemsPerFiling, filings, bare, puts, burst } = await measureFilings(workDir, log);
  const ratio = round(filings.perSecond / bare.perSecond, 3);
  const ratioToPuts = round(filings.perSecond / puts.perSecond, 3);
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
      `Filings per second: POST /v1/complaints through the local gateway at concurrency ${CONCURRENCY}, next to bare TransactWriteItems of its ${itemsPerFiling} items on the same DynamoDB Local:`,
      `the filing's own transaction replayed (its new items under fresh keys, its ADDs to the shared counter shards and its conditional limit count, built by the same code), and, for reference, Puts of the same items under fresh keys`,
      `All warmed up with ${WARM_UP} untimed operations, then ${ROUNDS} rounds of ${PER_ROUND} each, the order rotated per round; per second is the median of the rounds; the queues' consumers paused meanwhile`,
      `Target: filings at least ${FILINGS_RATIO_TARGET}x the rate of their transaction replayed; a burst of ${BURST} filings with no 409 and no 5xx`,
      formatTable(
        [{ header: 'Writer' }, { header: 'Count', align: 'right' }, { header: 'Per second', align: 'right' }, { header: 'p50 ms', align: 'right' }, { header: 'p99 ms', align: 'right' }, { header: 'Rounds per second' }, { header: 'Failures' }],
        [row('filings (gateway)', filings), row('bare: the transaction replayed', bare), row('bare: Puts of the items', puts)],
      ),
      `Ratio ${fixed(ratio, 2)} (target >= ${FILINGS_RATIO_TARGET}): ${ratio >= FILINGS_RATIO_TARGET ? 'met' : 'not met'}; to the Puts, ${fixed(ratioToPuts, 2)}`,
      ...cpuLines([
        ['filings (gateway)', filings],
        ['bare: the transaction replayed', bare],
        ['bare: Puts of the items', puts],
      ]),
      `Burst of ${BURST} at once: ${burst.seconds} s, p50 ${fixed(burst.p50Ms)} ms, p99 ${fixed(burst.p99Ms)} ms; statuses ${Object.entries(burst.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}: ${burstFailures.length === 0 ? 'met' : 'not met'}`,
    ],
    targets: { filingsRatio: { target: FILINGS_RATIO_TARGET, ratio, met: ratio >= FILINGS_RATIO_TARGET }, filingsBurst: { met: burstFailures.length === 0 } },
    results: { filings: { itemsPerFiling, filings, bare, puts, ratio, ratioToPuts, burst } },
    meta: { filings: ROUNDS * PER_ROUND, filingsRounds: ROUNDS, filingsWarmUp: WARM_UP, filingsConcurrency: CONCURRENCY, filingsBurst: BURST },
  };
};
