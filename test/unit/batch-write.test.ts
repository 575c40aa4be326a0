import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchWrite, deleteRequest, putRequest } from '#shared/aws/batch-write.ts';

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
