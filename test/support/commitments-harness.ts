import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { COMMITMENTS_WATCH_JOB } from '#shared/transparency/manifest.ts';
import type { CommitmentsWatch } from '#shared/transparency/use-cases/watch-commitments.ts';
import { commitmentsApiHandlerFromEnvironment } from '#shared/transparency/wiring/commitments-api.ts';
import { commitmentsWatchHandlerFromEnvironment } from '#shared/transparency/wiring/commitments-watch.ts';
import { invokeApi, lambdaContext } from './events.ts';
import { reportFiguresFixture } from './report-figures-fixture.ts';

/**
 * The promise scorecard wired as its handler modules wire it, on a transparency table and a
 * figures table of its own: the hourly watch and the public function. The report's compilation is
 * a stand-in answering `figures` of the quarter asked (the fixture when none is set); trust and
 * safety's counts are the moderation counters written to the figures table (`moderationCounters`).
 */
export const createCommitmentsHarness = async () => {
  const suffix = randomUUID().slice(0, 8);
  const transparencyTable = `transparency-${suffix}`;
  const figuresTable = `figures-${suffix}`;
  const { client, document } = createDynamoClients();
  await client.send(new CreateTableCommand(createTableInput(tables.transparency, transparencyTable)));
  await client.send(new CreateTableCommand(createTableInput(tables.figures, figuresTable)));
  const env = { ...process.env, [tables.transparency.envVar]: transparencyTable, [tables.figures.envVar]: figuresTable };
  const figures = new Map<string, ReportFigures>();
  const compile = async (quarter: string) => figures.get(quarter) ?? reportFiguresFixture(quarter);
  const watch = commitmentsWatchHandlerFromEnvironment({ env, compile });
  let now = new Date();
  const api = invokeApi(commitmentsApiHandlerFromEnvironment({ env, compile, clock: { now: () => now } }));
  return {
    figures,
    moderationCounters: createFiguresStore(document, figuresTable, 'moderation'),
    document,
    /** A tick of the hourly watch at `at`. */
    run: (at: Date) => watch(jobEvent(COMMITMENTS_WATCH_JOB, at), lambdaContext()) as Promise<CommitmentsWatch>,
    /** A public read at `at` (the function's clock), of `GET /v1/commitments` or another of its routes. */
    read: (at: Date, request: { headers?: Record<string, string>; query?: Record<string, string>; routeKey?: string } = {}) => {
      now = at;
      return api({ routeKey: request.routeKey ?? 'GET /v1/commitments', headers: request.headers ?? {}, ...(request.query && { query: request.query }) });
    },
  };
};
export type CommitmentsHarness = Awaited<ReturnType<typeof createCommitmentsHarness>>;
