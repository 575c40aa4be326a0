import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { readEventBusName } from '#shared/config.ts';
import { createEventPublisher } from '#shared/events/publisher.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { surveysApiHandlerFromEnvironment } from '#shared/surveys/wiring/surveys-api.ts';
import { surveyPolicy, type SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { surveyCampaignHandlerFromEnvironment } from '#shared/surveys/wiring/survey-campaign.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { surveyEventsHandlerFromEnvironment } from '#shared/surveys/wiring/survey-events.ts';
import { invokeApi, lambdaContext } from './events.ts';
import { openOutboxStream } from './outbox-stream.ts';

/**
 * The surveys function, the campaign job and the complaint.resolved consumer, wired as their
 * handler modules wire them, on surveys and figures tables of their own (so a test's campaigns
 * and results see only its own responses), with the clock, the logger and the policy injectable.
 * `complaintsTable` points the consumer at a customer-service harness's complaints. The surveys
 * table's stream relay (test/support/outbox-stream.ts) publishes on the local bus (the bus named
 * in the harness's environment) after each request, job run and delivery.
 */
export const createSurveysHarness = async (options: {
  clock: Clock;
  policy?: Partial<SurveyPolicy>;
  logger?: Logger;
  complaintsTable?: string;
  /** Environment to add (e.g. another bus name); the tables stay the harness's own. */
  env?: Record<string, string>;
}) => {
  const suffix = randomUUID().slice(0, 8);
  const names = { surveys: `surveys-${suffix}`, figures: `figures-${suffix}` };
  const { client, document } = createDynamoClients();
  await Promise.all([
    client.send(new CreateTableCommand(createTableInput(tables.surveys, names.surveys))),
    client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures))),
  ]);
  const env = {
    ...process.env,
    ...options.env,
    [tables.surveys.envVar]: names.surveys,
    [tables.figures.envVar]: names.figures,
    ...(options.complaintsTable && { [tables.complaints.envVar]: options.complaintsTable }),
  };
  const policy: SurveyPolicy = { ...surveyPolicy, ...options.policy };
  const logger = options.logger ?? createLogger('surveys-test');
  const handler = surveysApiHandlerFromEnvironment({ clock: options.clock, logger, policy, env });
  const campaignJob = surveyCampaignHandlerFromEnvironment({ logger, policy, env });
  const consumer = surveyEventsHandlerFromEnvironment({ logger, policy, env });
  const outboxStream = await openOutboxStream({
    tableName: names.surveys,
    publisher: createEventPublisher({ busName: readEventBusName(env), context: surveysManifest.name }),
    logger,
  });

  return {
    invoke: outboxStream.after(invokeApi(handler)),
    document,
    tableNames: names,
    /** The environment the functions read (their tables, the bus). */
    env,
    /** The surveys table's stream relay, drained after each request, job run and delivery. */
    outboxStream,
    /** Runs the campaign job as the schedule would, at the clock's time (or `now`). */
    runJob: outboxStream.after((now: Date = options.clock.now()) => campaignJob(jobEvent('survey-campaign', now), lambdaContext())),
    /** Delivers one event to the complaint.resolved consumer, as the rule would. */
    deliver: outboxStream.after(async (event: unknown) => (await consumer(event, lambdaContext())).outcome),
  };
};
