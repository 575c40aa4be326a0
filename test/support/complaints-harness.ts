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
import { createLogger } from '#shared/observability/logger.ts';
import { invokeApi } from './events.ts';

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
 */
export const createCustomerServiceHarness = async (options: {
  clock: Clock;
  logger?: Logger;
  /** Environment to add (e.g. another bus name); the tables stay the harness's own. */
  env?: Record<string, string>;
  /** The tables of another harness, to act on the same complaints. */
  tableNames?: { complaints: string; figures: string };
}) => {
  const suffix = randomUUID().slice(0, 8);
  const names = options.tableNames ?? { complaints: `complaints-${suffix}`, figures: `figures-${suffix}` };
  const { client } = createDynamoClients();
  if (!options.tableNames) {
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

  return {
    ...harness,
    tableNames: names,
    /** Runs the sweep as the schedule would, at the clock's time (or `now`). */
    sweep: (now: Date = options.clock.now()) => slaSweep.run(now),
    /** Domain events the local bus received about one complaint, oldest first. */
    eventsAbout: (complaintId: string) =>
      readPublishedEvents(localPaths(inject('localStack').root).events).filter(
        (event) => (event.detail as { complaintId?: string }).complaintId === complaintId,
      ),
  };
};
