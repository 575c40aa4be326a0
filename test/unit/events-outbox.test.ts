import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { dueCondition, OUTBOX_GRACE_MS, OUTBOX_SHARDS, outboxShardOf, stageEvents, toPublishable } from '#shared/events/outbox.ts';
import { nextAttemptAt } from '#shared/events/outbox-relay.ts';

const at = new Date('2026-05-04T10:00:00.000Z');
const events = [
  { type: 'moderation.decision-taken', at: at.toISOString(), detail: { caseId: 'case_1', action: 'remove' } },
  { type: 'content-review.decided', at: at.toISOString(), detail: { reviewId: 'rev_1', status: 'rejected' } },
];

describe('stageEvents', () => {
  it('writes nothing for a change without events', () => {
    // Act
    const staged = stageEvents([], { tableName: 'moderation', id: 'CHANGE', at });

    // Assess
    expect(staged).toEqual({ events: [], items: [] });
  });

  it("puts all of a change's events in one new item of a shard, each with a stable id", () => {
    // Act
    const staged = stageEvents(events, { tableName: 'moderation', id: '01JTESTCHANGE', at });
    const again = stageEvents(events, { tableName: 'moderation', id: '01JTESTCHANGE', at });

    // Assess
    expect(staged.items).toHaveLength(1);
    expect(staged.key).toEqual({ pk: `OUTBOX#${outboxShardOf('01JTESTCHANGE')}`, sk: '2026-05-04T10:00:00.000Z#01JTESTCHANGE' });
    expect(staged.items[0]).toEqual({
      Put: {
        TableName: 'moderation',
        Item: { ...staged.key, entity: 'outbox', writtenAt: at.toISOString(), events: staged.events },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    expect(staged.events.map((e) => e.eventId)).toEqual(['01JTESTCHANGE:0', '01JTESTCHANGE:1']);
    expect(staged.events.map(({ eventId: _id, ...event }) => event)).toEqual(events);
    expect(again).toEqual(staged);
  });
});

describe('outboxShardOf', () => {
  it('spreads change ids over every shard', () => {
    // Prepare
    const ulid = monotonicFactory();
    const ids = Array.from({ length: 2000 }, () => ulid(at.getTime()));

    // Act
    const perShard = new Array<number>(OUTBOX_SHARDS).fill(0);
    for (const id of ids) perShard[outboxShardOf(id)]! += 1;

    // Assess
    for (const count of perShard) expect(count).toBeGreaterThan(2000 / OUTBOX_SHARDS / 2);
  });
});

describe('dueCondition', () => {
  it('takes what was written before the grace period, not what was written at its edge or later', () => {
    // Prepare
    const now = new Date(at.getTime() + OUTBOX_GRACE_MS);
    const sk = (written: Date) => `${written.toISOString()}#01JTESTCHANGE`;

    // Act
    const { ExpressionAttributeValues: values, KeyConditionExpression } = dueCondition(2, now);
    const due = (written: Date) => sk(written) < values[':cutoff'];

    // Assess
    expect(KeyConditionExpression).toBe('pk = :pk AND sk < :cutoff');
    expect(values[':pk']).toBe('OUTBOX#2');
    expect(due(new Date(at.getTime() - 1))).toBe(true);
    expect(due(at)).toBe(false);
    expect(due(new Date(at.getTime() + 1))).toBe(false);
  });
});

describe('toPublishable', () => {
  it('carries the event id in the detail', () => {
    // Act
    const [published] = toPublishable(stageEvents(events, { tableName: 't', id: 'X', at }).events);

    // Assess
    expect(published).toEqual({ type: events[0]!.type, at: events[0]!.at, detail: { ...events[0]!.detail, eventId: 'X:0' } });
  });
});

describe('nextAttemptAt', () => {
  it('waits twice as long after each refused attempt of the relay, an hour at most', () => {
    // Act
    const pauses = [1, 2, 3, 4, 7, 12].map((attempts) => (Date.parse(nextAttemptAt(at, attempts)) - at.getTime()) / 60_000);

    // Assess
    expect(pauses).toEqual([1, 2, 4, 8, 60, 60]);
  });
});
