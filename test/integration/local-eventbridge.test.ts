import { randomUUID } from 'node:crypto';
import {
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventBus } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';

// Created exactly as a function creates it: the endpoint comes from AWS_ENDPOINT_URL_EVENTBRIDGE.
const client = new EventBridgeClient({});
afterAll(() => client.destroy());

const eventsFile = () => localPaths(inject('localStack').root).events;

/** An entry whose detail carries a marker, so this test finds its own events among everyone's. */
const entry = (marker: string, overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: eventBus.source,
  DetailType: 'ComplaintReceived',
  Detail: JSON.stringify({ marker, complaintId: 'cmp_01TEST' }),
  EventBusName: process.env.EVENT_BUS_NAME,
  ...overrides,
});

const publishedWith = (marker: string) => readPublishedEvents(eventsFile()).filter((event) => event.detail.marker === marker);

const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => error,
  );

describe('the local EventBridge', () => {
  it('is where the stack points functions: its bus name and endpoint are in their environment', () => {
    // Assess
    expect(process.env.EVENT_BUS_NAME).toBe(eventBus.localName);
    expect(process.env.AWS_ENDPOINT_URL_EVENTBRIDGE).toBe(inject('localStack').endpoints.eventbridge);
  });

  it('accepts PutEvents from the unchanged SDK client and writes each event in the EventBridge envelope', async () => {
    // Prepare
    const marker = randomUUID();

    // Act
    const later = entry(marker, { DetailType: 'SlaBreached', Time: new Date('2025-03-01T12:00:00Z') });
    const result = await client.send(new PutEventsCommand({ Entries: [entry(marker), later] }));

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const ids = result.Entries?.map((e) => e.EventId);
    const events = publishedWith(marker);
    expect(events.map((event) => event.id)).toEqual(ids);
    expect(events[0]).toEqual({
      version: '0',
      id: ids?.[0],
      'detail-type': 'ComplaintReceived',
      source: eventBus.source,
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      region: 'us-east-1',
      resources: [],
      detail: { marker, complaintId: 'cmp_01TEST' },
    });
    expect(events[1]).toMatchObject({ 'detail-type': 'SlaBreached', time: '2025-03-01T12:00:00Z' });
  });

  it('accepts the bus by its ARN too', async () => {
    // Prepare
    const marker = randomUUID();
    const arn = `arn:aws:events:us-east-1:000000000000:event-bus/${eventBus.localName}`;

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [entry(marker, { EventBusName: arn })] }));

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(publishedWith(marker)).toHaveLength(1);
  });

  it('fails bad entries one by one, as AWS does, and keeps only the good ones', async () => {
    // Prepare
    const marker = randomUUID();
    const entries = [
      entry(marker),
      entry(marker, { Source: undefined }),
      entry(marker, { DetailType: undefined }),
      entry(marker, { Detail: '{"not json' }),
      entry(marker, { Detail: '["an array"]' }),
      entry(marker, { EventBusName: 'another-bus' }),
      entry(marker, { EventBusName: undefined }),
    ];

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: entries }));

    // Assess
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.slice(1).map((e) => [e.ErrorCode, e.ErrorMessage])).toEqual([
      ['InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
      ['InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
      ['MalformedDetail', 'Detail is malformed.'],
      ['MalformedDetail', 'Detail is malformed.'],
      ['ResourceNotFoundException', 'Event bus another-bus does not exist.'],
      ['ResourceNotFoundException', 'Event bus default does not exist.'],
    ]);
    expect(publishedWith(marker).map((event) => event.id)).toEqual([result.Entries?.[0]?.EventId]);
  });

  it.each([
    { name: 'no entries', count: 0 },
    { name: 'more than 10 entries', count: 11 },
  ])('refuses a request with $name as a whole', async ({ count }) => {
    // Prepare
    const marker = randomUUID();

    // Act
    const entries = Array.from({ length: count }, () => entry(marker));
    const error = await errorOf(client.send(new PutEventsCommand({ Entries: entries })));

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(publishedWith(marker)).toEqual([]);
  });

  it('refuses a request in which no entry has Source, DetailType and Detail', async () => {
    // Act
    const error = await errorOf(client.send(new PutEventsCommand({ Entries: [{ Source: eventBus.source }] })));

    // Assess
    expect(error.name).toBe('ValidationException');
  });

  it('answers any other operation with UnknownOperationException (400)', async () => {
    // Act
    const error = await errorOf(client.send(new ListRulesCommand({})));

    // Assess
    expect(error.name).toBe('UnknownOperationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/PutEvents only/);
  });

  it('answers a request that is not the JSON protocol with a JSON error, not a crash', async () => {
    // Act
    const response = await fetch(inject('localStack').endpoints.eventbridge, { method: 'GET' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
