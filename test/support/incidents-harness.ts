import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { platformHandlerFromEnvironment } from '#shared/platform/wiring/platform.ts';
import { SECURITY_WATCH_JOB } from '#shared/security/manifest.ts';
import { securityWatchHandlerFromEnvironment } from '#shared/security/wiring/security-watch.ts';
import { incidentApiHandlerFromEnvironment } from '#shared/security/wiring/security-incidents.ts';
import { invokeApi, lambdaContext } from './events.ts';

/**
 * The incident register wired as its handler modules wire it, on an incident table and a figures
 * table of its own (so that lists, quarters and reported months hold this harness's records
 * only): the incidents API, the deadline job, and the platform function (the monthly active
 * people administrators report).
 */
export const createIncidentsHarness = async (options: { clock: Clock; env?: Record<string, string> }) => {
  const suffix = randomUUID().slice(0, 8);
  const incidentsTable = `security-incidents-${suffix}`;
  const figuresTable = `figures-${suffix}`;
  const { client, document } = createDynamoClients();
  await client.send(new CreateTableCommand(createTableInput(tables.securityIncidents, incidentsTable)));
  await client.send(new CreateTableCommand(createTableInput(tables.figures, figuresTable)));
  const env = { ...process.env, [tables.securityIncidents.envVar]: incidentsTable, [tables.figures.envVar]: figuresTable, ...options.env };
  const job = securityWatchHandlerFromEnvironment(env);
  return {
    incidentsTable,
    document,
    invoke: invokeApi(incidentApiHandlerFromEnvironment({ env, clock: options.clock })),
    invokePlatform: invokeApi(platformHandlerFromEnvironment(env, options.clock)),
    /** A tick of the hourly deadline job at `at`. */
    runDeadlines: (at: Date) => job(jobEvent(SECURITY_WATCH_JOB, at), lambdaContext()),
  };
};
export type IncidentsHarness = Awaited<ReturnType<typeof createIncidentsHarness>>;
