/**
 * Content-review throughput: messages per second through the local content-review queue and its
 * worker (the real local event source mapping, infra/local/queue-poller.ts, invoking the real
 * worker handler, which screens each review against DynamoDB Local), next to a bare
 * receive-and-delete loop on the same queue, measured in the same run. The ratio says how much of
 * the time is the screening rather than the queue.
 *
 * Run alone: `npx tsx bench/content-review-throughput.ts [messages] [repetitions]`
 * (default 300 and 3); bench/run.ts calls `measureContentReviewThroughput` the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { commonEnv, eventBus, fullScope, queues, tables } from '#infra/manifest.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { createTableInput, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { startEventBridgeEmulator } from '#infra/local/eventbridge.ts';
import { ensureLocalDataKey, ensureLocalPseudonymKey } from '#infra/local/keys.ts';
import { startQueuePoller } from '#infra/local/queue-poller.ts';
import { DEFAULT_REGION, startSqsEmulator } from '#infra/local/sqs.ts';
import { createQueueSender } from '#shared/moderation/queues/sender.ts';
import { getContentReview } from '#shared/moderation/use-cases/get-content-review.ts';
import { submitContent } from '#shared/moderation/use-cases/submit-content.ts';
import { contentReviewWorkerHandlerFromEnvironment } from '#shared/moderation/wiring/content-review-worker.ts';
import { moderationPortsFromEnvironment } from '#shared/moderation/wiring/context.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { fixedClock } from '#shared/clock.ts';
import { freePort } from './dynamodb-meter.ts';
import { bareReceiveAndDelete, sendBodies, until } from './queue-loops.ts';
import { median } from './stats.ts';
import { fixed, formatTable } from './table.ts';

export interface ContentReviewThroughput {
  messages: number;
  repetitions: number;
  /** Median over the repetitions: reviews screened per second by poller + worker. */
  workerPerSecond: number;
  /** Median over the repetitions: messages per second of a loop that only receives and deletes. */
  barePerSecond: number;
  /** workerPerSecond / barePerSecond: the share of the queue's own speed the worker keeps. */
  ratio: number;
  workerMs: number[];
  bareMs: number[];
  /** How the screened reviews were decided (all repetitions): approved, held, human_review. */
  outcomes: Record<string, number>;
}

const worker = 'contentReviewWorker' as const;
const platform: Caller = { kind: 'machine', sub: 'content-platform', roles: [], scopes: [fullScope('content.review')] };

/** Content as platforms submit it: mostly clean posts, some scam-like, some with links; each text distinct. */
const contentOf = (run: number, i: number) => {
  const n = `${run}-${i}`;
  const variants = [
    { text: `Hand-made mug number ${n}, glazed in blue, ${i % 50} in stock, shipping next week.` },
    { text: `Weekend market ${n}: fresh bread, cheese and ${i % 9} kinds of apples near the station.`, urls: [`https://shop.example/${n}`] },
    { text: `Guaranteed returns of ${i % 40}% monthly on crypto, ref ${n}: double your money now.` },
    { text: `Photo ${n} of the harbour at sunset.`, mediaHashes: [(`${i}`.padStart(8, '0') + 'ab'.repeat(12)).slice(0, 32)] },
  ];
  return { contentId: `bench-${n}`, contentType: 'text' as const, authorRef: `author-${i % 97}`, urls: [], mediaHashes: [], ...variants[i % variants.length]! };
};

/**
 * What the bench runs against: fauxqs and the local EventBridge in this process (free ports), key
 * files in a temporary directory, and the names of its private tables on DynamoDB Local.
 */
interface BenchStack {
  dir: string;
  tableNames: { moderation: string; figures: string };
  env: NodeJS.ProcessEnv;
  queueUrls: Record<string, string>;
  queueUrl: string;
  stop: () => Promise<void>;
}

