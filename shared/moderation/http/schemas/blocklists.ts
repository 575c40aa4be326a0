import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { printableText as text } from '#shared/http/text.ts';
import { BlocklistEntryIdSchema } from '#shared/moderation/domain/ids.ts';
import { blocklistKinds } from '#shared/moderation/domain/screening.ts';

/**
 * The blocklists moderators keep: media hashes, URLs and domains, phone numbers, payment accounts.
 * The requests: their validation, their TypeScript types and their part of the OpenAPI document
 * come from these schemas. The answers' schemas are in response-schemas/blocklists.ts, which only
 * the OpenAPI document loads: a schema is built when its module loads, and the function, which
 * never parses an answer, would build them all at every cold start.
 */

export const BlocklistKindPathSchema = z.strictObject({ kind: z.enum(blocklistKinds) });
export const BlocklistEntryPathSchema = z.strictObject({ kind: z.enum(blocklistKinds), entryId: BlocklistEntryIdSchema });
export const BlocklistEntryRequestSchema = meta(
  z.strictObject({
    value: describe(text(2048), 'A media hash (hex), a URL or domain, a phone number or a payment account (IBAN, card, wallet)'),
    reason: describe(text(500), 'Why it is blocked'),
  }),
  { id: 'BlocklistEntryRequest', example: { value: '+44 20 7946 0999', reason: 'Advance-fee scam hotline (case_...)' } },
);
