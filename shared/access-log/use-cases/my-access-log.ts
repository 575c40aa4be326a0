import type { AccessLogStore } from '#shared/access-log/store/access-log-store.ts';
import { accessKeys } from '#shared/access-log/store/keys.ts';
import { subjectPageKeySchema } from '#shared/access-log/store/page-keys.ts';
import { openReasons, personView } from '#shared/access-log/use-cases/record-views.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter, type CursorSeal } from '#shared/pagination.ts';

export interface AccessLogReadPorts {
  store: Pick<AccessLogStore, 'page'>;
  cipher: Pick<PersonalDataCipher, 'open'>;
  clock: Clock;
  /** Seals the cursors of the lists for their caller and list. */
  cursors: CursorSeal;
}

/** The earliest time a period may start at: before any record. */
export const BEGINNING = '2000-01-01T00:00:00.000Z';

/**
 * Who at the platform read the caller's data, newest first: when, under which role (never who by
 * id or name), what they opened and the reason they gave.
 */
export const myAccessLog = async (ports: AccessLogReadPorts, caller: Pick<Caller, 'sub'>, query: { limit?: number; cursor?: string }) => {
  const subjectPk = accessKeys.subject(caller.sub);
  const scope = { caller: caller.sub, list: 'access-log:me' };
  const after = await resumeAfter(ports.cursors, scope, query.cursor, subjectPageKeySchema, (key) => key.subjectPk === subjectPk);
  const { items, lastKey } = await ports.store.page(
    { by: 'subject', subjectId: caller.sub },
    { from: BEGINNING, to: ports.clock.now().toISOString() },
    { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) },
  );
  const reasons = await openReasons(ports.cipher, items);
  return { items: items.map((record) => personView(record, reasons.get(record.readId) ?? '')), nextCursor: await encodeCursor(ports.cursors, scope, lastKey) };
};
