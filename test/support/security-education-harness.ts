import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { createEducationStore } from '#shared/security/store/education-store.ts';
import { EDUCATION_JOB } from '#shared/security/manifest.ts';
import type { AudienceSources } from '#shared/security/use-cases/audience-size.ts';
import { educationApiHandlerFromEnvironment } from '#shared/security/wiring/security-education-api.ts';
import { educationJobHandlerFromEnvironment } from '#shared/security/wiring/security-education-job.ts';
import { invokedViolations } from './contract.ts';
import { invokeApi, lambdaContext } from './events.ts';

/**
 * The security education functions (API and job) wired as their handler modules wire them, on a
 * table of their own. The job's published events are kept (`published`), and `envelopes` turns
 * them into what EventBridge hands the notifications queue; the staff groups' members are the
 * test's (`groups`), unless `realAudienceSources` (the directory and the reported active people).
 */
export const createEducationHarness = async (options: { clock: Clock; realAudienceSources?: boolean }) => {
  const tableName = `security-education-${randomUUID().slice(0, 8)}`;
  const { client, document } = createDynamoClients();
  await client.send(new CreateTableCommand(createTableInput(tables.securityEducation, tableName)));
  const env = { ...process.env, [tables.securityEducation.envVar]: tableName };
  const published: PublishableEvent[] = [];
  const groups = new Map<string, string[]>();
  const audienceSources: AudienceSources = { membersOf: async (group) => groups.get(group) ?? [] };
  const events = { publish: async (batch: readonly PublishableEvent[]) => void published.push(...batch) };
  const job = educationJobHandlerFromEnvironment({ env, events, ...(!options.realAudienceSources && { audienceSources }) });
  const invoke = invokeApi(educationApiHandlerFromEnvironment({ env, clock: options.clock }));

  /** Calls the education function and holds the answer to the OpenAPI contract. */
  const call = async (request: Parameters<typeof invoke>[0]) => {
    const answer = await invoke(request);
    expect(invokedViolations(request, answer)).toEqual([]);
    return answer;
  };

  return {
    tableName,
    store: createEducationStore({ db: document, tableName }),
    published,
    groups,
    call,
    /** A run of the job at `at`, as the schedule would start it. */
    runJob: (at: Date) => job(jobEvent(EDUCATION_JOB, at), lambdaContext()),
    /** The published events as EventBridge delivers them to the notifications queue (and forgets them here). */
    envelopes: (): EventEnvelope[] =>
      published.splice(0).map((event) => ({
        version: '0',
        id: randomUUID(),
        source: 'user-protection.security',
        'detail-type': event.type,
        account: '000000000000',
        time: event.at,
        region: 'eu-central-1',
        resources: [],
        detail: event.detail,
      })),
  };
};
