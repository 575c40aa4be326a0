/**
 * `npm start`: the whole API on this machine. DynamoDB Local (data under .local/dynamodb, or in
 * memory with LOCAL_PERSIST=off), the
 * fauxqs SQS emulator, the local EventBridge (events under .local/events), the SES emulator (sent
 * emails in its viewer), the local keys and token signer, the API on PORT (3000), the queues' consumers
 * (LOCAL_QUEUE_POLLER=off), the outbox tables' stream relays (LOCAL_STREAM_POLLER=off), and the rate jobs on their schedules (LOCAL_SCHEDULER=off
 * leaves them to `npm run job`, which also runs the cron jobs: the local clock does not fire those).
 */
import { JavaMissingError } from '#infra/local/dynamodb.ts';
import { ScheduleExpressionError } from '#infra/local/scheduler.ts';
import { PortInUseError, startLocalStack, type LocalStack } from '#infra/local/stack.ts';

const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number from 1 to 65535 (or 0 for any free port); got "${raw}"`);
    process.exit(2);
  }
  return value;
};

/** Rate jobs fire on their schedule; a cron (calendar) job is not fired by the local clock and says how to run it. */
const jobsLine = (running: LocalStack): string => {
  if (running.scheduledJobs.length + running.onDemandJobs.length === 0) {
    return 'not scheduled (LOCAL_SCHEDULER=off); run one with npm run job -- <name>';
  }
  return [
    ...running.scheduledJobs.map((job) => `${job.name} ${job.schedule}`),
    ...running.onDemandJobs.map((job) => `${job.name} ${job.schedule} (run it: npm run job -- ${job.name})`),
  ].join(', ');
};

// Signals are handled from the first moment: a Ctrl-C during start-up must not leave DynamoDB
// Local's Java process running behind us.
let stack: LocalStack | undefined;
let stopRequested: string | undefined;

const stopStack = (running: LocalStack, signal: string) => {
  console.log(`${signal}: stopping the local stack...`);
  running.stop().then(
    () => {
      console.log('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      console.error('stopping failed', error);
      process.exit(1);
    },
  );
};

const onSignal = (signal: string) => {
  if (stopRequested) return;
  stopRequested = signal;
  // During start-up the stack is stopped as soon as it is complete.
  if (stack) stopStack(stack, signal);
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

try {
  stack = await startLocalStack({
    apiPort: port('PORT', 3000),
    dynamodbPort: port('DYNAMODB_PORT', 8000),
    sqsPort: port('SQS_PORT', 4566),
    eventBridgePort: port('EVENTBRIDGE_PORT', 4010),
    sesPort: port('SES_PORT', 8005),
    schedule: process.env.LOCAL_SCHEDULER !== 'off',
    pollQueues: process.env.LOCAL_QUEUE_POLLER !== 'off',
    relayOutboxes: process.env.LOCAL_STREAM_POLLER !== 'off',
    persist: process.env.LOCAL_PERSIST !== 'off',
    // Tests run a second stack beside a developer's own, with its own `.local/`.
    ...(process.env.LOCAL_STACK_ROOT && { root: process.env.LOCAL_STACK_ROOT }),
    log: (line) => console.log(JSON.stringify({ time: new Date().toISOString(), ...line })),
  });
} catch (error) {
  if (stopRequested) {
    console.log(`${stopRequested} during start-up: stopped`);
    process.exit(0);
  }
  if (error instanceof JavaMissingError || error instanceof PortInUseError || error instanceof ScheduleExpressionError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

if (stopRequested) {
  stopStack(stack, stopRequested);
} else {
  console.log(
    [
      'User-protection platform: local stack running',
      `  api       ${stack.endpoints.api}`,
      `  dynamodb  ${stack.endpoints.dynamodb}`,
      `  sqs       ${stack.endpoints.sqs}`,
      `  events    ${stack.endpoints.eventbridge} (published events in ${stack.paths.events})`,
      `  email     ${stack.endpoints.ses} (sent emails: ${stack.endpoints.ses}/ in a browser, JSON at ${stack.endpoints.ses}/store)`,
      `  jobs      ${jobsLine(stack)}`,
      `  queues    ${stack.queueConsumers.length > 0 ? stack.queueConsumers.map((c) => `${c.queue} -> ${c.name}`).join(', ') : 'not polled (LOCAL_QUEUE_POLLER=off)'}`,
      `  outboxes  ${stack.outboxRelays.length > 0 ? stack.outboxRelays.map((r) => `${r.table} stream -> ${r.name}`).join(', ') : 'not relayed from their streams (LOCAL_STREAM_POLLER=off): the scheduled relay publishes after 60 s'}`,
      `  endpoints written to ${stack.paths.endpoints}`,
      '  token:    npm run token -- --sub alice --role user [--email alice@example.com --locale en --group supervisors]',
      '            (machine client: --client social)',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
}
