import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { findDeployedTableName, parseOutboxContext } from '#infra/ops/outbox-release.ts';
import { RedriveUsageError } from '#infra/ops/redrive.ts';
import { tables } from '#infra/manifest.ts';

/** ListTables answered in pages of the given names. */
const listing = (...pages: string[][]) =>
  ({
    send: async (command: { input: { ExclusiveStartTableName?: string } }) => {
      const index = command.input.ExclusiveStartTableName ? pages.findIndex((page) => page.at(-1) === command.input.ExclusiveStartTableName) + 1 : 0;
      const page = pages[index]!;
      return { TableNames: page, ...(index < pages.length - 1 && { LastEvaluatedTableName: page.at(-1) }) };
    },
  }) as unknown as DynamoDBClient;

describe('the outbox release of npm run redrive', () => {
  it('knows the contexts with an outbox', () => {
    expect(parseOutboxContext('moderation')).toBe('moderation');
    expect(parseOutboxContext('surveys')).toBe('surveys');
    expect(() => parseOutboxContext('access-log')).toThrow(RedriveUsageError);
    expect(() => parseOutboxContext(undefined)).toThrow(RedriveUsageError);
  });

  it("finds the deployed table by its stack and logical id, over ListTables' pages", async () => {
    const prefix = `UserProtection-dev-Stateful-${tables.moderation.logicalId}-`;
    const found = await findDeployedTableName(listing(['a-table', 'b-table'], [`${prefix}ABC123`, 'z-table']), 'UserProtection-dev-Stateful', tables.moderation);
    const missing = findDeployedTableName(listing(['a-table']), 'UserProtection-dev-Stateful', tables.moderation);

    expect(found).toBe(`${prefix}ABC123`);
    await expect(missing).rejects.toThrow(RedriveUsageError);
  });
});
