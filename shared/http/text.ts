import * as z from 'zod/mini';
import { PRINTABLE, PRINTABLE_SINGLE_LINE, showsNothing } from '#shared/text.ts';

/**
 * Printable text from people: trimmed, with something visible in it, at most `max` characters,
 * and no C0 or C1 control characters besides line breaks and tabs (terminal escape sequences in
 * staff consoles), bidirectional overrides (text that reads differently from how it is stored)
 * nor noncharacters. `singleLine` refuses tabs and line breaks too.
 */
export const printableText = (max: number, options: { singleLine?: boolean } = {}) =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'Must not be empty'),
    z.maxLength(max, `Must be at most ${max} characters`),
    z.regex(options.singleLine ? PRINTABLE_SINGLE_LINE : PRINTABLE, 'Must not contain control characters'),
    z.refine((text) => text === '' || !showsNothing(text), 'Must not be empty: it shows nothing'),
  );

/** An http or https URL of at most 2048 characters. */
export const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Must be an http or https URL' })
  .check(z.maxLength(2048, 'Must be at most 2048 characters'));
