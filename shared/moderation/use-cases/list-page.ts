import { encodeCursor, resumeAfter, type CursorScope, type CursorSeal } from '#shared/pagination.ts';
import { PageKeySchema, type PageKey } from '#shared/moderation/store/page-key.ts';

/** What a list request gives: an optional page size and the cursor of the page before. */
export interface ListQuery {
  limit?: number;
  cursor?: string;
}

/** The cursors of one list for one caller: sealed for them and that list only. */
export interface Paging {
  cursors: CursorSeal;
  scope: CursorScope;
}

/** The page request of a list query, with the list's default page size; `belongs` says whether the cursor's key is one of this list. */
export const pageRequestOf = async (paging: Paging, query: ListQuery, defaultLimit: number, belongs: (key: PageKey) => boolean) => {
  const after = await resumeAfter(paging.cursors, paging.scope, query.cursor, PageKeySchema, belongs);
  return { limit: query.limit ?? defaultLimit, ...(after && { after }) };
};

/** A page as the API answers it. */
export const pageOf = async <T>(paging: Paging, items: T[], lastKey: PageKey | undefined) => ({
  items,
  nextCursor: await encodeCursor(paging.cursors, paging.scope, lastKey),
});
