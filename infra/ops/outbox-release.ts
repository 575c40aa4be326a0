import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tables } from '#infra/manifest.ts';
import { RedriveUsageError } from '#infra/ops/redrive.ts';
import { releaseQuarantined } from '#shared/events/outbox-relay.ts';
import type { TableDefinition } from '#shared/manifest/types.ts';

/**
 * `npm run redrive -- outbox <context>`: releases the outbox items a relay quarantined after its
 * last publish attempt (shared/events/outbox-relay.ts) back to their shards, once whatever made
 * the bus refuse them is fixed; the next run of the context's relay publishes them.
 */

/** The contexts with an outbox, and the table that holds it. */
export const outboxTables = { 'customer-service': tables.complaints, moderation: tables.moderation, surveys: tables.surveys } as const satisfies Record<string, TableDefinition>;
export type OutboxContext = keyof typeof outboxTables;

export interface OutboxReleaseResult {
  outbox: OutboxContext;
  released: number;
  failed: 0;
}

export const parseOutboxContext = (value: string | undefined): OutboxContext => {
  const names = Object.keys(outboxTables) as OutboxContext[];
  const found = names.find((name) => name === value);
  if (found) return found;
  throw new RedriveUsageError(`${value ? `No outbox in "${value}"` : 'Name the outbox'}: one of ${names.join(', ')}`);
};

/**
 * The deployed table of a definition. CloudFormation names a table without an explicit name
 * `<stack>-<logical id>-<suffix>`, and the logical ids are pinned, so the prefix finds exactly it.
 */
export const findDeployedTableName = async (dynamodb: Pick<DynamoDBClient, 'send'>, statefulStackName: string, definition: TableDefinition) => {
  const prefix = `${statefulStackName}-${definition.logicalId}-`;
  const found: string[] = [];
  let start: string | undefined;
  do {
    const page = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    found.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
    start = page.LastEvaluatedTableName;
  } while (start);
  if (found.length !== 1) {
    throw new RedriveUsageError(`Expected one table named ${prefix}*, found ${found.length}: is the stage deployed in this account and region?`);
  }
  return found[0]!;
};

export const releaseOutbox = async (dynamodb: DynamoDBClient, outbox: OutboxContext, tableName: string): Promise<OutboxReleaseResult> => ({
  outbox,
  released: await releaseQuarantined({ db: DynamoDBDocumentClient.from(dynamodb), tableName }),
  failed: 0,
});