/** Starts the emulators and points this process's AWS endpoints at them, as the local stack does. */
const startBenchStack = async (databaseEndpoint: string): Promise<BenchStack> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-content-review-'));
  const suffix = `${Date.now()}`;
  const tableNames = { moderation: `bench-moderation-${suffix}`, figures: `bench-figures-${suffix}` };
  const sqsEmulator = await startSqsEmulator({ port: await freePort(), definitions: [queues.contentReview] });
  const events = await startEventBridgeEmulator({ port: 0, busName: eventBus.localName, file: join(dir, 'events.jsonl'), region: DEFAULT_REGION });
  ensureLocalDataKey(join(dir, 'data-key.b64'));
  ensureLocalPseudonymKey(join(dir, 'pseudonym.key'));
  const queueUrl = sqsEmulator.queueUrls[queues.contentReview.localName]!;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [commonEnv.stage]: 'local',
    [commonEnv.localKeyFile]: join(dir, 'data-key.b64'),
    [commonEnv.localPseudonymKeyFile]: join(dir, 'pseudonym.key'),
    [commonEnv.eventBusName]: eventBus.localName,
    [tables.moderation.envVar]: tableNames.moderation,
    [tables.figures.envVar]: tableNames.figures,
    [queues.contentReview.envVar]: queueUrl,
    [queues.reports.envVar]: 'unused-by-the-worker',
  };
  // The SDK clients the wiring creates read their endpoints from the process environment.
  Object.assign(process.env, {
    AWS_REGION: DEFAULT_REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    AWS_ENDPOINT_URL_DYNAMODB: databaseEndpoint,
    AWS_ENDPOINT_URL_SQS: sqsEmulator.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: events.endpoint,
  });
  const stop = async () => {
    await events.stop();
    await sqsEmulator.stop();
  };
  return { dir, tableNames, env, queueUrls: sqsEmulator.queueUrls, queueUrl, stop };
};

const createBenchTables = async (dynamodb: DynamoDBClient, tableNames: BenchStack['tableNames']) => {
  await dynamodb.send(new CreateTableCommand(createTableInput(tables.moderation, tableNames.moderation)));
  await dynamodb.send(new CreateTableCommand(createTableInput(tables.figures, tableNames.figures)));
};

/** Removes the tables, stops the emulators and deletes the key files. */
const removeBenchStack = async (dynamodb: DynamoDBClient, stack: BenchStack) => {
  await dynamodb.send(new DeleteTableCommand({ TableName: stack.tableNames.moderation })).catch(() => undefined);
  await dynamodb.send(new DeleteTableCommand({ TableName: stack.tableNames.figures })).catch(() => undefined);
  await stack.stop();
  rmSync(stack.dir, { recursive: true, force: true });
};

/** The moderation ports the reviews are submitted through (as the API function does), and the worker's handler. */
const wireWorker = (env: NodeJS.ProcessEnv) => {
  const logger = new Logger({ serviceName: 'bench', logLevel: 'SILENT' });
  const wiring = { env, logger, clock: fixedClock('2026-11-29T12:00:00.000Z') };
  const { ports } = moderationPortsFromEnvironment(wiring, 'bench', {
    cipher: cipherFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
    // The bench submits the reviews through the use case, as the API function does.
    queues: createQueueSender(createSqsClient(), env),
  });
  return { ports, handler: contentReviewWorkerHandlerFromEnvironment(wiring) };
};

type WorkerBench = ReturnType<typeof wireWorker> & { sqs: SQSClient; queueUrls: Record<string, string> };

/**
 * One timed run of the worker: seeds `messages` reviews (the API's path: sealed, stored, queued),
 * times the poller + worker until all are screened, then adds how each was decided to `outcomes`.
 */
