import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RECORDS_PER_APPEND, type AccessRecord } from '#shared/access-log/domain/staff-read.ts';
import { accessKeys, periodBounds } from '#shared/access-log/store/keys.ts';
import { createTable, type ItemKey, type TableQuery, type TransactItem } from '#shared/aws/table.ts';
import type { Counters, FiguresStore } from '#shared/figures/store.ts';

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

const itemOf = (record: StoredRecord) => {
  const sort = accessKeys.sort(record.at, record.id);
  return {
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
  const { pk: _pk, sk: _sk, subjectPk: _subjectPk, subjectSk: _subjectSk, dayPk: _dayPk, daySk: _daySk, entity: _entity, ...record } = item;
  return record as unknown as StoredRecord;
};

const keyCondition = (listing: Listing): { index?: string; pkName: string; skName: string; pk: string } => {
  if (listing.by === 'staff') return { pkName: 'pk', skName: 'sk', pk: accessKeys.staff(listing.staffId) };
  if (listing.by === 'subject') return { index: 'bySubject', pkName: 'subjectPk', skName: 'subjectSk', pk: accessKeys.subject(listing.subjectId) };
  return { index: 'byDay', pkName: 'dayPk', skName: 'daySk', pk: accessKeys.day(listing.day) };
};

const queryOf = (listing: Listing, period: { from: string; to: string }, subjectId: string | undefined): TableQuery => {
  const { index, pkName, skName, pk } = keyCondition(listing);
  const { low, high } = periodBounds(period.from, period.to);
  const filtered = subjectId !== undefined && listing.by !== 'subject';
  return {
    ...(index && { IndexName: index }),
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
    ...(filtered && { FilterExpression: '#subject = :subject' }),
    ExpressionAttributeNames: { '#pk': pkName, '#sk': skName, ...(filtered && { '#subject': 'subjectId' }) },
    ExpressionAttributeValues: { ':pk': pk, ':low': low, ':high': high, ...(filtered && { ':subject': subjectId }) },
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
export const createAccessLogStore = ({ db, tableName }: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(db, tableName);
  return {

    /** Up to `limit` records of a listing in a period, newest first; `subjectId` narrows a listing by staff or day. */
    async page(
      listing: Listing,
      period: { from: string; to: string },
      page: { limit: number; after?: ItemKey; subjectId?: string },
    ): Promise<RecordPage> {
      const query = queryOf(listing, period, page.subjectId);
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
