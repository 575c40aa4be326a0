import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localClientConfig } from '#infra/local/aws.ts';
import { createHandlerLoader, type HandlerLoader, type LambdaHandler } from '#infra/local/lambda.ts';
import { localPaths } from '#infra/local/paths.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from '#infra/local/stream-poller.ts';
import { stageEvents } from '#shared/events/outbox.ts';
import { tokenFor } from '../support/tokens.ts';

/**
 * The local stand-in for Lambda's DynamoDB stream event source mapping, on a stack of its own
 * whose outboxes nobody else relays (`relayOutboxes: false`): each test starts its own poller.
 * The tests that need one batch holding every record write them before the poller first reads,
 * each on a table of its own, read from the stream's start.
 */

const waitLong = { timeout: 10_000, interval: 20 };

/** The outbox items' sort keys in each batch a handler received. */
const sortKeysOf = (event: DynamoDBStreamEvent) => event.Records.map((record: DynamoDBRecord) => record.dynamodb?.NewImage?.sk?.S ?? '');

/** A loader whose handler records each batch's sort keys, then answers with `answer`. */
const recordingLoader = (answer: (event: DynamoDBStreamEvent, call: number, context: Context) => Promise<unknown>) => {
  const batches: string[][] = [];
  const handler: LambdaHandler = async (event, context) => {
    batches.push(sortKeysOf(event as DynamoDBStreamEvent));
    return answer(event as DynamoDBStreamEvent, batches.length, context);
  };
  const loadHandler: HandlerLoader = async () => handler;
  return { batches, loadHandler };
};

