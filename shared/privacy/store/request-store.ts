import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, createTable, type ItemKey, type TransactItem } from '#shared/aws/table.ts';
import { periodOf } from '#shared/figures/periods.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { awaitsAnswer, isOpen, type PrivacyRequest } from '#shared/privacy/domain/request.ts';
import { createArchiveStore } from '#shared/privacy/store/archive-store.ts';
import { createHoldStore } from '#shared/privacy/store/hold-store.ts';
import { indexPage, type Listed, recordOf } from '#shared/privacy/store/items.ts';
import { AWAITING_PARTITION, DUE_PARTITION, privacyKeys, subjectPartition } from '#shared/privacy/store/keys.ts';

/** A request as stored: its index keys follow its state (the sparse indexes hold open work only). */
const requestItem = (request: PrivacyRequest) => ({
  ...privacyKeys.request(request.id),
  entity: 'request',
  subjectPk: subjectPartition(request.subject),
  subjectSk: `REQUEST#${request.requestedAt}#${request.id}`,
  quarterPk: `QUARTER#${periodOf(new Date(request.requestedAt), 'quarter')}`,
  quarterSk: `${request.requestedAt}#${request.id}`,
  ...(request.dueAt && { duePk: DUE_PARTITION, dueSk: `${request.dueAt}#${request.id}` }),
  ...(awaitsAnswer(request) && { awaitingPk: AWAITING_PARTITION, awaitingSk: `${request.deadlineAt}#${request.id}` }),
  ...request,
});

/** The awaiting index's requests with a deadline before `deadlineBefore`. */
const awaitingBefore = (deadlineBefore: string) => ({
  IndexName: 'awaiting',
  KeyConditionExpression: 'awaitingPk = :pk AND awaitingSk < :below',
  ExpressionAttributeValues: { ':pk': AWAITING_PARTITION, ':below': `${deadlineBefore}#~` },
});

/**
 * Requests with their sparse indexes (by subject, due work, awaiting an answer by deadline, by
 * quarter), and the open-request markers that make a repeated request find the first. Every read
 * is a GetItem or a Query. The figures are computed from a quarter's requests (a few thousand at
 * most), so they are exact: medians and maxima, not buckets.
 */
const createRequestStore = (deps: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(deps.db, deps.tableName);
  const put = (item: Record<string, unknown>): TransactItem => ({ Put: { TableName: deps.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
  const closeMarker = (request: PrivacyRequest): TransactItem[] =>
    isOpen(request)
      ? []
      : [{ Delete: { TableName: deps.tableName, Key: privacyKeys.openMarker(request.subject, request.kind), ConditionExpression: 'attribute_not_exists(pk) OR requestId = :id', ExpressionAttributeValues: { ':id': request.id } } }];

  return {
    /**
     * Writes a new request unless the subject already has an open one of its kind; then answers
     * that one's id (`created: false`), so that a repeated request changes nothing.
     */
    async create(request: PrivacyRequest): Promise<{ created: true } | { created: false; existingId: string }> {
      const marker = privacyKeys.openMarker(request.subject, request.kind);
      try {
        await table.transact([put({ ...marker, requestId: request.id }), put(requestItem(request))]);
        return { created: true };
      } catch (error) {
        if (!(error instanceof ConditionFailedError) || !error.failedOn(0)) throw error;
        const existing = await table.get<{ requestId: string }>(marker, { consistent: true });
        if (!existing) throw error;
        return { created: false, existingId: existing.requestId };
      }
    },

    async get(id: string): Promise<PrivacyRequest | undefined> {
      const item = await table.get(privacyKeys.request(id), { consistent: true });
      return item && recordOf<PrivacyRequest>(item);
    },

    /**
     * Writes the request's next state if nobody changed it since it was `read`; closes its open
     * marker when this change closes it (a later save of a closed request leaves alone the marker
     * of the subject's newer request).
     */
    async save(request: PrivacyRequest, read: PrivacyRequest): Promise<PrivacyRequest> {
      const next = { ...request, version: read.version + 1 };
      await table.transact([
        { Put: { TableName: deps.tableName, Item: requestItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': read.version } } },
        ...(isOpen(read) ? closeMarker(next) : []),
      ]);
      return next;
    },

    /** The subject's requests, newest first. */
    async bySubject(subject: DataSubject, page: { limit: number; after?: ItemKey }): Promise<Listed<PrivacyRequest>> {
      const result = await table.page(
        {
          IndexName: 'bySubject',
          KeyConditionExpression: 'subjectPk = :pk AND begins_with(subjectSk, :requests)',
          ExpressionAttributeValues: { ':pk': subjectPartition(subject), ':requests': 'REQUEST#' },
          ScanIndexForward: false,
          Limit: page.limit,
        },
        page.after,
      );
      return { items: result.items.map((item) => recordOf<PrivacyRequest>(item)), ...(result.lastKey && { lastKey: result.lastKey }) };
    },

    /** Requests with work due before `now`, the most overdue first. */
    due: (now: Date, limit: number) => indexPage<PrivacyRequest>(table, { name: 'due', attribute: 'due', partition: DUE_PARTITION }, { limit, below: `${now.toISOString()}#~` }),

    /** Requests whose person still waits for an answer, by deadline (the nearest first). */
    awaiting: (page: { limit: number; after?: ItemKey }) =>
      indexPage<PrivacyRequest>(table, { name: 'awaiting', attribute: 'awaiting', partition: AWAITING_PARTITION }, page),

    /** How many requests await an answer with a deadline before `deadlineBefore` (or past it). */
    countAwaiting: (deadlineBefore: string): Promise<number> => table.count(awaitingBefore(deadlineBefore)),

    /** Every request made in a quarter (a few thousand at most), for its figures. */
    inQuarter: async (quarter: string): Promise<PrivacyRequest[]> =>
      (await table.queryAll({ IndexName: 'byQuarter', KeyConditionExpression: 'quarterPk = :pk', ExpressionAttributeValues: { ':pk': `QUARTER#${quarter}` } })).map((item) =>
        recordOf<PrivacyRequest>(item),
      ),
  };
};

/** The privacy table: requests, the archives' parts, legal holds and the retention job's progress. */
export const createPrivacyStore = (deps: { db: DynamoDBDocumentClient; tableName: string }) => ({
  ...createRequestStore(deps),
  ...createArchiveStore(deps),
  ...createHoldStore(deps),
});

export type PrivacyStore = ReturnType<typeof createPrivacyStore>;
