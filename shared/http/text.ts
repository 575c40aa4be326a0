import * as z from 'zod';

/** Characters no text from people may hold: C0 and C1 controls besides tabs and line breaks, bidirectional overrides. */
export const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const PRINTABLE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;
const PRINTABLE_SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;

/**
 * Printable text from people: trimmed, not empty, at most `max` characters, and no C0 or C1
 * control characters besides line breaks and tabs (terminal escape sequences in staff consoles)
 * nor bidirectional overrides (text that reads differently from how it is stored). `singleLine`
 * refuses tabs and line breaks too.
 */
export const printableText = (max: number, options: { singleLine?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `Must be at most ${max} characters`)
    .regex(options.singleLine ? PRINTABLE_SINGLE_LINE : PRINTABLE, 'Must not contain control characters');

/** An http or https URL of at most 2048 characters. */
export const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Must be an http or https URL' })
  .max(2048, 'Must be at most 2048 characters');
