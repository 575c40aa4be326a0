import * as z from 'zod/mini';

/**
 * Keys of the access log: a record sits under its staff member (`STAFF#<id>`, sorted by time), is
 * indexed under its subject (`bySubject`, sparse: only records with a known subject) and under its
 * day (`byDay`, for queries by period alone). Sort keys are `<at>#<record id>`, so a period is a
 * key range.
 */
export const accessKeys = {
  staff: (staffId: string) => `STAFF#${staffId}`,
  subject: (subjectId: string) => `SUBJECT#${subjectId}`,
  day: (day: string) => `DAY#${day}`,
  sort: (at: string, id: string) => `${at}#${id}`,
};

/** The bounds of a period as sort-key bounds: `<from>` up to anything at `<to>`. */
export const periodBounds = (from: string, to: string) => ({ low: from, high: `${to}#~` });

const sortKey = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#acr_[0-9A-HJKMNP-TV-Z]{26}$/));
const prefixed = (prefix: string) => z.string().check(z.startsWith(prefix), z.maxLength(300));
const staffPk = prefixed('STAFF#');

/**
 * The shapes of the last keys a cursor of each listing may carry; anything else is refused.
 * zod's small build: every function that records a staff read loads this module.
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