describe('the local stream poller: the outbox tables’ streams fed to their relay functions', () => {
  const root = mkdtempSync(join(tmpdir(), 'upp-stream-poller-'));
  let stack: LocalStack;
  let dynamodb: DynamoDBClient;
  let document: DynamoDBDocumentClient;
  const pollers: StreamPoller[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({
      apiPort: 0,
      dynamodbPort: 0,
      sqsPort: 0,
      eventBridgePort: 0,
      schedule: false,
      pollQueues: false,
      relayOutboxes: false,
      persist: false,
      root,
    });
    dynamodb = new DynamoDBClient(localClientConfig(stack.endpoints.dynamodb));
    document = DynamoDBDocumentClient.from(dynamodb);
  });

  afterAll(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    dynamodb?.destroy();
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const startPoller = async (options: Partial<StreamPollerOptions> & Pick<StreamPollerOptions, 'loadHandler' | 'only' | 'from'>) => {
    const poller = await startStreamPoller({ dynamodb, endpoint: stack.endpoints.dynamodb, ...options });
    pollers.push(poller);
    return poller;
  };

  /** Writes a change's outbox item (as `commitChange` does) and returns its key. */
  const writeOutboxItem = async (tableName: string, detail: Record<string, unknown>, held = false) => {
    const staged = stageEvents([{ type: 'complaint.received', at: new Date().toISOString(), detail }], { tableName, id: randomUUID(), at: new Date(), held });
    await document.send(new TransactWriteCommand({ TransactItems: staged.items }));
    return staged.key!;
  };

  const itemOf = async (tableName: string, key: { pk: string; sk: string }) =>
    (await document.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  it('starts no relay of its own when relayOutboxes is false', () => {
    // Assess
    expect(stack.outboxRelays).toEqual([]);
  });

  it('hands an inserted outbox item to the relay function once: its events are on the local bus and the item is deleted', async () => {
    // Prepare: the real relay handler, each batch recorded
    const realLoader = createHandlerLoader();
    const { batches, loadHandler } = recordingLoader(async (event, _call, context) => (await realLoader('customerServiceOutboxStream'))(event, context));
    const poller = await startPoller({ loadHandler, only: ['customerServiceOutboxStream'], from: 'end' });
    const complaintId = randomUUID();

    // Act
    const key = await writeOutboxItem('complaints', { complaintId });

    // Assess: published and deleted
    const eventsFile = localPaths(root).events;
    await vi.waitFor(async () => {
      expect(await itemOf('complaints', key)).toBeUndefined();
      expect(readPublishedEvents(eventsFile).some((e) => e.detail.complaintId === complaintId)).toBe(true);
    }, waitLong);
    // Once: a later item is delivered after it, and it was not delivered again
    const later = await writeOutboxItem('complaints', { complaintId: randomUUID() });
    await vi.waitFor(() => expect(poller.stats('customerServiceOutboxStream')?.succeeded).toBe(2), waitLong);
    expect(batches.flat()).toEqual([key.sk, later.sk]);
    expect(await itemOf('complaints', later)).toBeUndefined();
    expect(readPublishedEvents(eventsFile).filter((e) => e.detail.complaintId === complaintId)).toEqual([
      expect.objectContaining({ 'detail-type': 'complaint.received', source: 'user-protection.customer-service' }),
    ]);
    expect(poller.mappings).toEqual([{ name: 'customerServiceOutboxStream', table: 'complaints' }]);
    expect(poller.stats('customerServiceOutboxStream')).toMatchObject({ received: 2, succeeded: 2, failed: 0, dropped: 0, errors: 0 });
    await poller.stop();
  });

  it('passes by what is not an inserted outbox item: other items, their updates, held outbox items', async () => {
    // Prepare
    const { batches, loadHandler } = recordingLoader(async () => ({ batchItemFailures: [] }));
    const poller = await startPoller({ loadHandler, only: ['customerServiceOutboxStream'], from: 'end' });
    const other = { pk: `COMPLAINT#${randomUUID()}`, sk: 'META' };

    // Act: an item, its update and a held outbox item, then an outbox item that marks the end
    await document.send(new PutCommand({ TableName: 'complaints', Item: { ...other, entity: 'complaint', status: 'open' } }));
    await document.send(
      new UpdateCommand({ TableName: 'complaints', Key: other, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'closed' } }),
    );
    const held = await writeOutboxItem('complaints', { complaintId: randomUUID() }, true);
    const marker = await writeOutboxItem('complaints', { complaintId: randomUUID() });

    // Assess: the marker alone reached the handler
    await vi.waitFor(() => expect(batches.flat()).toContain(marker.sk), waitLong);
    expect(batches.flat()).toEqual([marker.sk]);
    expect(await itemOf('complaints', held)).toBeDefined();
    await poller.stop();
  });

  it('delivers again, on the next poll, the records from the first one the handler names as failed', async () => {
    // Prepare: three items in one batch; the handler fails the second one the first time
    const keys = [];
    for (const n of [1, 2, 3]) keys.push(await writeOutboxItem('surveys', { n }));
    const sks = keys.map((key) => key.sk);
    const { batches, loadHandler } = recordingLoader(async (event, call) => {
      const second = event.Records.find((record) => record.dynamodb?.NewImage?.sk?.S === sks[1]);
      return { batchItemFailures: call === 1 && second ? [{ itemIdentifier: second.dynamodb!.SequenceNumber! }] : [] };
    });
    const log = vi.fn();

    // Act
    const poller = await startPoller({ loadHandler, only: ['surveysOutboxStream'], from: 'start', log });

    // Assess
    await vi.waitFor(() => expect(batches).toHaveLength(2), waitLong);
    expect(batches).toEqual([sks, sks.slice(1)]);
    expect(poller.stats('surveysOutboxStream')).toMatchObject({ batches: 2, received: 3, succeeded: 3, failed: 2, dropped: 0 });
    expect(log).toHaveBeenCalledWith({ msg: 'outbox records failed', relay: 'surveysOutboxStream', failed: 2, of: 3 });
  });

  it('delivers a batch again when the handler throws, then drops it after the last attempt and leaves its items in the table', async () => {
    // Prepare: a handler that always throws
    const keys = [await writeOutboxItem('transparency', { n: 1 }), await writeOutboxItem('transparency', { n: 2 })];
    const { batches, loadHandler } = recordingLoader(async () => {
      throw Object.assign(new Error('the bus is down'), { name: 'EventPublishError' });
    });
    const log = vi.fn();

    // Act
    const poller = await startPoller({ loadHandler, only: ['transparencyOutboxStream'], from: 'start', maxAttempts: 2, log });

    // Assess: two deliveries of the whole batch, then none
    await vi.waitFor(() => expect(poller.stats('transparencyOutboxStream')?.dropped).toBe(2), waitLong);
    const sks = keys.map((key) => key.sk);
    expect(batches).toEqual([sks, sks]);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ msg: 'outbox relay failed', relay: 'transparencyOutboxStream', errorName: 'EventPublishError' }));
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ relay: 'transparencyOutboxStream', table: 'transparency', dropped: 2, attempts: 2 }));
    // The scheduled relay publishes them later, as it does after the on-failure destination in AWS.
    for (const key of keys) expect(await itemOf('transparency', key)).toBeDefined();
  });

  it("cuts what the stream holds into batches of the relay's batchSize (100)", async () => {
    // Prepare: 101 outbox items, written before the first read
    const items = Array.from({ length: 101 }, (_, i) => ({ pk: 'OUTBOX#0', sk: `2026-01-01T00:00:00.000Z#${String(i).padStart(3, '0')}`, entity: 'outbox', events: [] }));
    for (let i = 0; i < items.length; i += 25) {
      await document.send(new BatchWriteCommand({ RequestItems: { moderation: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const { batches, loadHandler } = recordingLoader(async () => ({ batchItemFailures: [] }));

    // Act
    await startPoller({ loadHandler, only: ['moderationOutboxStream'], from: 'start' });

    // Assess
    await vi.waitFor(() => expect(batches.flat()).toHaveLength(101), waitLong);
    expect(batches.map((batch) => batch.length)).toEqual([100, 1]);
    expect(batches.flat()).toEqual(items.map((item) => item.sk));
  });

  it('stops cleanly: stop() waits for the invocation in flight, and nothing is delivered after it', async () => {
    // Prepare: a handler held until the test releases it
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { batches, loadHandler } = recordingLoader(async () => (await held, { batchItemFailures: [] }));
    const poller = await startPoller({ loadHandler, only: ['customerServiceOutboxStream'], from: 'end' });
    await writeOutboxItem('complaints', { n: 1 });
    await vi.waitFor(() => expect(batches).toHaveLength(1), waitLong);

    // Act
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stoppedWhileHeld = stopped;
    release();
    await stopping;

    // Assess
    expect(stoppedWhileHeld).toBe(false);
    expect(stopped).toBe(true);
    expect(poller.stats('customerServiceOutboxStream')).toMatchObject({ batches: 1, succeeded: 1, errors: 0 });
    expect(batches).toHaveLength(1);
  });
});

describe('the shared stack of the integration tests', () => {
  it("relays the outbox tables' streams: a request's events reach the local bus moments after it answers", async () => {
    // Prepare
    const { endpoints, root } = inject('localStack');

    // Act
    const filed = await fetch(`${endpoints.api}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(`stream-${randomUUID()}`)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app', category: 'other', subject: 'Streamed?', description: 'Its event comes from the stream' }),
    });
    const { id } = (await filed.json()) as { id: string };

    // Assess
    expect(filed.status).toBe(201);
    await vi.waitFor(
      () => expect(readPublishedEvents(localPaths(root).events).filter((e) => e.detail.complaintId === id).map((e) => e['detail-type'])).toEqual(['complaint.received']),
      waitLong,
    );
  });
});
