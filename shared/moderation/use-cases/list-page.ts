import { encodeCursor, resumeAfter } from '#shared/pagination.ts';
import { PageKeySchema, type PageKey } from '#shared/moderation/store/page-key.ts';

/** What a list request gives: an optional page size and the cursor of the page before. */
export interface ListQuery {
  limit?: number;
  cursor?: string;
}

/** Where a list resumes; `belongs` says whether the cursor's key is one of this list. */
const resumeFrom = (cursor: string | undefined, belongs: (key: PageKey) => boolean): PageKey | undefined =>
  resumeAfter(cursor, PageKeySchema, belongs);

/** The page request of a list query, with the list's default page size. */
export const pageRequestOf = (query: ListQuery, defaultLimit: number, belongs: (key: PageKey) => boolean) => {
  const after = resumeFrom(query.cursor, belongs);
  return { limit: query.limit ?? defaultLimit, ...(after && { after }) };
};

/** A page as the API answers it. */
export const pageOf = <T>(items: T[], lastKey: PageKey | undefined) => ({ items, nextCursor: encodeCursor(lastKey) });
