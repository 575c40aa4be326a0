/**
 * Notifications throughput: messages per second through the local notifications queue and the
 * sender (the real local event source mapping, infra/local/queue-poller.ts, invoking the real
 * sender handler: audience lookup on the complaints table, the local user directory, an inbox item
 * sealed and written, an email rendered and sent to the SES emulator, each delivery recorded once),
 * next to a bare receive-and-delete loop on the same queue, measured in the same run. The ratio
 * says how much of the time is the delivering rather than the queue.
 *
 * The messages are real `complaint.received` events: each repetition files one complaint per
 * person through the customer-service ports (sealed, stored, published on the local EventBridge),
 * and sends the envelopes the bus recorded to the queue, as the rule's SQS target would. Every
 * person is in the local user directory with an email address, in English or Simplified Chinese.
 *
 * Run alone: `npx tsx bench/notifications-throughput.ts [messages] [repetitions]`
 * (default 200 and 3); bench/run.ts runs it as its `notifications` section.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { commonEnv, eventBus, functions, queues, tables, type TableName } from '#infra/manifest.ts';
import { createTableInput, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { readPublishedEvents, startEventBridgeEmulator } from '#infra/local/eventbridge.ts';
import { ensureLocalDataKey, ensureLocalPseudonymKey } from '#infra/local/keys.ts';
import { startQueuePoller } from '#infra/local/queue-poller.ts';
import { startSesEmulator } from '#infra/local/ses.ts';
import { DEFAULT_REGION, startSqsEmulator } from '#infra/local/sqs.ts';
import { localNotificationsEnvironment } from '#infra/local/stack.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { createTable } from '#shared/aws/table.ts';
import { systemClock } from '#shared/clock.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { fileComplaint } from '#shared/customer-service/use-cases/file-complaint.ts';
import { CUSTOMER_SERVICE } from '#shared/customer-service/index.ts';
import { customerServiceCore } from '#shared/customer-service/wiring/context.ts';
import { OUTBOX_GRACE_MS, outboxRelayFromEnvironment } from '#shared/events/outbox.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import { metrics } from '#shared/observability/metrics.ts';
import { recordLocalPerson } from '#shared/notifications/directory/local-directory.ts';
import { createInboxStore } from '#shared/notifications/store/inbox-store.ts';
import { notificationSenderFromEnvironment } from '#shared/notifications/wiring/notification-sender.ts';
import { freePort } from './dynamodb-meter.ts';
import { complaintFixtures } from './fixtures.ts';
import { bareReceiveAndDelete, sendBodies, until } from './queue-loops.ts';
import type { Section } from './section.ts';
import { median } from './stats.ts';
import { fixed, formatTable } from './table.ts';

interface NotificationsThroughput {
  messages: number;
  repetitions: number;
  /** Median over the repetitions: events handled per second by poller + sender. */
  senderPerSecond: number;
  /** Median over the repetitions: messages per second of a loop that only receives and deletes. */
  barePerSecond: number;
  /** senderPerSecond / barePerSecond: the share of the queue's own speed the sender keeps. */
  ratio: number;
  senderMs: number[];
  bareMs: number[];
  /** Checked outside the timing (all repetitions): one inbox item and one email per person, people per locale. */
  delivered: { inboxItems: number; emails: number; byLocale: Record<string, number> };
}

const sender = 'notificationSender' as const;
const benchLocales = ['en', 'zh-CN'] as const;

interface BenchPerson {
  sub: string;
  email: string;
  locale: (typeof benchLocales)[number];
}

/** The person who files the i-th complaint of a run: half of them read English, half Simplified Chinese. */
const personOf = (run: number, i: number): BenchPerson => ({
  sub: `bench-person-${run}-${i}`,
  email: `person-${run}-${i}@bench.example`,
  locale: benchLocales[i % benchLocales.length]!,
});

/**
 * What the bench runs against: fauxqs, the local EventBridge and the SES emulator in this process,
 * key files, the bus's event file and the user directory file in a temporary directory, and the
 * names of its private tables on DynamoDB Local.
 */
interface BenchStack {
  tableNames: { complaints: string; figures: string; notifications: string };
  env: NodeJS.ProcessEnv;
  queueUrls: Record<string, string>;
  queueUrl: string;
  files: { events: string; users: string };
  ses: string;
  /** Stops the emulators and deletes the temporary directory. */
  stop: () => Promise<void>;
}