const timeWorkerRun = async (bench: WorkerBench, run: number, messages: number, outcomes: Record<string, number>) => {
  const reviewIds: string[] = [];
  for (let i = 0; i < messages; i += 1) reviewIds.push((await submitContent(bench.ports, platform, contentOf(run, i))).review.id);
  const poller = startQueuePoller({
    sqs: bench.sqs,
    queueUrls: bench.queueUrls,
    only: [worker],
    loadHandler: async () => bench.handler as never,
  });
  const stats = poller.stats(worker)!;
  const start = performance.now();
  await until(() => stats.succeeded + stats.failed >= messages, 600_000);
  const elapsedMs = performance.now() - start;
  await poller.stop();
  if (stats.failed > 0) throw new Error(`${stats.failed} reviews failed screening`);
  // Outside the timing: every review was decided, none is left pending.
  for (const id of reviewIds) {
    const { status } = await getContentReview(bench.ports, platform, id);
    outcomes[status] = (outcomes[status] ?? 0) + 1;
  }
  if (outcomes.pending) throw new Error(`${outcomes.pending} reviews still pending`);
  return elapsedMs;
};

/**
 * Starts fauxqs and the local EventBridge in this process (free ports), creates private tables on
 * the given DynamoDB Local (through its client), points this process's AWS endpoints at them as the local stack does,
 * and measures `repetitions` times, alternating: seed `messages` reviews (the API's path: sealed,
 * stored, queued), time the poller + worker until all are screened; then send as many messages
 * and time the bare loop on the same queue. Tables, emulators and key files are removed after.
 */
export const measureContentReviewThroughput = async (
  database: { client: DynamoDBClient; endpoint: string },
  options: { messages?: number; repetitions?: number; log?: (line: string) => void } = {},
): Promise<ContentReviewThroughput> => {
  const messages = options.messages ?? 300;
  const repetitions = options.repetitions ?? 3;
  const log = options.log ?? (() => undefined);
  // The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startBenchStack(database.endpoint);
  try {
    await createBenchTables(database.client, stack.tableNames);
    const sqs = createSqsClient();
    const bench: WorkerBench = { ...wireWorker(stack.env), sqs, queueUrls: stack.queueUrls };
    const workerMs: number[] = [];
    const bareMs: number[] = [];
    const outcomes: Record<string, number> = {};

    for (let run = 0; run < repetitions; run += 1) {
      log(`Content review: run ${run + 1}/${repetitions}, seeding ${messages} reviews...`);
      workerMs.push(await timeWorkerRun(bench, run, messages, outcomes));
      await sendBodies(sqs, stack.queueUrl, Array.from({ length: messages }, (_, i) => JSON.stringify({ reviewId: `rev_bench${run}${i}` })));
      bareMs.push(await bareReceiveAndDelete(sqs, stack.queueUrl, messages));
    }
    const workerPerSecond = median(workerMs.map((ms) => messages / (ms / 1000)));
    const barePerSecond = median(bareMs.map((ms) => messages / (ms / 1000)));
    return { messages, repetitions, workerPerSecond, barePerSecond, ratio: workerPerSecond / barePerSecond, workerMs, bareMs, outcomes };
  } finally {
    await removeBenchStack(database.client, stack);
  }
};

export const contentReviewTable = (r: ContentReviewThroughput): string =>
  formatTable(
    [{ header: 'Path (same queue, same run)' }, { header: 'Messages' }, { header: 'Median ms', align: 'right' }, { header: 'Messages/s', align: 'right' }],
    [
      ['poller + content-review worker', String(r.messages), fixed(median(r.workerMs), 0), fixed(r.workerPerSecond, 0)],
      ['bare receive + delete', String(r.messages), fixed(median(r.bareMs), 0), fixed(r.barePerSecond, 0)],
    ],
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [messages, repetitions] = process.argv.slice(2).map(Number);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const result = await measureContentReviewThroughput(database, {
      ...(messages && { messages }),
      ...(repetitions && { repetitions }),
      log,
    });
    console.log(contentReviewTable(result));
    console.log(`Worker / bare loop: ${result.ratio.toFixed(3)} (screening outcomes: ${JSON.stringify(result.outcomes)})`);
  } finally {
    await database.stop();
  }
}
