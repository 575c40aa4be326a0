import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';
import { BlocklistEntryIdSchema } from '#shared/moderation/domain/ids.ts';
import { blocklistKinds } from '#shared/moderation/domain/screening.ts';

/**
 * The blocklists as the API answers them: their part of the OpenAPI document comes from these
 * schemas. Nothing parses an answer at run time, so only the OpenAPI document loads this module and
 * the function never builds these schemas (requests are in schemas/blocklists.ts).
 */

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
