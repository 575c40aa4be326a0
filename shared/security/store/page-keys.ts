import * as z from 'zod/mini';

/*
 * Apart from the keys (keys.ts), so that what reads the programme's figures (the transparency
 * jobs) does not load zod: only the listings resume from a cursor.
 */

const urgency = z.string().check(z.regex(/^[1-4]#\d{4}-\d{2}-\d{2}T[\d:.]+Z#fnd_[0-9a-f]{24}$/));
const prefixed = (prefix: string, max: number) => z.string().check(z.startsWith(prefix), z.maxLength(max));

/** The shapes of the last keys a cursor of each listing may carry; anything else is refused. */
export const runPageKeySchema = z.strictObject({
  pk: prefixed('RUN#', 60),
  sk: z.literal('RUN'),
  runsPk: z.literal('RUNS'),
  runsSk: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#aud_[0-9A-Za-z_]{1,40}$/)),
});
export const findingPageKeySchema = z.strictObject({
  pk: prefixed('FINDING#', 60),
  sk: z.literal('FINDING'),
  findingsPk: z.literal('FINDINGS'),
  findingsSk: urgency,
});
export const findingStatusPageKeySchema = z.strictObject({
  pk: prefixed('FINDING#', 60),
  sk: z.literal('FINDING'),
  statusPk: prefixed('STATUS#', 30),
  statusSk: urgency,
});
