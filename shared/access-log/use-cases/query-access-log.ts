import { accessLogReaderRoles } from '#shared/access-log/manifest.ts';
import type { Listing, RecordPage, StoredRecord } from '#shared/access-log/store/access-log-store.ts';
import { accessKeys } from '#shared/access-log/store/keys.ts';
import { dayPageKeySchema, staffPageKeySchema, subjectPageKeySchema } from '#shared/access-log/store/page-keys.ts';
import { type AccessLogReadPorts, BEGINNING } from '#shared/access-log/use-cases/my-access-log.ts';
import { openReasons, securityView } from '#shared/access-log/use-cases/record-views.ts';
import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { ItemKey } from '#shared/aws/table.ts';
import { problems } from '#shared/http/problem.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter, type CursorScope } from '#shared/pagination.ts';

export interface AccessLogQuery {
  staff?: string;
  subject?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A query by period alone reads one day at a time; a request reads at most this many days. */
const DAYS_PER_REQUEST = 31;
/** The default period of a query by period alone: the last week. */
const DEFAULT_PERIOD_MS = 7 * DAY_MS;

/** The days of a period, latest first (`yyyy-mm-dd`). */
const daysOf = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(to.slice(0, 10)); t >= Date.parse(from.slice(0, 10)); t -= DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

/** A page of the records of a period alone, across its days, latest first; the cursor names the day to resume in. */
const pageByDay = async (
  ports: AccessLogReadPorts,
  scope: CursorScope,
  period: { from: string; to: string },
  limit: number,
  cursor: string | undefined,
): Promise<RecordPage> => {
  const days = daysOf(period.from, period.to);
  const resumed = await resumeAfter(ports.cursors, scope, cursor, dayPageKeySchema, (key) => days.includes(key.dayPk.slice('DAY#'.length)));
  let index = resumed ? days.indexOf(resumed.dayPk.slice('DAY#'.length)) : 0;
  let after: ItemKey | undefined = resumed?.daySk ? resumed : undefined;
  const items: StoredRecord[] = [];
  for (let read = 0; read < DAYS_PER_REQUEST && index < days.length; read++) {
    const page = await ports.store.page({ by: 'day', day: days[index]! }, period, { limit: limit - items.length, ...(after && { after }) });
    items.push(...page.items);
    if (page.lastKey) return { items, lastKey: page.lastKey };
    index++;
    after = undefined;
    if (items.length >= limit) break;
  }
  return { items, ...(index < days.length && { lastKey: { dayPk: accessKeys.day(days[index]!) } }) };
};

const periodOf = (query: AccessLogQuery, now: Date, byPeriodAlone: boolean) => {
  const to = query.to ?? now.toISOString();
  const from = query.from ?? (byPeriodAlone ? new Date(Date.parse(to) - DEFAULT_PERIOD_MS).toISOString() : BEGINNING);
  if (from > to) throw problems.validation([{ in: 'query', path: 'from', message: 'Must not be after `to`' }]);
  return { from, to };
};

/** The listing a query reads: by staff member (narrowed by subject), by subject, or else by day. */
const listingPage = async (ports: AccessLogReadPorts, scope: CursorScope, query: AccessLogQuery, limit: number): Promise<RecordPage> => {
  const period = periodOf(query, ports.clock.now(), !query.staff && !query.subject);
  if (query.staff) {
    const pk = accessKeys.staff(query.staff);
    const after = await resumeAfter(ports.cursors, scope, query.cursor, staffPageKeySchema, (key) => key.pk === pk);
    const listing: Listing = { by: 'staff', staffId: query.staff };
    return ports.store.page(listing, period, { limit, ...(after && { after }), ...(query.subject && { subjectId: query.subject }) });
  }
  if (query.subject) {
    const subjectPk = accessKeys.subject(query.subject);
    const after = await resumeAfter(ports.cursors, scope, query.cursor, subjectPageKeySchema, (key) => key.subjectPk === subjectPk);
    return ports.store.page({ by: 'subject', subjectId: query.subject }, period, { limit, ...(after && { after }) });
  }
  return pageByDay(ports, scope, period, limit, query.cursor);
};

/**
 * Security staff: the records of the access log, newest first, by staff member, by subject (the
 * person whose data was read), by period, or any of these together.
 */
export const queryAccessLog = async (ports: AccessLogReadPorts, caller: Caller, query: AccessLogQuery) => {
  if (!hasRole(caller, ...accessLogReaderRoles)) throw problems.forbidden('Only security staff may query the access log.');
  // A cursor serves the query it came from only: its staff member, subject and period.
  const scope = { caller: caller.sub, list: `access-log:${JSON.stringify([query.staff, query.subject, query.from, query.to])}` };
  const { items, lastKey } = await listingPage(ports, scope, query, query.limit ?? LIST_LIMIT_DEFAULT);
  const reasons = await openReasons(ports.cipher, items);
  return {
    items: items.map((record) => securityView(record, reasons.get(record.readId) ?? '')),
    nextCursor: await encodeCursor(ports.cursors, scope, lastKey),
  };
};
