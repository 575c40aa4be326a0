import { writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { commonEnv, eventBus, functions, jobs, machineClients, metricsNamespace, queues, routes, tables, type Role } from '#infra/manifest.ts';
import { ensureTables, JavaMissingError, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { startEventBridgeEmulator, type EventBridgeEmulator } from '#infra/local/eventbridge.ts';
import { startGateway } from '#infra/local/gateway.ts';
import { answerClientCredentials, createLocalAuthorizer, issueToken, localClientSecretOf, routeScopesOf } from '#infra/local/identity.ts';
import {
  ensureLocalDataKey,
  ensureLocalPseudonymKey,
  ensureLocalSigningKey,
  loadSigningKeys,
} from '#infra/local/keys.ts';
import { createHandlerLoader, type HandlerLoader } from '#infra/local/lambda.ts';
import { localPaths } from '#infra/local/paths.ts';
import { startScheduler } from '#infra/local/scheduler.ts';
import { startEventRules } from '#infra/local/event-rules.ts';
import { startQueuePoller } from '#infra/local/queue-poller.ts';
import { startStreamPoller } from '#infra/local/stream-poller.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { startSqsEmulator } from '#infra/local/sqs.ts';
import { startSesEmulator } from '#infra/local/ses.ts';
import { localTransparencyDatabaseEnvironment, startTransparencyDatabaseFake } from '#infra/local/transparency-database.ts';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '#infra/local/aws.ts';
import { parseSchedule } from '#infra/schedule-expression.ts';
import { mapValues } from '#infra/stacks/map-values.ts';
import { READINESS_TARGETS_ENV, type ReadinessTargets } from '#shared/platform/readiness.ts';
import { syntheticCheckEnv } from '#shared/platform/synthetic-check.ts';
import { notificationsEnv } from '#shared/notifications/config.ts';
import { AUDIT_EXPECTATIONS_ENV, auditExpectationsOf } from '#shared/security/audit/expected.ts';

export interface LocalStackOptions {
  /** Each port may be 0: a free one is chosen (tests run several stacks side by side). */
  apiPort: number;
  dynamodbPort: number;
  sqsPort: number;
  /** The local EventBridge (PutEvents only); 0 (the default) picks a free port. */
  eventBridgePort?: number;
  /** The SES v2 emulator, where sent emails can be read; 0 (the default) picks a free port. */
  sesPort?: number;
  /** The fake of the DSA Transparency Database API, which keeps the statements it accepts; 0 (the default) picks a free port. */
  transparencyDatabasePort?: number;
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
  /**
   * Feed the outbox tables' streams to their relay functions as Lambda's event source mappings do
   * (default true): a change's events reach the bus within moments of its request. Off, they wait
   * for the scheduled relay (60 s grace) or a test's own stream poller.
   */
  relayOutboxes?: boolean;
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
  /** The SES v2 emulator: the API the functions send email with, and its viewer of the emails sent (`/`, JSON at `/store`). */
  ses: string;
  /** The fake of the DSA Transparency Database API the statement submission job sends to (`/fake/statements`: what it accepted). */
  transparencyDatabase: string;
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
 * reads AWS_ENDPOINT_URL_<SERVICE> itself, so the handlers need no local branch. Every function
 * shares this one process (so one Metrics, which cannot name the function): metrics are switched
 * off by Powertools' own variable.
 */
export const localEnvironment = (options: {
  dynamodb: string;
  sqs: string;
  eventbridge: string;
  ses: string;
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
  AWS_ENDPOINT_URL_SESV2: options.ses,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  [commonEnv.metricsNamespace]: metricsNamespace,
  POWERTOOLS_METRICS_DISABLED: 'true',
  ...Object.fromEntries(Object.values(tables).map((t) => [t.envVar, t.localName])),
  ...Object.fromEntries(
    Object.values(queues).map((q) => [q.envVar, options.queueUrls[q.localName] ?? '']),
  ),
  [READINESS_TARGETS_ENV]: JSON.stringify({
    tables: mapValues(tables, (t) => t.localName),
    queues: mapValues(queues, (q) => options.queueUrls[q.localName] ?? ''),
    keys: { data: `file:${options.dataKeyFile}`, pseudonym: `file:${options.pseudonymKeyFile}` },
  } satisfies ReadinessTargets),
  // What the security audit compares the emulators' tables and queues with.
  [AUDIT_EXPECTATIONS_ENV]: JSON.stringify(auditExpectationsOf({ tables, queues, functions })),
});

/** What the synthetic check needs locally: the gateway, its token endpoint, and its client's local secret. */
export const localSyntheticCheckEnvironment = (api: string): Record<string, string> => ({
  [syntheticCheckEnv.baseUrl]: api,
  [syntheticCheckEnv.tokenUrl]: `${api}/oauth2/token`,
  [syntheticCheckEnv.clientId]: machineClients.syntheticMonitor.localClientId,
  [syntheticCheckEnv.localClientSecret]: localClientSecretOf(machineClients.syntheticMonitor.localClientId),
});

/**
 * What the notifications functions need locally: the from address, the links their messages carry
 * (on the local gateway) and the user directory file the token CLI fills, in place of Cognito.
 */
export const localNotificationsEnvironment = (options: { api: string; usersFile: string }): Record<string, string> => ({
  [notificationsEnv.fromAddress]: 'notifications@local.test',
  [notificationsEnv.publicApiBaseUrl]: options.api,
  // A placeholder: the app's inbox is not part of this repository, so the link leads nowhere locally.
  [notificationsEnv.inboxUrl]: `${options.api}/app/inbox`,
  [notificationsEnv.defaultLocale]: 'en',
  [notificationsEnv.localUserDirectoryFile]: options.usersFile,
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

/**
 * What can fail before anything starts fails first: a schedule the local scheduler cannot run, a
 * port in use. Creates the local keys on the first start; returns the paths and the signing keys.
 */
const prepareLocalStack = async (options: LocalStackOptions) => {
  // The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const paths = localPaths(options.root);
  mkdirSync(paths.dir, { recursive: true });
  if (options.schedule !== false) for (const job of Object.values(jobs)) parseSchedule(job.schedule);
  await assertPortFree(options.apiPort, 'API');
  await assertPortFree(options.dynamodbPort, 'DynamoDB Local');
  await assertPortFree(options.sqsPort, 'SQS emulator');
  await assertPortFree(options.eventBridgePort ?? 0, 'EventBridge emulator');
  await assertPortFree(options.sesPort ?? 0, 'SES emulator');
  await assertPortFree(options.transparencyDatabasePort ?? 0, 'Transparency Database fake');

  ensureLocalDataKey(paths.dataKey);
  ensureLocalPseudonymKey(paths.pseudonymKey);
  await ensureLocalSigningKey(paths.signingKey);
  return { paths, signingKeys: await loadSigningKeys(paths.signingKey) };
};

/** DynamoDB Local (with the tables), the SQS emulator, the local EventBridge and the SES emulator; each one's stop goes on `stops` once it runs. */
const startEmulators = async (
  options: LocalStackOptions,
  paths: ReturnType<typeof localPaths>,
  stops: Array<() => Promise<void>>,
) => {
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

  const ses = await startSesEmulator({ port: options.sesPort ?? 0 });
  stops.push(ses.stop);

  const transparencyDatabase = await startTransparencyDatabaseFake({ port: options.transparencyDatabasePort ?? 0 });
  stops.push(transparencyDatabase.stop);
  return { dynamodb, sqs, eventbridge, ses, transparencyDatabase };
};

/**
 * What calls the handlers besides the API, as AWS does: the event rules, the queues' and the
 * outbox streams' event source mappings and the schedules. Each one's stop goes on `stops`; the
 * scheduler starts last, so it stops first and a run in flight finishes while the emulators are still up.
 */
const startDeliveries = async (
  options: LocalStackOptions,
  sources: {
    eventbridge: EventBridgeEmulator;
    dynamodb: { client: DynamoDBClient; endpoint: string };
    queueUrls: Record<string, string>;
    loadHandler: HandlerLoader;
  },
  stops: Array<() => Promise<void>>,
) => {
  const { eventbridge, dynamodb, queueUrls, loadHandler } = sources;
  const log = options.log && { log: options.log };
  const sqs = createSqsClient();
  const eventRuleDelivery = startEventRules({ eventbridge, loadHandler, sqs, queueUrls, ...log });
  stops.push(eventRuleDelivery.stop);

  const poller = options.pollQueues === false ? undefined : startQueuePoller({ sqs, queueUrls, loadHandler, ...log });
  if (poller) stops.push(poller.stop);

  // In memory every table is new, so each stream is read from its start; on disk a kept table's
  // old records are not replayed (they were relayed then, or the scheduled relay publishes them).
  const outboxRelay =
    options.relayOutboxes === false
      ? undefined
      : await startStreamPoller({ dynamodb: dynamodb.client, endpoint: dynamodb.endpoint, from: options.persist ? 'end' : 'start', loadHandler, ...log });
  if (outboxRelay) stops.push(outboxRelay.stop);

  const scheduler = options.schedule === false ? undefined : startScheduler({ jobs, loadHandler, ...log });
  if (scheduler) stops.push(scheduler.stop);
  return { poller, outboxRelay, scheduler };
};

/** Where each piece listens, as `.local/endpoints.json` names them. */
const endpointsOf = (api: string, emulators: Awaited<ReturnType<typeof startEmulators>>): LocalEndpoints => ({
  api,
  dynamodb: emulators.dynamodb.endpoint,
  sqs: emulators.sqs.endpoint,
  eventbridge: emulators.eventbridge.endpoint,
  ses: emulators.ses.endpoint,
  transparencyDatabase: emulators.transparencyDatabase.endpoint,
});

export const startLocalStack = async (options: LocalStackOptions) => {
  const { paths, signingKeys } = await prepareLocalStack(options);

  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  // Idempotent: a second Ctrl-C, or a test's cleanup after a failed start, waits for the same stop.
  const stop = () =>
    (stopping ??= (async () => {
      for (const stopOne of [...stops].reverse()) await stopOne().catch(() => undefined);
    })());
  try {
    const { dynamodb, sqs, eventbridge, ses, transparencyDatabase } = await startEmulators(options, paths, stops);

    const env = localEnvironment({
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      eventbridge: eventbridge.endpoint,
      ses: ses.endpoint,
      queueUrls: sqs.queueUrls,
      dataKeyFile: paths.dataKey,
      pseudonymKeyFile: paths.pseudonymKey,
    });
    Object.assign(env, localTransparencyDatabaseEnvironment(transparencyDatabase.endpoint));
    Object.assign(process.env, env);

    // Handlers are imported on first use, after the environment above is set.
    const loadHandler = createHandlerLoader();

    const gateway = await startGateway({
      port: options.apiPort,
      routes,
      functions,
      loadHandler,
      authorize: (await createLocalAuthorizer(signingKeys, routeScopesOf(routes))).authorize,
      tokenEndpoint: (request) => answerClientCredentials(signingKeys, request),
      ...(options.log && { log: options.log }),
    });
    stops.push(gateway.stop);
    // Known once the gateway listens; the synthetic check and the notifications read it, and they load later.
    Object.assign(env, localSyntheticCheckEnvironment(gateway.url), localNotificationsEnvironment({ api: gateway.url, usersFile: paths.users }));
    Object.assign(process.env, env);

    const { poller, outboxRelay, scheduler } = await startDeliveries(options, { eventbridge, dynamodb, queueUrls: sqs.queueUrls, loadHandler }, stops);

    const endpoints = endpointsOf(gateway.url, { dynamodb, sqs, eventbridge, ses, transparencyDatabase });
    writeFileSync(paths.endpoints, `${JSON.stringify(endpoints, null, 2)}\n`);
    return {
      endpoints,
      env,
      paths,
      /** The jobs that fire on their schedules; empty when `schedule: false`. */
      scheduledJobs: scheduler?.jobs ?? [],
      /** The cron jobs, which the local clock does not fire (`npm run job -- <name>` runs one); empty when `schedule: false`. */
      onDemandJobs: scheduler?.onDemandJobs ?? [],
      /** The queue consumers fed by the local event source mappings; empty when `pollQueues: false`. */
      queueConsumers: poller?.mappings ?? [],
      /** The outbox relays fed by the local stream event source mappings; empty when `relayOutboxes: false`. */
      outboxRelays: outboxRelay?.mappings ?? [],
      issueToken: (sub: string, role: Role) => issueToken(signingKeys, { sub, role }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;
