import * as z from 'zod/mini';

/*
 * Apart from the keys (keys.ts), so that what reads the log's figures or appends to it (the
 * transparency jobs, the functions recording staff reads) does not load zod: only the listings
 * resume from a cursor.
 */

const sortKey = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#acr_[0-9A-HJKMNP-TV-Z]{26}$/));
const prefixed = (prefix: string) => z.string().check(z.startsWith(prefix), z.maxLength(300));
const staffPk = prefixed('STAFF#');

/**
 * The shapes of the last keys a cursor of each listing may carry; anything else is refused.
 */
export const staffPageKeySchema = z.strictObject({ pk: staffPk, sk: sortKey });
export const subjectPageKeySchema = z.strictObject({
  pk: staffPk,
  sk: sortKey,
  subjectPk: prefixed('SUBJECT#'),
  subjectSk: sortKey,
});
/** By period: the day to resume in, and where in it (absent: from its latest record). */
export const dayPageKeySchema = z.strictObject({
  dayPk: z.string().check(z.regex(/^DAY#\d{4}-\d{2}-\d{2}$/)),
  daySk: z.optional(sortKey),
  pk: z.optional(staffPk),
  sk: z.optional(sortKey),
});