/** Every table the sender is granted (infra/manifest.ts): each needs a name in its environment. */
const senderTables = Object.keys(functions.notificationSender.tables) as TableName[];

/** The environment of the filing and the sender: the local stack's, on the bench's tables, files and queue. */
const benchEnvironment = (stack: Omit<BenchStack, 'env' | 'stop'>, keys: { data: string; pseudonym: string }): NodeJS.ProcessEnv => ({
  ...process.env,
  [commonEnv.stage]: 'local',
  [commonEnv.localKeyFile]: keys.data,
  [commonEnv.localPseudonymKeyFile]: keys.pseudonym,
  [commonEnv.eventBusName]: eventBus.localName,
  // Only complaint events are sent: the sender's other audiences (moderation, surveys) never read their tables.
  ...Object.fromEntries(senderTables.map((name) => [tables[name].envVar, 'unused-by-complaint-events'])),
  [tables.complaints.envVar]: stack.tableNames.complaints,
  [tables.figures.envVar]: stack.tableNames.figures,
  [tables.notifications.envVar]: stack.tableNames.notifications,
  [queues.notifications.envVar]: stack.queueUrl,
  // No gateway runs here: the links the messages carry are rendered, never followed.
  ...localNotificationsEnvironment({ api: 'http://127.0.0.1:3000', usersFile: stack.files.users }),
});

/** Starts the emulators and points this process's AWS endpoints at them, as the local stack does. */
const startBenchStack = async (databaseEndpoint: string): Promise<BenchStack> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-notifications-'));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const suffix = `${Date.now()}`;
    const tableNames = { complaints: `bench-complaints-${suffix}`, figures: `bench-figures-${suffix}`, notifications: `bench-notifications-${suffix}` };
    const files = { events: join(dir, 'events.jsonl'), users: join(dir, 'users.json') };
    const keys = { data: join(dir, 'data-key.b64'), pseudonym: join(dir, 'pseudonym.key') };
    const sqsEmulator = await startSqsEmulator({ port: await freePort(), definitions: [queues.notifications] });
    stops.push(sqsEmulator.stop);
    const events = await startEventBridgeEmulator({ port: 0, busName: eventBus.localName, file: files.events, region: DEFAULT_REGION });
    stops.push(events.stop);
    const ses = await startSesEmulator({ port: 0 });
    stops.push(ses.stop);
    ensureLocalDataKey(keys.data);
    ensureLocalPseudonymKey(keys.pseudonym);
    const queueUrl = sqsEmulator.queueUrls[queues.notifications.localName]!;
    const partial = { tableNames, queueUrls: sqsEmulator.queueUrls, queueUrl, files, ses: ses.endpoint };
    // The SDK clients the wiring creates read their endpoints from the process environment.
    Object.assign(process.env, {
      AWS_REGION: DEFAULT_REGION,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      AWS_ENDPOINT_URL_DYNAMODB: databaseEndpoint,
      AWS_ENDPOINT_URL_SQS: sqsEmulator.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: events.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    });
    return { ...partial, env: benchEnvironment(partial, keys), stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

const benchTables = (stack: BenchStack) =>
  [
    [tables.complaints, stack.tableNames.complaints],
    [tables.figures, stack.tableNames.figures],
    [tables.notifications, stack.tableNames.notifications],
  ] as const;

/**
 * The customer-service ports the complaints are filed through (as the complaints function wires
 * them: sealed, stored, published), the sender's handler, and the inbox the deliveries are read from.
 */
const wireBench = (stack: BenchStack) => {
  const logger = new Logger({ serviceName: 'bench', logLevel: 'SILENT' });
  const { document } = createDynamoClients();
  const cipher = cipherFromEnvironment(stack.env);
  return {
    stack,
    sqs: createSqsClient(),
    filing: { ...customerServiceCore(document, stack.env), cipher, clock: systemClock },
    outboxRelay: outboxRelayFromEnvironment({ db: document, table: tables.complaints, context: CUSTOMER_SERVICE, logger, env: stack.env }),
    handler: notificationSenderFromEnvironment({ env: stack.env, logger }),
    inbox: createInboxStore(createTable(document, stack.tableNames.notifications), cipher),
  };
};

type Bench = ReturnType<typeof wireBench>;

/**
 * Files `messages` complaints, one per person of run `run` (each recorded in the user directory,
 * which holds this run's people only), and returns the `complaint.received` envelopes the bus
 * recorded, as SQS message bodies, with the filer of each complaint.
 */
const fileComplaints = async (bench: Bench, run: number, messages: number) => {
  rmSync(bench.stack.files.users, { force: true });
  const filers = new Map<string, BenchPerson>();
  for (const [i, { input }] of complaintFixtures(messages, { owners: messages, seed: run + 1 }).entries()) {
    const person = personOf(run, i);
    recordLocalPerson(bench.stack.files.users, person);
    const caller: PersonCaller = { kind: 'person', sub: person.sub, roles: ['user'], scopes: [] };
    filers.set((await fileComplaint(bench.filing, caller, input)).id, person);
    // Each filing is a request of the complaints function, whose counters are its own to publish, not the sender's.
    metrics.clearMetrics();
  }
  // The complaints' events wait in the outbox, as for the stream relay in AWS; the scheduled relay,
  // run as if its grace period had passed, puts them on the bus.
  await bench.outboxRelay.relay(new Date(Date.now() + OUTBOX_GRACE_MS));
  metrics.clearMetrics();
  const received = readPublishedEvents(bench.stack.files.events).filter(
    (event) => event['detail-type'] === 'complaint.received' && filers.has(String(event.detail.complaintId)),
  );
  if (received.length !== messages) throw new Error(`${received.length} complaint.received events published for ${messages} filings`);
  return { filers, bodies: received.map((event) => JSON.stringify(event)) };
};

/** Sends the envelopes to the queue and times the poller + sender until every one is handled. */
const timeSenderRun = async (bench: Bench, bodies: string[]) => {
  await sendBodies(bench.sqs, bench.stack.queueUrl, bodies);
  const poller = startQueuePoller({
    sqs: bench.sqs,
    queueUrls: bench.stack.queueUrls,
    only: [sender],
    loadHandler: async () => bench.handler as never,
  });
  const stats = poller.stats(sender)!;
  const start = performance.now();
  await until(() => stats.succeeded + stats.failed >= bodies.length, 600_000);
  const elapsedMs = performance.now() - start;
  await poller.stop();
  if (stats.failed > 0) throw new Error(`${stats.failed} events failed delivery`);
  return elapsedMs;
};

/** An email as the SES emulator keeps it (GET /store). */
interface StoredEmail {
  destination: { to: string[] };
  subject: string;
}

const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);

