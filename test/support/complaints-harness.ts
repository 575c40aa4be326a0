import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { complaintsApiHandlerFromEnvironment } from '#shared/customer-service/wiring/complaints-api.ts';
import { slaSweepFromEnvironment } from '#shared/customer-service/wiring/sla-sweep.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { readEventBusName } from '#shared/config.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { createEventPublisher } from '#shared/events/publisher.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { invokeApi } from './events.ts';
import { openOutboxStream, type OutboxStream } from './outbox-stream.ts';

/**
 * The complaints function wired exactly as its handler module wires it, against the local
 * emulators, with the clock and logger injectable, and raw DynamoDB clients for assertions.
 */
export const createComplaintsHarness = (options: { clock?: Clock; logger?: Logger; env?: NodeJS.ProcessEnv } = {}) => {
  const handler = complaintsApiHandlerFromEnvironment({
    logger: options.logger ?? createLogger('complaints-test'),
    ...(options.clock && { clock: options.clock }),
    ...(options.env && { env: options.env }),
  });
  const { client, document } = createDynamoClients();

  const invoke = invokeApi(handler);

  return { handler, invoke, document, client };
};

/**
 * The complaints function and the SLA sweep on complaint and figures tables of their own, so that
 * a test's sweeps and figures see only the complaints it filed, whatever other test files do.
 * The complaints table's stream relay (test/support/outbox-stream.ts) publishes on the local bus
 * (the bus named in the harness's environment) after each request and sweep.
 */
export const createCustomerServiceHarness = async (options: {
  clock: Clock;
  logger?: Logger;
  /** Environment to add (e.g. another bus name, for the functions and the stream relay); the tables stay the harness's own. */
  env?: Record<string, string>;
  /** Another harness, to act on the same complaints: its tables, and its table's stream relay. */
  tablesOf?: { tableNames: { complaints: string; figures: string }; outboxStream: OutboxStream };
}) => {
  const suffix = randomUUID().slice(0, 8);
  const names = options.tablesOf?.tableNames ?? { complaints: `complaints-${suffix}`, figures: `figures-${suffix}` };
  const { client } = createDynamoClients();
  if (!options.tablesOf) {
    await Promise.all([
      client.send(new CreateTableCommand(createTableInput(tables.complaints, names.complaints))),
      client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures))),
    ]);
  }
  const env = {
    ...process.env,
    ...options.env,
    [tables.complaints.envVar]: names.complaints,
    [tables.figures.envVar]: names.figures,
  };
  const logger = options.logger ?? createLogger('customer-service-test');
  const harness = createComplaintsHarness({ clock: options.clock, logger, env });
  const slaSweep = slaSweepFromEnvironment(logger, env);
  // One stream relay per table: a harness on another's tables drains that one's.
  const outboxStream =
    options.tablesOf?.outboxStream ??
    (await openOutboxStream({
      tableName: names.complaints,
      publisher: createEventPublisher({ busName: readEventBusName(env), context: customerServiceManifest.name }),
      logger,
    }));

  return {
    ...harness,
    invoke: outboxStream.after(harness.invoke),
    tableNames: names,
    /** The complaints table's stream relay, drained after each request and sweep. */
    outboxStream,
    /** Runs the sweep as the schedule would, at the clock's time (or `now`). */
    sweep: outboxStream.after((now: Date = options.clock.now()) => slaSweep.run(now)),
    /** Domain events the local bus received about one complaint, oldest first. */
    eventsAbout: (complaintId: string) =>
      readPublishedEvents(localPaths(inject('localStack').root).events).filter(
        (event) => (event.detail as { complaintId?: string }).complaintId === complaintId,
      ),
  };
};
