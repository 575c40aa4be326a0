import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createOutbox, createOutboxRelay, releaseQuarantined } from '#shared/events/outbox.ts';
import { OUTBOX_MAX_ATTEMPTS, OUTBOX_QUARANTINED_METRIC, QUARANTINE_PARTITION } from '#shared/events/outbox-relay.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { metrics } from '#shared/observability/metrics.ts';

/**
 * The outbox relay on DynamoDB Local, with a bus that refuses the events of one change: the
 * others are published, the refused one is tried again after a growing pause, and quarantined
 * after its last attempt, until an operator releases it.
 */

const MINUTE = 60_000;
const written = new Date('2026-05-04T10:00:00.000Z');
const { client, document } = createDynamoClients();
let tableName: string;

beforeAll(async () => {
  tableName = `outbox-relay-${randomUUID().slice(0, 8)}`;
  await client.send(new CreateTableCommand(createTableInput(tables.moderation, tableName)));
});

/** A bus that refuses any batch holding an event about `refusedCase`, and records what it took. */
const busRefusing = (refusedCase: string) => {
  const published: PublishableEvent[] = [];
  return {
    published,
    publisher: {
      publish: async (events: readonly PublishableEvent[]) => {
        if (events.some((event) => event.detail.caseId === refusedCase)) throw Object.assign(new Error('refused'), { name: 'EventPublishError' });
        published.push(...events);
      },
    },
  };
};

const outboxWith = (publisher: { publish: (events: readonly PublishableEvent[]) => Promise<void> }) =>
  createOutboxRelay({ db: document, tableName, publisher, logger: { warn: () => undefined }, graceMs: MINUTE });

/** Three changes' events left in the outbox, as requests whose publish failed leave them. */
const leaveInOutbox = async (caseIds: string[]) => {
  const outbox = createOutbox({ db: document, tableName });
  for (const caseId of caseIds) {
    const staged = outbox.stage([{ type: 'moderation.case-opened', at: written.toISOString(), detail: { caseId } }], written);
    await document.send(new TransactWriteCommand({ TransactItems: staged.items }));
  }
};

const partition = async (pk: string) =>
  ((await document.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }))).Items ?? []) as Array<Record<string, unknown>>;

const outboxItemsAbout = async (caseId: string) => {
  const shards = await Promise.all([0, 1, 2, 3].map((shard) => partition(`OUTBOX#${shard}`)));
  return shards.flat().filter((item) => JSON.stringify(item.events).includes(caseId));
};

describe('the outbox relay, when the bus refuses one change', () => {
  it('publishes the others, records the attempts with a growing pause, quarantines after the last one and releases on demand', async () => {
    // Prepare
    const [good1, bad, good2] = [`case-${randomUUID()}`, `case-${randomUUID()}`, `case-${randomUUID()}`];
    await leaveInOutbox([good1, bad, good2]);
    const bus = busRefusing(bad);
    const relay = outboxWith(bus.publisher);
    const addMetric = vi.spyOn(metrics, 'addMetric');

    // Act: the first run, a run during the pause, then a run at each next attempt time.
    let now = new Date(written.getTime() + 2 * MINUTE);
    const first = await relay.relay(now);
    const [afterFirst] = await outboxItemsAbout(bad);
    const duringPause = await relay.relay(new Date(now.getTime() + MINUTE / 2));
    const reports = [];
    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt += 1) {
      const [item] = await outboxItemsAbout(bad);
      now = new Date(item!.nextAttemptAt as string);
      reports.push(await relay.relay(now));
    }
    const leftInShards = await outboxItemsAbout(bad);
    const quarantined = await partition(QUARANTINE_PARTITION);
    const afterQuarantine = await relay.relay(new Date(now.getTime() + 24 * 60 * MINUTE));
    const released = await releaseQuarantined({ db: document, tableName });
    const [back] = await outboxItemsAbout(bad);
    const working = busRefusing('none');
    const afterRelease = await outboxWith(working.publisher).relay(new Date(now.getTime() + 24 * 60 * MINUTE));

    // Assess: the others went out at the first run; the refused one waited its turn.
    expect(first).toMatchObject({ changes: 2, events: 2, failed: 1, quarantined: 0 });
    expect(bus.published.map((event) => event.detail.caseId).sort()).toEqual([good1, good2].sort());
    expect(afterFirst).toMatchObject({ attempts: 1, nextAttemptAt: new Date(written.getTime() + 3 * MINUTE).toISOString(), lastErrorName: 'EventPublishError' });
    expect(duringPause).toMatchObject({ changes: 0, failed: 0, waiting: 1 });
    // Each pause doubles the one before.
    expect(reports.slice(0, -1).every((report) => report.failed === 1)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ failed: 0, quarantined: 1 });
    expect(addMetric).toHaveBeenCalledWith(OUTBOX_QUARANTINED_METRIC, 'Count', 1);
    // Quarantined: out of the shards, never tried again, until released.
    expect(leftInShards).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ attempts: OUTBOX_MAX_ATTEMPTS, lastErrorName: 'EventPublishError' });
    expect(afterQuarantine).toMatchObject({ changes: 0, failed: 0, quarantined: 0, waiting: 0 });
    expect(released).toBe(1);
    expect(back).not.toHaveProperty('attempts');
    expect(back).not.toHaveProperty('nextAttemptAt');
    expect(afterRelease).toMatchObject({ changes: 1, events: 1 });
    expect(working.published.map((event) => event.detail.caseId)).toEqual([bad]);
    expect(await partition(QUARANTINE_PARTITION)).toEqual([]);
  });

});
