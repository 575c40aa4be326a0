import * as z from 'zod/mini';
import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { problems } from '#shared/http/problem.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter, type CursorSeal } from '#shared/pagination.ts';
import type { InboxStore } from '#shared/notifications/store/inbox-store.ts';
import { inboxPartition } from '#shared/notifications/store/keys.ts';

export interface InboxPorts {
  inbox: InboxStore;
  cursors: CursorSeal;
  clock: Clock;
}

/** The keys an inbox page may resume after: an item of the whole inbox, or of the unread index. */
const inboxKeySchema = z.strictObject({ pk: z.string(), sk: z.string().check(z.startsWith('ITEM#')) });
const unreadKeySchema = z.strictObject({
  pk: z.string(),
  sk: z.string().check(z.startsWith('ITEM#')),
  unreadPk: z.string(),
  unreadSk: z.string(),
});

/** A page of the caller's inbox, newest first, with the number of unread items. */
export const listInbox = async (ports: InboxPorts, caller: Pick<Caller, 'sub'>, query: { limit?: number; cursor?: string; unread?: boolean }) => {
  const unreadOnly = query.unread === true;
  const partition = inboxPartition(caller.sub);
  const scope = { caller: caller.sub, list: unreadOnly ? 'notifications:unread' : 'notifications' };
  const after = await resumeAfter(ports.cursors, scope, query.cursor, unreadOnly ? unreadKeySchema : inboxKeySchema, (key) => key.pk === partition);
  const [page, unreadCount] = await Promise.all([
    ports.inbox.page(caller.sub, { limit: query.limit ?? LIST_LIMIT_DEFAULT, unreadOnly, ...(after && { startKey: after }) }),
    ports.inbox.unreadCount(caller.sub),
  ]);
  const items = page.items.map((item) => ({ ...item, readAt: item.readAt ?? null }));
  return { items, unreadCount, nextCursor: await encodeCursor(ports.cursors, scope, page.lastKey) };
};

/** Marks one of the caller's items read (again is fine); someone else's or a missing item is 404. */
export const markRead = async (ports: InboxPorts, caller: Pick<Caller, 'sub'>, itemId: string): Promise<void> => {
  const result = await ports.inbox.markRead(caller.sub, itemId, ports.clock.now().toISOString());
  if (result === 'missing') throw problems.notFound('No such notification in your inbox.');
};

export const markAllRead = async (ports: InboxPorts, caller: Pick<Caller, 'sub'>) => ({
  marked: await ports.inbox.markAllRead(caller.sub, ports.clock.now().toISOString()),
});