/**
 * Outside the timing: every filer has exactly one inbox item (the receipt) and exactly one email,
 * in their locale, and nobody else got an email. Adds what it counted to `delivered`.
 */
const verifyDeliveries = async (bench: Bench, filers: Map<string, BenchPerson>, delivered: NotificationsThroughput['delivered']) => {
  const { emails } = (await (await fetch(`${bench.stack.ses}/store`)).json()) as { emails: StoredEmail[] };
  const emailsTo = new Map<string, StoredEmail[]>();
  for (const email of emails) for (const to of email.destination.to) emailsTo.set(to, [...(emailsTo.get(to) ?? []), email]);
  if (emails.length !== filers.size) throw new Error(`${emails.length} emails sent for ${filers.size} complaints`);
  for (const person of filers.values()) {
    const received = emailsTo.get(person.email) ?? [];
    if (received.length !== 1) throw new Error(`${person.sub} got ${received.length} emails`);
    if (hasChinese(received[0]!.subject) !== (person.locale === 'zh-CN')) throw new Error(`${person.sub} got an email not in ${person.locale}`);
    const { items } = await bench.inbox.page(person.sub, { limit: 10, unreadOnly: false });
    if (items.length !== 1 || items[0]!.type !== 'complaint-received') throw new Error(`${person.sub} has ${items.length} inbox items`);
    delivered.byLocale[person.locale] = (delivered.byLocale[person.locale] ?? 0) + 1;
  }
  delivered.emails += emails.length;
  delivered.inboxItems += filers.size;
};

