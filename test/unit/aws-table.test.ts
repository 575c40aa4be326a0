import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConditionFailedError, createTable, TransientConflictError } from '#shared/aws/table.ts';
import { VersionConflictError } from '#shared/errors.ts';

const tableRefusing = (error: unknown) => createTable({ send: async () => Promise.reject(error) } as unknown as DynamoDBDocumentClient, 'table');

/** A table whose client answers each call with the next of `answers` (an Error is thrown), and counts the calls. */
const tableAnswering = (...answers: unknown[]) => {
  const sent: unknown[] = [];
  const db = {
    send: async (command: { input: unknown }) => {
      sent.push(command.input);
      const answer = answers[Math.min(sent.length, answers.length) - 1];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { table: createTable(db as unknown as DynamoDBDocumentClient, 'table'), sent };
};

const cancelled = (...codes: string[]) =>
  Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

const items = [{ Put: { TableName: 'table', Item: { pk: 'marker' } } }, { Update: { TableName: 'table', Key: { pk: 'counter' }, UpdateExpression: 'ADD n :one' } }];

describe('single-item writes of the table helper', () => {
  it('turns a failed condition of a put or an update into a ConditionFailedError on item 0', async () => {
    const table = tableRefusing(Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException' }));
    const put = table.put({ pk: 'a', sk: 'b' }, { ConditionExpression: 'attribute_not_exists(pk)' });
    await expect(put).rejects.toBeInstanceOf(VersionConflictError);
    await expect(put).rejects.toMatchObject({ name: 'ConditionFailedError', failedItems: [0] });
    await expect(table.update({ Key: { pk: 'a', sk: 'b' }, UpdateExpression: 'SET x = :x' })).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('lets any other failure through as it is', async () => {
    const failure = Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    await expect(tableRefusing(failure).put({ pk: 'a', sk: 'b' })).rejects.toBe(failure);
  });

  it('tries a put again while a transaction holds the item', async () => {
    const held = Object.assign(new Error('held'), { name: 'TransactionConflictException' });
    const { table, sent } = tableAnswering(held, held, {});

    await table.put({ pk: 'a', sk: 'b' });

    expect(sent).toHaveLength(3);
  });
});

describe('transactions of the table helper', () => {
  it('names the items whose condition failed, and only those', async () => {
    const { table } = tableAnswering(cancelled('None', 'TransactionConflict', 'ConditionalCheckFailed'));

    const error = await table.transact(items).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as ConditionFailedError).failedItems).toEqual([2]);
    expect((error as ConditionFailedError).failedOn(0)).toBe(false);
    expect((error as ConditionFailedError).failedOn(0, 2)).toBe(true);
  });

  it('writes the transaction again after a TransactionConflict, and succeeds', async () => {
    const { table, sent } = tableAnswering(cancelled('None', 'TransactionConflict'), cancelled('TransactionConflict', 'None'), {});

    await table.transact(items);

    expect(sent).toHaveLength(3);
    expect(sent[2]).toEqual(sent[0]);
  });

  it('after a few attempts, reports a persisting conflict as transient, never as a failed condition', async () => {
    const { table, sent } = tableAnswering(cancelled('None', 'TransactionConflict'));

    const error = await table.transact(items).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientConflictError);
    expect(error).not.toBeInstanceOf(ConditionFailedError);
    expect((error as TransientConflictError).reason).toBe('TransactionConflict');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.length).toBeLessThanOrEqual(8);
  });

  it('treats a throttled item of a transaction as transient too', async () => {
    const { table } = tableAnswering(cancelled('ThrottlingError', 'None'));
    await expect(table.transact(items)).rejects.toMatchObject({ name: 'TransientConflictError', reason: 'ThrottlingError' });
  });
});

describe('reads of the table helper', () => {
  it('projects attribute names through expression attribute names, reserved words included', async () => {
    const { table, sent } = tableAnswering({ Item: { status: 'resolved' } });

    const item = await table.get({ pk: 'a', sk: 'b' }, { consistent: true, projection: ['ownerId', 'status'] });

    expect(item).toEqual({ status: 'resolved' });
    expect(sent[0]).toMatchObject({
      ConsistentRead: true,
      ProjectionExpression: '#p0, #p1',
      ExpressionAttributeNames: { '#p0': 'ownerId', '#p1': 'status' },
    });
  });
});
