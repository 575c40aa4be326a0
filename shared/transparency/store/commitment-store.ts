import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable } from '#shared/aws/table.ts';
import type { CommitmentsState, QuarterRecord } from '#shared/transparency/domain/commitment-state.ts';

/**
 * The promise scorecard on the transparency table: one partition (`COMMITMENTS`) holding the state
 * of the last check (`STATE`) and one record per quarter (`QUARTER#2026-Q4`, four a year), so
 * that the scorecard with its whole history is one Query.
 */
const commitmentKeys = {
  pk: 'COMMITMENTS',
  state: { pk: 'COMMITMENTS', sk: 'STATE' },
  quarter: (quarter: string) => ({ pk: 'COMMITMENTS', sk: `QUARTER#${quarter}` }),
  quarterPrefix: 'QUARTER#',
};

const KEY_ATTRIBUTES = ['pk', 'sk', 'entity'] as const;
const entityOf = <T>(item: Record<string, unknown>): T => {
  const entity = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete entity[attribute];
  return entity as T;
};

export const createCommitmentStore = ({ db, tableName }: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(db, tableName);
  return {
    /** The state of the last check and every quarter's record, oldest quarter first: one Query. */
    async read(): Promise<{ state: CommitmentsState | undefined; quarters: QuarterRecord[] }> {
      const items = await table.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': commitmentKeys.pk } });
      const state = items.find((item) => item.sk === commitmentKeys.state.sk);
      const quarters = items.filter((item) => String(item.sk).startsWith(commitmentKeys.quarterPrefix));
      return { state: state && entityOf<CommitmentsState>(state), quarters: quarters.map((item) => entityOf<QuarterRecord>(item)) };
    },

    /**
     * A check's state and its quarter's record, in one transaction, over the check read before it
     * (none, or the same `checkedAt`): of two watches at once, one writes.
     */
    save: (state: CommitmentsState, records: readonly QuarterRecord[], readCheckedAt: string | undefined): Promise<void> =>
      table.transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...commitmentKeys.state, entity: 'commitments-state', ...state },
            ...(readCheckedAt === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'checkedAt = :read', ExpressionAttributeValues: { ':read': readCheckedAt } }),
          },
        },
        ...records.map((record) => ({ Put: { TableName: tableName, Item: { ...commitmentKeys.quarter(record.quarter), entity: 'commitments-quarter', ...record } } })),
      ]),
  };
};

export type CommitmentStore = ReturnType<typeof createCommitmentStore>;
