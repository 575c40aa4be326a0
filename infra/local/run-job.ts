import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { functions, jobs, queues, tables, type JobName, type TableDefinition } from '#infra/manifest.ts';
import { jobEvent, type JobEvent } from '#shared/jobs/job-event.ts';
import { TRANSPARENCY_REPORT_JOB } from '#shared/transparency/manifest.ts';
import { createHandlerLoader, lambdaContext, type HandlerLoader } from '#infra/local/lambda.ts';
import { localPaths, REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { localClientConfig } from '#infra/local/aws.ts';
import { dlqName } from '#infra/local/sqs.ts';
import { sweepExpiredItems } from '#infra/local/ttl-sweeper.ts';
import { localTransparencyDatabaseEnvironment } from '#infra/local/transparency-database.ts';
import {
  localEnvironment,
  localNotificationsEnvironment,
  localSyntheticCheckEnvironment,
  type LocalEndpoints,
} from '#infra/local/stack.ts';

/**
 * The core of `npm run job`: runs one job once against the running local stack, with the time
 * the caller chooses as the job's "now", exactly as the scheduler (or EventBridge Scheduler)
 * would invoke it. The CLI (job-cli.ts) only parses arguments and prints.
 */

const jobNames = Object.keys(jobs) as JobName[];

export class JobUsageError extends Error {
  override name = 'JobUsageError';
}
export class LocalStackNotRunningError extends Error {
  override name = 'LocalStackNotRunningError';
}

/**
 * Not a job of the manifests: DynamoDB deletes expired items itself, in AWS and in DynamoDB Local,
 * by the real clock. `npm run job -- ttl-sweep --now <time>` deletes those expired by that time,
 * to follow a job run with `--now` in the future (ttl-sweeper.ts).
 */
export const TTL_SWEEP = 'ttl-sweep';

/** The jobs, one a line, for usage messages. */
export const describeJobs = (): string =>
  [
    ...Object.entries(jobs).map(([name, job]) => `  ${name}  ${job.schedule}  ${job.description}`),
    `  ${TTL_SWEEP}  (local only)  deletes the items past their time to live at --now, as DynamoDB would by then`,
  ].join('\n');

export const parseJobName = (name: string | undefined): JobName => {
  if (name && (jobNames as string[]).includes(name)) return name as JobName;
  throw new JobUsageError(`${name ? `Unknown job "${name}"` : 'Name a job'}: one of ${jobNames.join(', ')}`);
};

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** JavaScript rolls 2025-02-30 over into March; a typo in a date must not silently become another day. */
const isCalendarDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** `--now`: an ISO 8601 time with its offset (as the job event carries), or the current time when absent. */
export const parseNow = (value: string | undefined, clock: () => Date = () => new Date()): Date => {
  if (value === undefined) return clock();
  const time = new Date(value);
  const match = ISO_8601.exec(value);
  if (!match || Number.isNaN(time.getTime()) || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new JobUsageError(`--now must be an ISO 8601 time with an offset, e.g. 2025-03-01T12:00:00Z; got "${value}"`);
  }
  return time;
};

/** The jobs that work on a calendar quarter, which `--quarter` names (otherwise the one just ended at "now"). */
const QUARTER_JOBS: readonly JobName[] = [TRANSPARENCY_REPORT_JOB];

/** `--quarter`: a calendar quarter such as 2026-Q4, for a job that works on one; absent otherwise. */
export const parseQuarter = (job: JobName, value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  if (!QUARTER_JOBS.includes(job)) throw new JobUsageError(`${job} takes no --quarter (only ${QUARTER_JOBS.join(', ')} does)`);
  if (!/^\d{4}-Q[1-4]$/.test(value)) throw new JobUsageError(`--quarter must be a quarter such as 2026-Q4; got "${value}"`);
  return value;
};

const ENDPOINT_NAMES = ['api', 'dynamodb', 'sqs', 'eventbridge', 'ses', 'transparencyDatabase'] as const satisfies ReadonlyArray<keyof LocalEndpoints>;

const notRunning = (why: string) =>
  new LocalStackNotRunningError(`The local stack is not running (${why}). Start it with npm start, then try again.`);

const isListening = (url: string, timeoutMs = 1000) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port), timeout: timeoutMs });
    const done = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });

