import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { authorityOrderTypes, memberStates } from '#shared/moderation/domain/authority-order.ts';
import { noticeCategories } from '#shared/moderation/domain/taxonomy.ts';
import { AuthorityOrderIdSchema } from '#shared/moderation/http/schemas/authority-orders.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/**
 * The register of Member State authorities' orders (DSA Art. 9 and 10) as the API answers it: its
 * part of the OpenAPI document comes from these schemas. Nothing parses an answer at run time, so
 * only the OpenAPI document loads this module and the function never builds these schemas
 * (requests are in schemas/authority-orders.ts).
 */

export const AuthorityOrderSchema = meta(
  z.object({
    id: AuthorityOrderIdSchema,
    type: z.enum(authorityOrderTypes),
    memberState: z.enum(memberStates),
    authority: z.string(),
    category: z.enum(noticeCategories),
    reference: z.string(),
    receivedAt: isoTime,
    recordedAt: isoTime,
    recordedBy: z.string(),
    confirmedAt: z.optional(isoTime),
    effectGivenAt: z.optional(isoTime),
  }),
  { id: 'AuthorityOrder' },
);
export const AuthorityOrderPageSchema = pageOf(AuthorityOrderSchema, 'AuthorityOrderPage');
