import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTable } from '#shared/aws/table.ts';
import { VersionConflictError } from '#shared/errors.ts';

const tableRefusing = (error: unknown) => createTable({ send: async () => Promise.reject(error) } as unknown as DynamoDBDocumentClient, 'table');

describe('single-item writes of the table helper', () => {
  it('turns a failed condition of a put or an update into a VersionConflictError', async () => {
    const table = tableRefusing(Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException' }));
    await expect(table.put({ pk: 'a', sk: 'b' }, { ConditionExpression: 'attribute_not_exists(pk)' })).rejects.toBeInstanceOf(VersionConflictError);
    await expect(table.update({ Key: { pk: 'a', sk: 'b' }, UpdateExpression: 'SET x = :x' })).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('lets any other failure through as it is', async () => {
    const failure = Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    await expect(tableRefusing(failure).put({ pk: 'a', sk: 'b' })).rejects.toBe(failure);
  });
});
