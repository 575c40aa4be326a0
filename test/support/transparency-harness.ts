import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { createOutbox, createOutboxRelay } from '#shared/events/outbox.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import type { EventEnvelope } from '#infra/local/eventbridge.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { privacyPolicyQueryFromEnvironment } from '#shared/transparency/index.ts';
import { createPolicyStore } from '#shared/transparency/store/policy-store.ts';
import { transparencyOutboxRelayHandlerFromEnvironment, TRANSPARENCY_OUTBOX_RELAY_JOB } from '#shared/transparency/wiring/outbox-relay.ts';
import { transparencyApiHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-api.ts';
import { invokeApi, lambdaContext } from './events.ts';
import { openOutboxStream } from './outbox-stream.ts';

/**
 * The transparency function wired as its handler module wires it, on transparency and figures
 * tables of its own. The table's stream relay (test/support/outbox-stream.ts), drained after each
 * request, keeps its announcements (`published`) instead of putting them on the local bus; with
 * `failingBus` the bus refuses them, so that they stay in the outbox for the scheduled relay.
 */
export const createTransparencyHarness = async (options: { clock: Clock; minNoticeDays?: number; failingBus?: boolean }) => {
  const suffix = randomUUID().slice(0, 8);
  const names = { transparency: `transparency-${suffix}`, figures: `figures-${suffix}` };
  const { client, document } = createDynamoClients();
  await Promise.all([
    client.send(new CreateTableCommand(createTableInput(tables.transparency, names.transparency))),
    client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures))),
  ]);
  const env = {
    ...process.env,
    [tables.transparency.envVar]: names.transparency,
    [tables.figures.envVar]: names.figures,
    ...(options.minNoticeDays !== undefined && { PRIVACY_POLICY_MIN_NOTICE_DAYS: String(options.minNoticeDays) }),
  };
  const published: PublishableEvent[] = [];
  let busUp = !options.failingBus;
  const publisher = {
    publish: async (batch: readonly PublishableEvent[]) => {
      if (!busUp) throw new Error('The bus is down');
      published.push(...batch);
    },
  };
  const logger = createLogger('transparency-test');
  const outbox = createOutbox({ db: document, tableName: names.transparency });
  const outboxRelay = createOutboxRelay({ db: document, tableName: names.transparency, publisher, logger });
  const outboxStream = await openOutboxStream({ tableName: names.transparency, publisher, logger });
  const query = privacyPolicyQueryFromEnvironment(document, env);
  return {
    names,
    store: createPolicyStore({ db: document, tableName: names.transparency }),
    published,
    /** The transparency table's stream relay, drained after each request. */
    outboxStream,
    invoke: outboxStream.after(invokeApi(transparencyApiHandlerFromEnvironment({ env, clock: options.clock, outbox }))),
    /** What the transparency report reads. */
    query,
    acknowledgementsByVersion: () => query.acknowledgementsByVersion(),
    /** The scheduled relay at `now`, with the bus as it is then. */
    relay: (now: Date) => outboxRelay.relay(now),
    /** The relay function itself (its own publisher on the local bus), at `now`. */
    relayFunction: (now: Date) =>
      transparencyOutboxRelayHandlerFromEnvironment({ logger, env })(jobEvent(TRANSPARENCY_OUTBOX_RELAY_JOB, now), lambdaContext()),
    /** The published events as EventBridge delivers them to the notifications queue (and forgets them here). */
    envelopes: (): EventEnvelope[] =>
      published.splice(0).map((event) => ({
        version: '0',
        id: randomUUID(),
        source: 'user-protection.transparency',
        'detail-type': event.type,
        account: '000000000000',
        time: event.at,
        region: 'eu-central-1',
        resources: [],
        detail: event.detail,
      })),
    setBus: (up: boolean) => {
      busUp = up;
    },
  };
};
export type TransparencyHarness = Awaited<ReturnType<typeof createTransparencyHarness>>;