/**
 * Starts fauxqs, the local EventBridge and the SES emulator in this process, creates private
 * tables on the given DynamoDB Local, points this process's AWS endpoints at them as the local
 * stack does, and measures `repetitions` times, alternating: file `messages` complaints and send
 * their `complaint.received` envelopes to the queue, time the poller + sender until all are
 * handled (then check the deliveries); send as many messages and time the bare loop on the same
 * queue. Tables, emulators and temporary files are removed after.
 */
const measureNotificationsThroughput = async (
  database: { client: DynamoDBClient; endpoint: string },
  options: { messages?: number; repetitions?: number; log?: (line: string) => void } = {},
): Promise<NotificationsThroughput> => {
  const messages = options.messages ?? 200;
  const repetitions = options.repetitions ?? 3;
  const log = options.log ?? (() => undefined);
  // The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startBenchStack(database.endpoint);
  try {
    for (const [table, name] of benchTables(stack)) await database.client.send(new CreateTableCommand(createTableInput(table, name)));
    const bench = wireBench(stack);
    const senderMs: number[] = [];
    const bareMs: number[] = [];
    const delivered: NotificationsThroughput['delivered'] = { inboxItems: 0, emails: 0, byLocale: {} };
    for (let run = 0; run < repetitions; run += 1) {
      log(`Notifications: run ${run + 1}/${repetitions}, filing ${messages} complaints...`);
      await fetch(`${stack.ses}/clear-store`, { method: 'POST' });
      const { filers, bodies } = await fileComplaints(bench, run, messages);
      senderMs.push(await timeSenderRun(bench, bodies));
      await verifyDeliveries(bench, filers, delivered);
      await sendBodies(bench.sqs, stack.queueUrl, bodies);
      bareMs.push(await bareReceiveAndDelete(bench.sqs, stack.queueUrl, messages));
    }
    const senderPerSecond = median(senderMs.map((ms) => messages / (ms / 1000)));
    const barePerSecond = median(bareMs.map((ms) => messages / (ms / 1000)));
    return { messages, repetitions, senderPerSecond, barePerSecond, ratio: senderPerSecond / barePerSecond, senderMs, bareMs, delivered };
  } finally {
    for (const [, name] of benchTables(stack)) await database.client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
    await stack.stop();
  }
};

const notificationsTable = (r: NotificationsThroughput): string =>
  formatTable(
    [{ header: 'Path (same queue, same run)' }, { header: 'Messages' }, { header: 'Median ms', align: 'right' }, { header: 'Messages/s', align: 'right' }],
    [
      ['poller + notification sender', String(r.messages), fixed(median(r.senderMs), 0), fixed(r.senderPerSecond, 0)],
      ['bare receive + delete', String(r.messages), fixed(median(r.bareMs), 0), fixed(r.barePerSecond, 0)],
    ],
  );

const summary = (r: NotificationsThroughput) =>
  `Sender / bare loop: ${fixed(r.ratio, 3)} (informative: no target; delivered ${r.delivered.inboxItems} inbox items and ${r.delivered.emails} emails, people by locale ${JSON.stringify(r.delivered.byLocale)})`;

/** On a DynamoDB Local of its own. */
const measureOnOwnDatabase = async (options: Parameters<typeof measureNotificationsThroughput>[1]) => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    return await measureNotificationsThroughput(database, options);
  } finally {
    await database.stop();
  }
};

export const notificationsSection: Section = async ({ log }) => {
  const messages = Number(process.env.BENCH_NOTIFICATIONS ?? 200);
  const result = await measureOnOwnDatabase({ messages, log });
  return {
    lines: [
      `Notifications: ${result.messages} complaint.received events per repetition through the local queue, the poller and the sender (inbox + email to the SES emulator), next to a bare receive-and-delete loop on the same queue (medians of ${result.repetitions})`,
      notificationsTable(result),
      summary(result),
    ],
    targets: {},
    results: { notifications: result },
    meta: { notificationMessages: result.messages, notificationRepetitions: result.repetitions },
  };
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [messages, repetitions] = process.argv.slice(2).map(Number);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await measureOnOwnDatabase({ ...(messages && { messages }), ...(repetitions && { repetitions }), log });
  console.log(notificationsTable(result));
  console.log(summary(result));
}
