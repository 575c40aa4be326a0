/**
 * What counts as text a person wrote, as pure checks: the request schemas (shared/http/text.ts)
 * and the domains' own rules on free text use the same definitions.
 */

/**
 * Characters no text from people may hold: C0 and C1 controls besides tabs and line breaks,
 * bidirectional overrides, and Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...).
 */
export const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]/u;
export const PRINTABLE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]*$/u;
export const PRINTABLE_SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]*$/u;
/**
 * Something that shows: not white space, not an invisible format character (zero-width spaces
 * and joiners, direction marks), not a separator, not a combining mark on its own, not one of
 * the blank "letters" (Hangul fillers, the blank braille pattern).
 */
const VISIBLE = /[^\s\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;
export const showsNothing = (text: string): boolean => !VISIBLE.test(text);

