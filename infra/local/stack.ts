import { writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { commonEnv, eventBus, functions, jobs, metricsNamespace, queues, routes, tables, type Role } from '#infra/manifest.ts';
import { ensureTables, JavaMissingError, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { startEventBridgeEmulator } from '#infra/local/eventbridge.ts';
import { startGateway } from '#infra/local/gateway.ts';
import { issueToken, verifyBearer } from '#infra/local/identity.ts';
import {
  ensureLocalDataKey,
  ensureLocalPseudonymKey,
  ensureLocalSigningKey,
  loadSigningKeys,
} from '#infra/local/keys.ts';
import { createHandlerLoader } from '#infra/local/lambda.ts';
import { localPaths } from '#infra/local/paths.ts';
import { startScheduler } from '#infra/local/scheduler.ts';
import { startEventRules } from '#infra/local/event-rules.ts';
import { startQueuePoller } from '#infra/local/queue-poller.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { startSqsEmulator } from '#infra/local/sqs.ts';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '#infra/local/aws.ts';
import { rateMilliseconds } from '#infra/schedule-expression.ts';

export interface LocalStackOptions {
  /** Each port may be 0: a free one is chosen (tests run several stacks side by side). */
  apiPort: number;
  dynamodbPort: number;
  sqsPort: number;
  /** The local EventBridge (PutEvents only); 0 (the default) picks a free port. */
  eventBridgePort?: number;
  /**
   * Fire the jobs on their schedules (default true). Tests turn it off and run jobs themselves,
   * so that time is theirs to control.
   */
  schedule?: boolean;
  /**
   * Feed the queues' consumers as Lambda's event source mappings do (default true). Integration
   * tests turn it off and start their own poller, so that they decide when messages are consumed.
   */
  pollQueues?: boolean;
  /** Keep DynamoDB data on disk under `.local/` (npm start) or in memory (tests). */
  persist: boolean;
  /** The directory holding `.local/`; the repository root unless a test isolates itself. */
  root?: string;
  log?: (line: Record<string, unknown>) => void;
}

export interface LocalEndpoints {
  api: string;
  dynamodb: string;
  sqs: string;
  eventbridge: string;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Binds `port` on loopback and lets it go: the port it got (a free one for 0), or PortInUseError. */
const probePort = (port: number, what: string) =>
  new Promise<number>((ok, fail) => {
    const probe = createServer();
    probe.once('error', () =>
      fail(new PortInUseError(`Port ${port} (${what}) is in use; stop whatever holds it or choose another port.`)),
    );
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address() as AddressInfo;
      probe.close(() => ok(bound));
    });
  });

const assertPortFree = async (port: number, what: string) => {
  if (port !== 0) await probePort(port, what);
};

/**
 * The environment the Lambda functions receive in AWS, pointed at the local emulators. The SDK
 * reads AWS_ENDPOINT_URL_<SERVICE> itself, so the handlers need no local branch.
 */
export const localEnvironment = (options: {
  dynamodb: string;
  sqs: string;
  eventbridge: string;
  queueUrls: Record<string, string>;
  dataKeyFile: string;
  pseudonymKeyFile: string;
}): Record<string, string> => ({
  [commonEnv.stage]: 'local',
  [commonEnv.localKeyFile]: options.dataKeyFile,
  [commonEnv.localPseudonymKeyFile]: options.pseudonymKeyFile,
  [commonEnv.eventBusName]: eventBus.localName,
  AWS_REGION: DEFAULT_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: options.dynamodb,
  AWS_ENDPOINT_URL_SQS: options.sqs,
  AWS_ENDPOINT_URL_EVENTBRIDGE: options.eventbridge,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  [commonEnv.metricsNamespace]: metricsNamespace,
  ...Object.fromEntries(Object.values(tables).map((t) => [t.envVar, t.localName])),
  ...Object.fromEntries(
    Object.values(queues).map((q) => [q.envVar, options.queueUrls[q.localName] ?? '']),
  ),
});

/**
 * DynamoDB Local cannot be asked for "any port", so for port 0 a free one is picked; another
 * process may take it before Java binds it, hence a few attempts.
 */
const startDynamoDbLocalOn = async (port: number, dataDir: string | undefined) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const chosen = port || (await probePort(0, 'DynamoDB Local'));
      return await startDynamoDbLocal({ port: chosen, ...(dataDir && { dataDir }) });
    } catch (error) {
      if (port !== 0 || attempt >= 3 || error instanceof JavaMissingError) throw error;
    }
  }
};

