import * as z from 'zod/mini';

/** A counter in a figures answer. */
export const count = z.int();

/** One counter per key (a breakdown by channel, category, status, action...). */
export const countsBy = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((key) => [key, count])));
