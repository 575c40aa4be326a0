import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '#shared/aws/batch.ts';
import { ConditionFailedError, type Table, type TransactItem } from '#shared/aws/table.ts';
import type { StatementOfReasons } from '#shared/moderation/domain/index.ts';
import type { ApiErrors, QuarantineRelease } from '#shared/moderation/domain/statement-submission.ts';
import { putOnce, stateOf, type Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

/** Where one statement stands with the Transparency Database; `releases` are its earlier quarantines an operator released. */
export type StatementSubmission = { puid: string; issuedAt: string; releases?: QuarantineRelease[] } & (
  | { status: 'pending' }
  | { status: 'submitted'; submittedAt: string; duplicate?: boolean }
  | { status: 'quarantined'; quarantinedAt: string; apiErrors: ApiErrors }
);
export type QuarantinedSubmission = Extract<StatementSubmission, { status: 'quarantined' }>;

/** An update of a pending record; false when another run recorded it first. */
const settlePending = async (table: Table, puid: string, update: string, values: Record<string, unknown>): Promise<boolean> => {
  try {
    await table.update({
      Key: keys.statementSubmission(puid),
      UpdateExpression: update,
      ConditionExpression: '#s = :pending',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ...values, ':pending': 'pending' },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
};

/** The puids in one byDue partition, oldest first, at most `limit`. */
const puidsIn = async (table: Table, partition: string, limit: number): Promise<string[]> => {
  const puids: string[] = [];
  let after: Record<string, unknown> | undefined;
  do {
    const page = await table.page<Item>(
      { IndexName: 'byDue', KeyConditionExpression: 'duePk = :p', ExpressionAttributeValues: { ':p': partition }, ProjectionExpression: 'puid', Limit: limit - puids.length },
      after,
    );
    puids.push(...page.items.map((item) => item.puid as string));
    after = page.lastKey;
  } while (after && puids.length < limit);
  return puids;
};

/** A quarantined record back to pending, if it is still the quarantine read; false otherwise. */
const releaseQuarantined = async (table: Table, record: QuarantinedSubmission, release: QuarantineRelease): Promise<boolean> => {
  try {
    await table.update({
      Key: keys.statementSubmission(record.puid),
      UpdateExpression: 'SET #s = :pending, duePk = :p, dueSk = :sk, releases = list_append(if_not_exists(releases, :none), :release) REMOVE quarantinedAt, apiErrors',
      ConditionExpression: '#s = :quarantined AND quarantinedAt = :at',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'pending',
        ':quarantined': 'quarantined',
        ':at': record.quarantinedAt,
        ':p': keys.statementsToSubmit,
        ':sk': `${record.issuedAt}#${record.puid}`,
        ':none': [],
        ':release': [release],
      },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
};

/**
 * The submission record of each statement of reasons, written with the statement: a sparse index
 * (byDue, partition SOR-SUBMIT#pending, oldest first) lists the ones still to send, so the job
 * never scans the table. Sent, or refused as a duplicate: it leaves the index for good. Refused
 * as invalid: it moves to the quarantine partition with the database's errors, for an operator,
 * who may release it back to the pending ones once the cause is fixed (the quarantine kept in `releases`).
 * Each of the job's moves is conditional on the record still being pending, so two runs never both record one.
 */
export const createStatementSubmissionStore = (db: DynamoDBDocumentClient, table: Table) => ({
  /** Written in the transaction that issues the statement. */
  pendingItem(s: Pick<StatementOfReasons, 'puid' | 'createdAt'>): TransactItem {
    return putOnce(table.name, {
      ...keys.statementSubmission(s.puid),
      entity: 'statementSubmission',
      duePk: keys.statementsToSubmit,
      dueSk: `${s.createdAt}#${s.puid}`,
      puid: s.puid,
      status: 'pending',
      issuedAt: s.createdAt,
    });
  },

  /** The puids still to send, oldest first, at most `limit`. */
  pending: (limit: number): Promise<string[]> => puidsIn(table, keys.statementsToSubmit, limit),

  /** The statements themselves, by puid (absent ones are left out). */
  async statements(puids: readonly string[]): Promise<StatementOfReasons[]> {
    const items = await batchGet(db, table.name, puids.map(keys.statement));
    return items.map((item) => stateOf<StatementOfReasons>(item));
  },

  async get(puid: string): Promise<StatementSubmission | undefined> {
    const item = await table.get<Item>(keys.statementSubmission(puid), { consistent: true });
    return item && stateOf<StatementSubmission>(item);
  },

  /** Accepted by the database, or refused as a duplicate (it already holds the statement). */
  markSubmitted: (puid: string, at: Date, duplicate: boolean) =>
    settlePending(table, puid, `SET #s = :submitted, submittedAt = :at${duplicate ? ', duplicate = :yes' : ''} REMOVE duePk, dueSk`, {
      ':submitted': 'submitted',
      ':at': at.toISOString(),
      ...(duplicate && { ':yes': true }),
    }),

  /** Refused as invalid: kept out of the submissions with the database's errors (no statement content). */
  quarantine: (puid: string, at: Date, apiErrors: ApiErrors) =>
    settlePending(table, puid, 'SET #s = :quarantined, quarantinedAt = :at, apiErrors = :errors, duePk = :q, dueSk = :sk', {
      ':quarantined': 'quarantined',
      ':at': at.toISOString(),
      ':errors': apiErrors,
      ':q': keys.statementsQuarantined,
      ':sk': `${at.toISOString()}#${puid}`,
    }),

  /** The quarantined statements' records, oldest quarantine first, a page at a time, for an operator. */
  async quarantined(page: PageRequest): Promise<{ items: QuarantinedSubmission[]; lastKey: PageKey | undefined }> {
    const { items, lastKey } = await table.page<Item>(
      { IndexName: 'byDue', KeyConditionExpression: 'duePk = :q', ExpressionAttributeValues: { ':q': keys.statementsQuarantined }, Limit: page.limit },
      page.after,
    );
    return { items: items.map((item) => stateOf<QuarantinedSubmission>(item)), lastKey: lastKey as PageKey | undefined };
  },

  /**
   * An operator's release: back to the pending ones at its place by issue time, the quarantine it
   * ends appended to `releases`. Conditional on the quarantine read (the same `quarantinedAt`):
   * false when it was released or changed meanwhile.
   */
  release: (record: QuarantinedSubmission, release: QuarantineRelease): Promise<boolean> => releaseQuarantined(table, record, release),
});

export type StatementSubmissionStore = ReturnType<typeof createStatementSubmissionStore>;
