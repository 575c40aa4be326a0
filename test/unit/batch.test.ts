import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchGet, batchWrite, deleteRequest, putRequest } from '#shared/aws/batch.ts';

/** A client that leaves the first `throttled` requests' last item unprocessed, as DynamoDB does under throttling. */
const throttlingClient = (throttled: number) => {
  const sent: unknown[][] = [];
  const client = {
    send: async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
      const items = command.input.RequestItems.table!;
      sent.push(items);
      return sent.length <= throttled ? { UnprocessedItems: { table: items.slice(-1) } } : { UnprocessedItems: {} };
    },
  };
  return { db: client as unknown as DynamoDBDocumentClient, sent };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('batchWrite', () => {
  it('sends 25 requests at a time and resends what was left unprocessed', async () => {
    // Prepare
    const { db, sent } = throttlingClient(1);
    const requests = Array.from({ length: 30 }, (_, i) => (i % 2 ? putRequest({ pk: `p${i}` }) : deleteRequest({ pk: `p${i}` })));

    // Act
    await batchWrite(db, 'table', requests);

    // Assess
    expect(sent.map((batch) => batch.length)).toEqual([25, 1, 5]);
    expect(sent[1]).toEqual([requests[24]]);
  });

  it('gives up with an error when DynamoDB keeps leaving items unprocessed', async () => {
    // Prepare: the pauses between attempts (seconds in all) pass on fake timers
    vi.useFakeTimers();
    const { db, sent } = throttlingClient(Number.POSITIVE_INFINITY);

    // Act
    const outcome = batchWrite(db, 'table', [deleteRequest({ pk: 'a' })]);
    const assessed = expect(outcome).rejects.toThrow('left unprocessed');
    await vi.runAllTimersAsync();

    // Assess
    await assessed;
    expect(sent).toHaveLength(8);
  });
});

describe('batchGet', () => {
  it('asks for 100 keys at a time and again for the keys left unread', async () => {
    // Prepare: the first request leaves its last key unread, as DynamoDB does under throttling
    const sent: Array<Array<{ pk: string }>> = [];
    const db = {
      send: async (command: { input: { RequestItems: Record<string, { Keys: Array<{ pk: string }> }> } }) => {
        const keys = command.input.RequestItems.table!.Keys;
        sent.push(keys);
        const unread = sent.length === 1 ? keys.slice(-1) : [];
        return { Responses: { table: keys.filter((k) => !unread.includes(k)).map((k) => ({ ...k, found: true })) }, UnprocessedKeys: { table: { Keys: unread } } };
      },
    } as unknown as DynamoDBDocumentClient;
    const keys = Array.from({ length: 130 }, (_, i) => ({ pk: `p${i}` }));

    // Act
    const items = await batchGet(db, 'table', keys);

    // Assess
    expect(sent.map((batch) => batch.length)).toEqual([100, 1, 30]);
    expect(items.map((item) => item.pk).sort()).toEqual(keys.map((k) => k.pk).sort());
  });
});
