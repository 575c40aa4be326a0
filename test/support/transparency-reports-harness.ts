import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { createOutbox } from '#shared/events/outbox.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { routeKey } from '#shared/manifest/types.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createReportStore } from '#shared/transparency/store/report-store.ts';
import type { CompileFigures } from '#shared/transparency/use-cases/report-ports.ts';
import { routesOfFunction, TRANSPARENCY_REPORT_JOB } from '#shared/transparency/manifest.ts';
import { transparencyReportDraftsApiHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-report-drafts-api.ts';
import { transparencyReportJobHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-report-job.ts';
import { transparencyReportsApiHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-reports-api.ts';
import { invokeApi, lambdaContext } from './events.ts';
import { openOutboxStream } from './outbox-stream.ts';
import { reportFiguresFixture } from './report-figures-fixture.ts';

/**
 * The report pages, the report drafts function and the quarterly job, wired as their handler
 * modules wire them, on a transparency table of their own; a request goes to the function that
 * serves its route. The compilation is the fixture's figures (the
 * number of complaints can be changed, as a late complaint would); the table's stream relay
 * (test/support/outbox-stream.ts), drained after each request and job run, keeps the
 * announcements in `published` instead of putting them on the local bus.
 */
export const createTransparencyReportsHarness = async (options: { clock: Clock }) => {
  const tableName = `transparency-${randomUUID().slice(0, 8)}`;
  const { client, document } = createDynamoClients();
  await client.send(new CreateTableCommand(createTableInput(tables.transparency, tableName)));
  const env = { ...process.env, [tables.transparency.envVar]: tableName };
  const published: PublishableEvent[] = [];
  const publisher = { publish: async (batch: readonly PublishableEvent[]) => void published.push(...batch) };
  const logger = createLogger('transparency-reports-test');
  const outbox = createOutbox({ db: document, tableName });
  const compiled = { complaints: 12, quarters: [] as string[] };
  const compile: CompileFigures = async (quarter) => {
    compiled.quarters.push(quarter);
    return reportFiguresFixture(quarter, { complaints: compiled.complaints, compiledAt: options.clock.now().toISOString() });
  };
  const job = transparencyReportJobHandlerFromEnvironment({ env, logger, compile });
  const pages = invokeApi(transparencyReportsApiHandlerFromEnvironment({ env }));
  const drafts = invokeApi(transparencyReportDraftsApiHandlerFromEnvironment({ env, clock: options.clock, outbox, compile }));
  const draftRoutes = new Set<string>(routesOfFunction('transparencyReportDrafts').map(routeKey));
  const outboxStream = await openOutboxStream({ tableName, publisher, logger });
  return {
    store: createReportStore({ db: document, tableName }),
    published,
    compiled,
    /** The transparency table's stream relay, drained after each request and job run. */
    outboxStream,
    invoke: outboxStream.after((request: Parameters<typeof pages>[0]) => (draftRoutes.has(request.routeKey) ? drafts : pages)(request)),
    /** The job as the schedule (no quarter) or `npm run job -- transparency-report --quarter <q>` runs it, at `now`. */
    runJob: outboxStream.after((now: Date, quarter?: string) => job(jobEvent(TRANSPARENCY_REPORT_JOB, now, { quarter }), lambdaContext())),
  };
};
export type TransparencyReportsHarness = Awaited<ReturnType<typeof createTransparencyReportsHarness>>;