export const startLocalStack = async (options: LocalStackOptions) => {
  // The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const paths = localPaths(options.root);
  mkdirSync(paths.dir, { recursive: true });
  // A schedule the local scheduler cannot run fails before any emulator starts.
  if (options.schedule !== false) for (const job of Object.values(jobs)) rateMilliseconds(job.schedule);
  await assertPortFree(options.apiPort, 'API');
  await assertPortFree(options.dynamodbPort, 'DynamoDB Local');
  await assertPortFree(options.sqsPort, 'SQS emulator');
  await assertPortFree(options.eventBridgePort ?? 0, 'EventBridge emulator');

  ensureLocalDataKey(paths.dataKey);
  ensureLocalPseudonymKey(paths.pseudonymKey);
  await ensureLocalSigningKey(paths.signingKey);
  const signingKeys = await loadSigningKeys(paths.signingKey);

  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  // Idempotent: a second Ctrl-C, or a test's cleanup after a failed start, waits for the same stop.
  const stop = () =>
    (stopping ??= (async () => {
      for (const stopOne of [...stops].reverse()) await stopOne().catch(() => undefined);
    })());
  try {
    const dynamodb = await startDynamoDbLocalOn(options.dynamodbPort, options.persist ? paths.dynamodb : undefined);
    stops.push(dynamodb.stop);
    await ensureTables(dynamodb.client, Object.values(tables));

    const sqs = await startSqsEmulator({ port: options.sqsPort, definitions: Object.values(queues) });
    stops.push(sqs.stop);

    const eventbridge = await startEventBridgeEmulator({
      port: options.eventBridgePort ?? 0,
      busName: eventBus.localName,
      file: paths.events,
      region: DEFAULT_REGION,
    });
    stops.push(eventbridge.stop);

    const env = localEnvironment({
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      eventbridge: eventbridge.endpoint,
      queueUrls: sqs.queueUrls,
      dataKeyFile: paths.dataKey,
      pseudonymKeyFile: paths.pseudonymKey,
    });
    Object.assign(process.env, env);

    // Handlers are imported on first use, after the environment above is set.
    const loadHandler = createHandlerLoader();

    const gateway = await startGateway({
      port: options.apiPort,
      routes,
      functions,
      loadHandler,
      authorize: (authorization) => verifyBearer(signingKeys, authorization),
      ...(options.log && { log: options.log }),
    });
    stops.push(gateway.stop);

    // Domain events reach their subscribers' handlers, as the EventBridge rules deliver them in AWS.
    const eventRuleDelivery = startEventRules({ eventbridge, loadHandler, ...(options.log && { log: options.log }) });
    stops.push(eventRuleDelivery.stop);

    // Queue consumers get their batches as the SQS event source mappings deliver them in AWS.
    const poller =
      options.pollQueues === false ? undefined : startQueuePoller({ sqs: createSqsClient(), queueUrls: sqs.queueUrls, loadHandler, ...(options.log && { log: options.log }) });
    if (poller) stops.push(poller.stop);

    // Last to start, first to stop: a run in flight finishes while the emulators are still up.
    const scheduler =
      options.schedule === false
        ? undefined
        : startScheduler({ jobs, loadHandler, ...(options.log && { log: options.log }) });
    if (scheduler) stops.push(scheduler.stop);

    const endpoints: LocalEndpoints = {
      api: gateway.url,
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      eventbridge: eventbridge.endpoint,
    };
    writeFileSync(paths.endpoints, `${JSON.stringify(endpoints, null, 2)}\n`);
    return {
      endpoints,
      env,
      paths,
      /** The jobs that fire on their schedules; empty when `schedule: false`. */
      scheduledJobs: scheduler?.jobs ?? [],
      /** The queue consumers fed by the local event source mappings; empty when `pollQueues: false`. */
      queueConsumers: poller?.mappings ?? [],
      issueToken: (sub: string, role: Role) => issueToken(signingKeys, { sub, role }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;