/** The endpoints `npm start` wrote, once each of them answers; LocalStackNotRunningError otherwise. */
export const readRunningEndpoints = async (root: string): Promise<LocalEndpoints> => {
  const file = localPaths(root).endpoints;
  if (!existsSync(file)) throw notRunning(`no ${file}`);
  let endpoints: Partial<LocalEndpoints>;
  try {
    endpoints = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalEndpoints>;
  } catch {
    throw notRunning(`${file} is not valid JSON`);
  }
  for (const name of ENDPOINT_NAMES) {
    const url = endpoints[name];
    // An endpoints file from before the stack had this emulator counts as "not running" too.
    if (typeof url !== 'string') throw notRunning(`${file} names no ${name} endpoint`);
    if (!(await isListening(url))) throw notRunning(`nothing answers at ${url} (${name})`);
  }
  return endpoints as LocalEndpoints;
};

/** fauxqs chooses the queue URLs; ask it, as a function would get them from its environment. */
const localQueueUrls = async (sqsEndpoint: string): Promise<Record<string, string>> => {
  const client = new SQSClient(localClientConfig(sqsEndpoint));
  try {
    const names = Object.values(queues).flatMap((queue) => [queue.localName, dlqName(queue)]);
    const entries = await Promise.all(
      names.map(async (QueueName) => {
        const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName }));
        return [QueueName, QueueUrl ?? ''] as const;
      }),
    );
    return Object.fromEntries(entries);
  } finally {
    client.destroy();
  }
};

export interface RunJobOptions {
  /** The directory holding `.local/` (LOCAL_STACK_ROOT for the CLI; the repository by default). */
  root?: string;
  job: JobName;
  /** The job's "now": the `time` of its event. */
  now: Date;
  /** The quarter a quarterly job works on (`--quarter`), when not the one just ended. */
  quarter?: string | undefined;
  /** Where the job function's handler comes from; tests inject one. */
  loadHandler?: HandlerLoader;
}

/**
 * Sets this process's environment to the one the local stack gives its functions (the same
 * `localEnvironment`), then invokes the job's handler once with `{ job, time: now }`.
 */
export const runJob = async (options: RunJobOptions): Promise<{ event: JobEvent; result: unknown }> => {
  const root = options.root ?? REPOSITORY_ROOT;
  // As in startLocalStack: the SDK's notice about local Node versions is noise (Lambda runs 22+).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const endpoints = await readRunningEndpoints(root);
  const paths = localPaths(root);
  Object.assign(
    process.env,
    localEnvironment({
      dynamodb: endpoints.dynamodb,
      sqs: endpoints.sqs,
      eventbridge: endpoints.eventbridge,
      ses: endpoints.ses,
      queueUrls: await localQueueUrls(endpoints.sqs),
      dataKeyFile: paths.dataKey,
      pseudonymKeyFile: paths.pseudonymKey,
    }),
    localSyntheticCheckEnvironment(endpoints.api),
    localNotificationsEnvironment({ api: endpoints.api, usersFile: paths.users }),
    localTransparencyDatabaseEnvironment(endpoints.transparencyDatabase),
  );
  const functionName = jobs[options.job].function;
  // Loaded only now: handlers read their configuration from the environment at import.
  const handler = await (options.loadHandler ?? createHandlerLoader())(functionName);
  const event = jobEvent(options.job, options.now, { quarter: options.quarter });
  const result = await handler(event, lambdaContext(functions[functionName]));
  return { event, result };
};

/**
 * One pass of the local time-to-live emulation against the running stack, as of `now`, over every
 * table of the manifests (or those given): the items deleted per table.
 */
export const runTtlSweep = async (options: { root?: string; now: Date; tables?: readonly TableDefinition[] }): Promise<Record<string, number>> => {
  const endpoints = await readRunningEndpoints(options.root ?? REPOSITORY_ROOT);
  const client = new DynamoDBClient(localClientConfig(endpoints.dynamodb));
  try {
    return await sweepExpiredItems({ client, tables: options.tables ?? Object.values(tables), now: options.now });
  } finally {
    client.destroy();
  }
};
