import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RECORDS_PER_APPEND, type AccessRecord } from '#shared/access-log/domain/staff-read.ts';
import { accessKeys, periodBounds } from '#shared/access-log/store/keys.ts';
import { createTable, type ItemKey, type TableQuery, type TransactItem } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import type { Counters, FiguresStore } from '#shared/figures/store.ts';
import { retentionEndOf, retentionPolicy, ttlSecondsOf } from '#shared/personal-data/retention.ts';

/** A record as stored: its facts, and the reason of its read sealed with the data key (bound to the read id). */
export interface StoredRecord extends AccessRecord {
  sealedReason: Uint8Array;
}

/** The three ways the log is listed, newest first. */
export type Listing = { by: 'staff'; staffId: string } | { by: 'subject'; subjectId: string } | { by: 'day'; day: string };

export interface RecordPage {
  items: StoredRecord[];
  /** Where the listing resumes; absent once it is exhausted. */
  lastKey?: ItemKey;
}

/** Queries a page may take to fill itself when a filter skips records (a shorter page and a cursor after that). */
const MAX_ROUNDS = 5;

/** When a record of a read at `at` ends: `retentionPolicy.accessRecords` later (an ISO time). */
export const accessRecordEndOf = (at: string): Date => retentionEndOf(retentionPolicy.accessRecords, new Date(at));

const itemOf = (record: StoredRecord) => {
  const sort = accessKeys.sort(record.at, record.id);
  return {
    // The time to live: DynamoDB deletes the record when its retention ends; no role of the platform can.
    expiresAt: ttlSecondsOf(accessRecordEndOf(record.at)),
    pk: accessKeys.staff(record.staffId),
    sk: sort,
    ...(record.subjectId && { subjectPk: accessKeys.subject(record.subjectId), subjectSk: sort }),
    dayPk: accessKeys.day(record.at.slice(0, 10)),
    daySk: sort,
    entity: 'access-record',
    ...record,
  };
};

const recordOf = (item: Record<string, unknown>): StoredRecord => {
  const { pk: _pk, sk: _sk, subjectPk: _subjectPk, subjectSk: _subjectSk, dayPk: _dayPk, daySk: _daySk, entity: _entity, expiresAt: _expiresAt, ...record } = item;
  return record as unknown as StoredRecord;
};

const keyCondition = (listing: Listing): { index?: string; pkName: string; skName: string; pk: string } => {
  if (listing.by === 'staff') return { pkName: 'pk', skName: 'sk', pk: accessKeys.staff(listing.staffId) };
  if (listing.by === 'subject') return { index: 'bySubject', pkName: 'subjectPk', skName: 'subjectSk', pk: accessKeys.subject(listing.subjectId) };
  return { index: 'byDay', pkName: 'dayPk', skName: 'daySk', pk: accessKeys.day(listing.day) };
};

/**
 * The query of a listing in a period, newest first. Records past their time to live are gone for
 * readers (DynamoDB deletes them within a day or two of the time).
 */
const queryOf = (listing: Listing, period: { from: string; to: string }, subjectId: string | undefined, now: Date): TableQuery => {
  const { index, pkName, skName, pk } = keyCondition(listing);
  const { low, high } = periodBounds(period.from, period.to);
  const filtered = subjectId !== undefined && listing.by !== 'subject';
  const unexpired = '(attribute_not_exists(#expiresAt) OR #expiresAt > :now)';
  return {
    ...(index && { IndexName: index }),
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
    FilterExpression: filtered ? `#subject = :subject AND ${unexpired}` : unexpired,
    ExpressionAttributeNames: { '#pk': pkName, '#sk': skName, '#expiresAt': 'expiresAt', ...(filtered && { '#subject': 'subjectId' }) },
    ExpressionAttributeValues: { ':pk': pk, ':low': low, ':high': high, ':now': Math.floor(now.getTime() / 1000), ...(filtered && { ':subject': subjectId }) },
    ScanIndexForward: false,
  };
};

/**
 * The writer of the access log, for the functions that serve staff reads: records are only ever
 * appended (a conditional Put of a new item; the writers' roles can do nothing else on the
 * table), in one transaction with the quarter's counters of what they record, so the figures
 * count every record once. A transaction holds at most 100 items: `RECORDS_PER_APPEND` records.
 */
export const createAccessLogAppender = (deps: { db: DynamoDBDocumentClient; tableName: string; figures: Pick<FiguresStore, 'periodUpdates'> }) => {
  const table = createTable(deps.db, deps.tableName);
  const put = (record: StoredRecord): TransactItem => ({
    Put: { TableName: deps.tableName, Item: itemOf(record), ConditionExpression: 'attribute_not_exists(pk)' },
  });
  return {
    /** Appends up to `RECORDS_PER_APPEND` records with their counters; any failure fails the read. */
    async append(records: readonly StoredRecord[], counters: Counters): Promise<void> {
      if (records.length === 0) return;
      if (records.length > RECORDS_PER_APPEND) throw new Error(`At most ${RECORDS_PER_APPEND} records are appended at once`);
      await table.transact([...records.map(put), ...deps.figures.periodUpdates(new Date(records[0]!.at), counters, ['quarter'])]);
    },
  };
};
export type AccessLogAppender = ReturnType<typeof createAccessLogAppender>;

/** The access log table as its readers list it: newest first by staff member, subject or day. */
export const createAccessLogStore = ({ db, tableName, clock = systemClock }: { db: DynamoDBDocumentClient; tableName: string; clock?: Clock }) => {
  const table = createTable(db, tableName);
  return {
    /** Every record of reads of a subject's data unexpired at `now`, newest first (for a copy of their data, and its holds). */
    async allOfSubject(subjectId: string, now: Date = clock.now()): Promise<StoredRecord[]> {
      const items = await table.queryAll(queryOf({ by: 'subject', subjectId }, { from: '0', to: '9999' }, undefined, now));
      return items.map(recordOf);
    },

    /** Up to `limit` records of a listing in a period, newest first; `subjectId` narrows a listing by staff or day. */
    async page(
      listing: Listing,
      period: { from: string; to: string },
      page: { limit: number; after?: ItemKey; subjectId?: string },
    ): Promise<RecordPage> {
      const query = queryOf(listing, period, page.subjectId, clock.now());
      const items: StoredRecord[] = [];
      let startKey = page.after;
      for (let round = 0; round < MAX_ROUNDS && items.length < page.limit; round++) {
        const result = await table.page({ ...query, Limit: page.limit - items.length }, startKey);
        items.push(...result.items.map(recordOf));
        startKey = result.lastKey;
        if (!startKey) break;
      }
      return { items, ...(startKey && { lastKey: startKey }) };
    },
  };
};

export type AccessLogStore = ReturnType<typeof createAccessLogStore>;
