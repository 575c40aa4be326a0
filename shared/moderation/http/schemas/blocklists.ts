import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { printableText as text } from '#shared/http/text.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { BlocklistEntryIdSchema } from '#shared/moderation/domain/ids.ts';
import { blocklistKinds } from '#shared/moderation/domain/screening.ts';

/** The blocklists moderators keep: media hashes, URLs and domains, phone numbers, payment accounts. */

export const BlocklistKindPathSchema = z.strictObject({ kind: z.enum(blocklistKinds) });
export const BlocklistEntryPathSchema = z.strictObject({ kind: z.enum(blocklistKinds), entryId: BlocklistEntryIdSchema });
export const BlocklistEntryRequestSchema = meta(
  z.strictObject({
    value: describe(text(2048), 'A media hash (hex), a URL or domain, a phone number or a payment account (IBAN, card, wallet)'),
    reason: describe(text(500), 'Why it is blocked'),
  }),
  { id: 'BlocklistEntryRequest', example: { value: '+44 20 7946 0999', reason: 'Advance-fee scam hotline (case_...)' } },
);
export const BlocklistEntrySchema = meta(
  z.object({
    id: BlocklistEntryIdSchema,
    kind: z.enum(blocklistKinds),
    value: z.string(),
    reason: z.string(),
    addedBy: z.string(),
    addedAt: isoTime,
  }),
  { id: 'BlocklistEntry' },
);
export const BlocklistPageSchema = pageOf(BlocklistEntrySchema, 'BlocklistPage');
