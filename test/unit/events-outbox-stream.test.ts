import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createOutbox } from '#shared/events/outbox.ts';
import { createOutboxStreamRelay, groupsOf, isOutboxInsert } from '#shared/events/outbox-stream.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';

const at = '2026-05-04T10:00:00.000Z';
let sequence = 100;

/** A stream record of an item written to an outbox table, as Lambda delivers it. */
const record = (item: Record<string, unknown>, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord => ({
  eventName,
  dynamodb: { SequenceNumber: String(sequence++), NewImage: marshall(item) as never },
});

/** An inserted outbox item of the change `id`, with `count` events. */
const outboxItem = (id: string, count = 1) => ({
  pk: 'OUTBOX#1',
  sk: `${at}#${id}`,
  entity: 'outbox',
  writtenAt: at,
  events: Array.from({ length: count }, (_, i) => ({ eventId: `${id}:${i}`, type: 'complaint.received', at, detail: { complaintId: id } })),
});

const fakeDb = () => {
  const commands: Array<{ name: string; input: Record<string, unknown> }> = [];
  const send = vi.fn(async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    commands.push({ name: command.constructor.name, input: command.input });
    return {};
  });
  return { commands, db: { send } };
};

describe('isOutboxInsert', () => {
  it.each([
    ['an inserted outbox item', record(outboxItem('c1')), true],
    ['an outbox item updated by the scheduled relay', record(outboxItem('c1'), 'MODIFY'), false],
    ['a held outbox item', record({ ...outboxItem('c1'), entity: 'outbox-held' }), false],
    ['a quarantined outbox item', record({ ...outboxItem('c1'), entity: 'outbox-quarantined' }), false],
    ['a complaint', record({ pk: 'COMPLAINT#c1', sk: 'COMPLAINT', entity: 'complaint' }), false],
  ])('takes %s: %s', (_name, streamRecord, taken) => {
    // Assess
    expect(isOutboxInsert(streamRecord)).toBe(taken);
  });
});

describe('groupsOf', () => {
  it('keeps the stream order and fills each group up to the 10 events of one PutEvents call', () => {
    // Prepare: 4 + 5 events fit one call, the next 3 would not.
    const records = [record(outboxItem('a', 4)), record({ pk: 'COMPLAINT#x', sk: 'COMPLAINT', entity: 'complaint' }), record(outboxItem('b', 5)), record(outboxItem('c', 3)), record(outboxItem('d', 10)), record(outboxItem('e', 1))];

    // Act
    const groups = groupsOf(records);

    // Assess
    expect(groups.map((group) => group.map(({ item }) => item.sk.split('#')[1]))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });
});

describe('the outbox stream relay', () => {
  it('publishes each group of events with their ids and deletes their items, passing other records by', async () => {
    // Prepare
    const { db, commands } = fakeDb();
    const published: PublishableEvent[][] = [];
    const relay = createOutboxStreamRelay({ db: db as never, tableName: 'complaints', publisher: { publish: async (events) => void published.push([...events]) }, logger: { warn: vi.fn() } });

    // Act
    const answer = await relay({ Records: [record(outboxItem('a', 6)), record(outboxItem('a2'), 'MODIFY'), record(outboxItem('b', 6))] });

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(published.map((events) => events.map((e) => e.detail.eventId))).toEqual([
      ['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'a:5'],
      ['b:0', 'b:1', 'b:2', 'b:3', 'b:4', 'b:5'],
    ]);
    expect(commands.map(({ name, input }) => [name, JSON.stringify(input.RequestItems)])).toEqual([
      ['BatchWriteCommand', JSON.stringify({ complaints: [{ DeleteRequest: { Key: { pk: 'OUTBOX#1', sk: `${at}#a` } } }] })],
      ['BatchWriteCommand', JSON.stringify({ complaints: [{ DeleteRequest: { Key: { pk: 'OUTBOX#1', sk: `${at}#b` } } }] })],
    ]);
  });

  it('names the failed group and every later record, so that Lambda retries from there; their items stay', async () => {
    // Prepare: the bus takes the first call and refuses the second.
    const { db, commands } = fakeDb();
    const publish = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValue(Object.assign(new Error('down'), { name: 'EventPublishError' }));
    const warn = vi.fn();
    const relay = createOutboxStreamRelay({ db: db as never, tableName: 'complaints', publisher: { publish }, logger: { warn } });
    const records = [record(outboxItem('a', 10)), record(outboxItem('b', 10)), record(outboxItem('c', 1))];

    // Act
    const answer = await relay({ Records: records });

    // Assess
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([records[1]!.dynamodb!.SequenceNumber, records[2]!.dynamodb!.SequenceNumber]);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(commands).toHaveLength(1);
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/OUTBOX#|complaintId|"b"/);
  });
});

describe('a held outbox item', () => {
  it('is written under an entity the stream passes by, and released as a new outbox item in its place, in one transaction', async () => {
    // Prepare
    const { db, commands } = fakeDb();
    const outbox = createOutbox({ db: db as never, tableName: 'moderation' });
    const staged = outbox.stageHeld([{ type: 'moderation.notice-received', at, detail: { noticeId: 'ntc_1' } }], new Date(at), 'ntc_1');

    // Act
    await outbox.release(staged);

    // Assess
    const held = (staged.items[0] as { Put: { Item: Record<string, unknown> } }).Put.Item;
    expect(held.entity).toBe('outbox-held');
    expect(commands).toHaveLength(1);
    const [remove, put] = (commands[0]!.input as { TransactItems: Array<Record<string, { Key?: unknown; Item?: Record<string, unknown> }>> }).TransactItems;
    expect(remove!.Delete!.Key).toEqual(staged.key);
    expect(put!.Put!.Item).toEqual({ ...held, sk: `${staged.key!.sk}#released`, entity: 'outbox' });
    expect(isOutboxInsert(record(put!.Put!.Item!))).toBe(true);
    expect(isOutboxInsert(record(held))).toBe(false);
  });
});
