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
 */

const CONCURRENCY = 32;
const FILINGS = Number(process.env.BENCH_FILINGS ?? 640);
const BURST = 200;
const WARM_UP = 8;
export const FILINGS_RATIO_TARGET = 0.6;

const complaintBody = JSON.stringify({
  channel: 'web',
  category: 'service_quality',
  subject: 'Checkout page times out',
  description: 'Since Monday the checkout page times out after I press Pay. I contacted support twice and nobody called back.',
  contact: { email: 'ada@example.com' },
});

interface Throughput {
  operations: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than success, by status (or error name). */
  failures: Record<string, number>;
}

/** Runs `operation` `count` times, `concurrency` at a time; each returns its status ('ok' when it succeeded). */
const measureThroughput = async (count: number, concurrency: number, operation: (i: number) => Promise<string>): Promise<Throughput> => {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const start = performance.now();
      const outcome = await operation(i).catch((error: unknown) => (error as Error).name ?? 'error');
      latencies.push(performance.now() - start);
      if (outcome !== 'ok') failures[outcome] = (failures[outcome] ?? 0) + 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  return {
    operations: count,
    concurrency,
    seconds: round(seconds, 2),
    // Successes only: a fast failure is no throughput.
    perSecond: round((count - Object.values(failures).reduce((sum, n) => sum + n, 0)) / seconds, 1),
    p50Ms: round(median(latencies), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    failures,
  };
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
 * are published: rebuilt from them) and one item per figures partition (each counter item a
 * filing adds to).
 */
const itemsOfOneFiling = async (document: DynamoDBDocumentClient, root: string) => {
  const scan = async (tableName: string) => (await document.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
  const [own, counters] = await Promise.all([scan(tables.complaints.localName), scan(tables.figures.localName)]);
  const onePerPartition = [...new Map(counters.map((item) => [String(item.pk), item])).values()];
  const events = readPublishedEvents(localPaths(root).events).map(({ detail }) => ({ type: 'ComplaintFiled', detail }));
  const outbox = { entity: 'outbox', writtenAt: new Date().toISOString(), events };
  return [
    ...[...own, outbox].map((item) => ({ tableName: tables.complaints.localName, item })),
    ...onePerPartition.map((item) => ({ tableName: tables.figures.localName, item })),
  ];
};

/** One transaction of the same items under fresh keys: the same count and sizes, nothing shared. */
const bareTransaction = (templates: Awaited<ReturnType<typeof itemsOfOneFiling>>) => {
  const id = ulid();
  return new TransactWriteCommand({
    TransactItems: templates.map(({ tableName, item }, i) => ({
      Put: { TableName: tableName, Item: { ...item, pk: `bench#${id}#${i}`, sk: `bench#${id}` }, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  });
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
  const stack = await startChildStack(root, { startTimeoutMs: 240_000 });
  try {
    const keys = await loadSigningKeys(localPaths(root).signingKey);
    // One person per filing, tokens signed before the clock starts.
    const tokens = await Promise.all(
      Array.from({ length: 1 + WARM_UP + FILINGS + BURST }, (_, i) => issueToken(keys, { sub: `bench-filer-${i}`, role: 'user' })),
    );
    const document = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    if ((await fileComplaint(stack.endpoints.api, tokens[0]!)) !== 201) throw new Error('The first filing failed');
    const templates = await itemsOfOneFiling(document, root);
    for (let i = 1; i <= WARM_UP; i += 1) await fileComplaint(stack.endpoints.api, tokens[i]!);

    log(`Filings: ${FILINGS} through the local gateway at concurrency ${CONCURRENCY}...`);
    const offset = 1 + WARM_UP;
    const filings = await measureThroughput(FILINGS, CONCURRENCY, async (i) => {
      const status = await fileComplaint(stack.endpoints.api, tokens[offset + i]!);
      return status === 201 ? 'ok' : String(status);
    });
    log(`Bare TransactWriteItems of ${templates.length} items, ${FILINGS} at concurrency ${CONCURRENCY}...`);
    const bare = await measureThroughput(FILINGS, CONCURRENCY, async () => {
      await document.send(bareTransaction(templates));
      return 'ok';
    });
    log(`A burst of ${BURST} filings at once...`);
    const burstStart = performance.now();
    const burstTimes: number[] = [];
    const statuses = await Promise.all(
      tokens.slice(offset + FILINGS).map(async (token) => {
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
    Object.entries(t.failures).map(([s, n]) => `${s}: ${n}`).join(', ') || 'none',
  ];
  return {
    lines: [
      `Filings per second: POST /v1/complaints through the local gateway at concurrency ${CONCURRENCY}, next to bare TransactWriteItems of the same ${itemsPerFiling} items (fresh keys) on the same DynamoDB Local`,
      `Target: filings at least ${FILINGS_RATIO_TARGET}x the bare rate; a burst of ${BURST} filings with no 409 and no 5xx`,
      formatTable(
        [{ header: 'Writer' }, { header: 'Count', align: 'right' }, { header: 'Per second', align: 'right' }, { header: 'p50 ms', align: 'right' }, { header: 'p99 ms', align: 'right' }, { header: 'Failures' }],
        [row('filings (gateway)', filings), row(`bare TransactWriteItems (${itemsPerFiling} items)`, bare)],
      ),
      `Ratio ${fixed(ratio, 2)} (target >= ${FILINGS_RATIO_TARGET}): ${ratio >= FILINGS_RATIO_TARGET ? 'met' : 'not met'}`,
      `Burst of ${BURST} at once: ${burst.seconds} s, p50 ${fixed(burst.p50Ms)} ms, p99 ${fixed(burst.p99Ms)} ms; statuses ${Object.entries(burst.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}: ${burstFailures.length === 0 ? 'met' : 'not met'}`,
    ],
    targets: { filingsRatio: { target: FILINGS_RATIO_TARGET, ratio, met: ratio >= FILINGS_RATIO_TARGET }, filingsBurst: { met: burstFailures.length === 0 } },
    results: { filings: { itemsPerFiling, filings, bare, ratio, burst } },
    meta: { filings: FILINGS, filingsConcurrency: CONCURRENCY, filingsBurst: BURST },
  };
};
