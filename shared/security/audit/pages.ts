/** A page of a list call: its items and the token of the next page (absent on the last). */
interface Page<T> {
  items: readonly T[] | undefined;
  next: string | undefined;
}

/** Pages read at most: a stack's list calls fit in a few; a loop that never ends is a bug, not a big account. */
const MAX_PAGES = 200;

/**
 * Every item of a paged list call (ListFunctions, GetRoutes, ListSchedules...), page after page.
 * The SDK's own paginators want a full client instance; the audit's clients are `{ send }` only.
 */
export const allPages = async <T>(fetchPage: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> => {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { items: pageItems, next } = await fetchPage(token);
    items.push(...(pageItems ?? []));
    if (!next) return items;
    token = next;
  }
  throw new Error(`More than ${MAX_PAGES} pages`);
};
