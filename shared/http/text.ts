import * as z from 'zod';

/**
 * Characters no text from people may hold: C0 and C1 controls besides tabs and line breaks,
 * bidirectional overrides, and Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...).
 */
export const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]/u;
const PRINTABLE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]*$/u;
const PRINTABLE_SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]*$/u;
/**
 * Something that shows: not white space, not an invisible format character (zero-width spaces
 * and joiners, direction marks), not a separator, not a combining mark on its own, not one of
 * the blank "letters" (Hangul fillers, the blank braille pattern).
 */
const VISIBLE = /[^\s\p{Cf}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;
export const showsNothing = (text: string): boolean => !VISIBLE.test(text);

/**
 * Printable text from people: trimmed, with something visible in it, at most `max` characters,
 * and no C0 or C1 control characters besides line breaks and tabs (terminal escape sequences in
 * staff consoles), bidirectional overrides (text that reads differently from how it is stored)
 * nor noncharacters. `singleLine` refuses tabs and line breaks too.
 */
export const printableText = (max: number, options: { singleLine?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `Must be at most ${max} characters`)
    .regex(options.singleLine ? PRINTABLE_SINGLE_LINE : PRINTABLE, 'Must not contain control characters')
    .refine((text) => text === '' || !showsNothing(text), 'Must not be empty: it shows nothing');

/** An http or https URL of at most 2048 characters. */
export const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Must be an http or https URL' })
  .max(2048, 'Must be at most 2048 characters');
