import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { eventBus, functions, routes, tables } from '#infra/manifest.ts';
import { DEFAULT_REGION } from '#infra/local/aws.ts';
import { ensureTables, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { startEventBridgeEmulator } from '#infra/local/eventbridge.ts';
import { ensureLocalDataKey, ensureLocalPseudonymKey } from '#infra/local/keys.ts';
import { localEnvironment } from '#infra/local/stack.ts';
import { gatewayEvent } from '../test/support/events.ts';
import { BASELINE_ENTRY, bundleEntry } from './bundles.ts';
import { freePort } from './dynamodb-meter.ts';
import { rotate } from './load-time.ts';
import { median, percentile, round } from './stats.ts';
import type { Section } from './section.ts';
import { fixed, formatTable } from './table.ts';

/**
 * The whole cold start: a fresh `node` imports a bundle and answers its first request, against
 * DynamoDB Local and the local EventBridge, as the local stack runs the functions. The baseline
 * bundle (bench/entries/baseline.ts) does one PutItem; the complaints function files a complaint
 * (`POST /v1/complaints`, a person's JWT claims, a valid body: sealing it with the data key,
 * writing it with its outbox item, publishing the event); the platform function answers its
 * health check. Each child reads `performance.now()` when the handler's answer is in hand: the
 * milliseconds since the process started (node's time origin), so start-up, module load, the
 * handler's first call and its requests are all in, and the process exit is not. Every answer
 * is checked (status, body) so that a failing request cannot pass as a fast one.
 */

const run = promisify(execFile);

const PUT_ITEM_TABLE = 'bench-put-item';
/** Marks the child's result line among the function's own log lines on stdout. */
const RESULT_MARKER = 'COLD-START-RESULT ';

/**
 * Runs in a fresh `node` per sample, pure node, no tsx: imports the bundle, calls its handler
 * once with the event as Lambda would, takes the time since process start, prints the answer
 * and exits at once (open keep-alive sockets would otherwise hold the process).
 */
const ANSWER_ONCE = `
const [url, eventJson, functionName] = process.argv.slice(1);
const { handler } = await import(url);
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:${DEFAULT_REGION}:000000000000:function:' + functionName,
  memoryLimitInMB: '512',
  awsRequestId: crypto.randomUUID(),
  logGroupName: '/aws/lambda/' + functionName,
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
const answer = await handler(JSON.parse(eventJson), context);
const ms = performance.now();
process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify({ ms, statusCode: answer?.statusCode, body: answer?.body }) + '\\n');
process.exit(0);
`;

interface Answer {
  statusCode?: number;
  body?: string;
}

interface ColdStartTarget {
  name: string;
  entry: string;
  /** What the first request is, for the table. */
  request: string;
  event: unknown;
  expectedStatus: number;
  /** Why the answer's body is not the expected one, or undefined when it is. */
  checkBody: (body: unknown) => string | undefined;
  /** The reference: bundled with the SDK as it ships, as the load bench's references are. */
  sdkAsShipped?: true;
}

export interface ColdStartFigures {
  name: string;
  entry: string;
  request: string;
  expectedStatus: number;
  samplesMs: number[];
  medianMs: number;
  p90Ms: number;
  /** Median over the baseline's median, same run. */
  ratio: number;
}

export interface ColdStartResult {
  method: string;
  rounds: number;
  warmUpRounds: number;
  /** Domain events the local EventBridge accepted from the complaints filed (one per complaint). */
  eventsPublished: number;
  bundles: ColdStartFigures[];
}

const routeKey = (fn: string, method: string, routePath: string): string => {
  const route = routes.find((r) => r.function === fn && r.method === method && r.path === routePath);
  if (!route) throw new Error(`infra/manifest.ts has no route ${method} ${routePath} of the ${fn} function`);
  return `${route.method} ${route.path}`;
};

/** A complaint as a person files it from the website: the API's own example request. */
const complaintBody = {
  channel: 'web',
  category: 'service_quality',
  subject: 'Checkout page times out',
  description: 'Since Monday the checkout page times out after I press Pay. I contacted support twice and nobody called back.',
  contact: { email: 'ada@example.com' },
};

/** The event API Gateway hands the function after its JWT authorizer accepted a person's access token. */
const fileComplaintEvent = (person: number) => {
  const event = gatewayEvent({
    routeKey: routeKey('complaints', 'POST', '/v1/complaints'),
    claims: { sub: `cold-start-person-${person}`, username: `cold-start-person-${person}` },
  });
  return { ...event, headers: { 'content-type': 'application/json' }, body: JSON.stringify(complaintBody) };
};

const healthEvent = () => gatewayEvent({ routeKey: routeKey('platform', 'GET', '/health') });

const parsedBody = (body: unknown): Record<string, unknown> | undefined => {
  try {
    return typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The three requests of one round; each round's complaint is filed by a person of its own. */
const targetsOfRound = (roundIndex: number): ColdStartTarget[] => [
  {
    name: 'baseline',
    entry: BASELINE_ENTRY,
    request: 'one PutItem',
    event: {},
    expectedStatus: 200,
    checkBody: (body) => (body === 'put' ? undefined : 'the PutItem did not complete'),
    sdkAsShipped: true,
  },
  {
    name: 'complaints',
    entry: functions.complaints.entry,
    request: 'POST /v1/complaints (file a complaint)',
    event: fileComplaintEvent(roundIndex),
    expectedStatus: 201,
    checkBody: (body) => {
      const id = parsedBody(body)?.id;
      return typeof id === 'string' && id.startsWith('cmp_') ? undefined : 'no complaint id in the receipt';
    },
  },
  {
    name: 'platform',
    entry: functions.platform.entry,
    request: 'GET /health',
    event: healthEvent(),
    expectedStatus: 200,
    checkBody: (body) => (parsedBody(body)?.status === 'ok' ? undefined : 'the health check did not say ok'),
  },
];

const answerOnce = async (target: ColdStartTarget, file: string, env: Record<string, string>): Promise<number> => {
  const args = ['--input-type=module', '-e', ANSWER_ONCE, pathToFileURL(file).href, JSON.stringify(target.event), target.name];
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, { env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // Node echoes the failing line of the bundle: one minified line can be megabytes long.
    const stderr = ((error as { stderr?: string }).stderr ?? '').split('\n').map((l) => l.slice(0, 300)).join('\n');
    throw new Error(`The cold start of ${target.name} failed:\n${stderr.slice(-3000) || String(error)}`);
  }
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`The cold start of ${target.name} printed no answer:\n${stdout.slice(-2000)}`);
  const answer = JSON.parse(line.slice(RESULT_MARKER.length)) as Answer & { ms: number };
  const wrong =
    answer.statusCode !== target.expectedStatus
      ? `status ${answer.statusCode}, expected ${target.expectedStatus}`
      : target.checkBody(answer.body);
  if (wrong) throw new Error(`The first request of ${target.name} (${target.request}) failed: ${wrong}\n${String(answer.body).slice(0, 2000)}`);
  return answer.ms;
};

/**
 * DynamoDB Local with the manifest's tables and the baseline's table, the local EventBridge, and
 * the data and pseudonym key files: the environment every child gets, as the local stack sets it.
 */
const startLocalServices = async (workDir: string) => {
  const dataKeyFile = path.join(workDir, 'cold-start-keys', 'data-key');
  const pseudonymKeyFile = path.join(workDir, 'cold-start-keys', 'pseudonym-key');
  ensureLocalDataKey(dataKeyFile);
  ensureLocalPseudonymKey(pseudonymKeyFile);

  const database = await startDynamoDbLocal({ port: await freePort() });
  const eventbridge = await startEventBridgeEmulator({
    port: 0,
    busName: eventBus.localName,
    file: path.join(workDir, 'cold-start-events.jsonl'),
    region: DEFAULT_REGION,
  }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  let eventsPublished = 0;
  const unsubscribe = eventbridge.subscribe(() => (eventsPublished += 1));
  const stop = async () => {
    unsubscribe();
    await eventbridge.stop();
    await database.stop();
  };
  try {
    await ensureTables(database.client, Object.values(tables));
    await database.client.send(
      new CreateTableCommand({
        TableName: PUT_ITEM_TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const env = {
    ...localEnvironment({
      dynamodb: database.endpoint,
      // No function measured here sends to a queue: nothing listens there.
      sqs: 'http://127.0.0.1:9',
      eventbridge: eventbridge.endpoint,
      // No function measured here sends email.
      ses: 'http://127.0.0.1:9',
      queueUrls: {},
      dataKeyFile,
      pseudonymKeyFile,
    }),
    BENCH_TABLE_NAME: PUT_ITEM_TABLE,
  };
  return { env, eventsPublished: () => eventsPublished, stop };
};

/**
 * `rounds` interleaved rounds plus one warm-up round (dropped), one child at a time (2 cores:
 * parallel children would time each other), the order rotated per round so that drift of a
 * noisy machine spreads evenly.
 */
const sampleColdStarts = async (files: ReadonlyMap<string, string>, env: Record<string, string>, rounds: number) => {
  const samples = new Map([...files.keys()].map((name) => [name, [] as number[]]));
  for (let roundIndex = 0; roundIndex <= rounds; roundIndex++) {
    for (const target of rotate(targetsOfRound(roundIndex), roundIndex)) {
      const ms = await answerOnce(target, files.get(target.name)!, env);
      if (roundIndex > 0) samples.get(target.name)!.push(ms);
    }
    process.stderr.write(roundIndex === rounds ? '.\n' : '.');
  }
  return samples;
};

const coldStartFigures = (samples: ReadonlyMap<string, number[]>): ColdStartFigures[] => {
  const baselineMedian = median(samples.get('baseline')!);
  return targetsOfRound(0).map((t) => {
    const own = samples.get(t.name)!;
    return {
      name: t.name,
      entry: t.entry,
      request: t.request,
      expectedStatus: t.expectedStatus,
      samplesMs: own.map((ms) => round(ms, 2)),
      medianMs: round(median(own), 2),
      p90Ms: round(percentile(own, 90), 2),
      ratio: round(median(own) / baselineMedian, 3),
    };
  });
};

/** Bundles the three entries as the house construct does, starts the local services once, samples. */
export const measureColdStart = async (options: {
  projectRoot: string;
  workDir: string;
  rounds: number;
  log: (line: string) => void;
}): Promise<ColdStartResult> => {
  const { projectRoot, workDir, rounds, log } = options;
  const outRoot = path.join(workDir, 'cold-start-bundles');
  const bundles = await Promise.all(targetsOfRound(0).map((t) => bundleEntry({ name: t.name, entry: t.entry, projectRoot, outRoot, sdkAsShipped: t.sdkAsShipped })));
  const files = new Map(bundles.map((b) => [b.name, b.file]));

  log('Cold start: starting DynamoDB Local and the local EventBridge...');
  const services = await startLocalServices(workDir);
  try {
    log(`Cold start: ${files.size} bundles, ${rounds} rounds + 1 warm-up, a fresh node per request...`);
    const samples = await sampleColdStarts(files, services.env, rounds);
    return {
      method:
        'performance.now() in the child when the handler has answered: ms since the node process started (start-up, module load, first call and its requests; exit not included)',
      rounds,
      warmUpRounds: 1,
      eventsPublished: services.eventsPublished(),
      bundles: coldStartFigures(samples),
    };
  } finally {
    await services.stop();
  }
};

export const coldStartTable = (result: ColdStartResult): string =>
  formatTable(
    [
      { header: 'Bundle' },
      { header: 'First request' },
      { header: 'Answer' },
      { header: 'Median ms', align: 'right' },
      { header: 'p90 ms', align: 'right' },
      { header: 'Ratio to baseline', align: 'right' },
    ],
    result.bundles.map((b) => [
      b.name,
      b.request,
      b.name === 'baseline' ? 'PutItem ok' : String(b.expectedStatus),
      fixed(b.medianMs),
      fixed(b.p90Ms),
      fixed(b.ratio, 2),
    ]),
  );

const COLD_START_RUNS = Number(process.env.BENCH_COLD_START_RUNS ?? 15);

export const coldStartSection: Section = async ({ projectRoot, workDir, log }) => {
  const coldStart = await measureColdStart({ projectRoot, workDir, rounds: COLD_START_RUNS, log });
  return {
    lines: [
      `Cold start: a fresh node imports the bundle and answers its first request against DynamoDB Local and the local EventBridge, ${COLD_START_RUNS} runs each (after 1 warm-up), interleaved; ratio = median / baseline median`,
      coldStartTable(coldStart),
      `Time: ${coldStart.method}; every answer checked (status and body). Domain events published by the complaints filed: ${coldStart.eventsPublished}`,
    ],
    targets: {},
    results: { coldStart },
    meta: { coldStartRuns: COLD_START_RUNS, coldStartWarmUpRuns: 1 },
  };
};
