import * as z from 'zod';
import { printableText as text } from '#shared/http/text.ts';
import { idPattern } from '#shared/ids.ts';
import { authorityOrderTypes, memberStates } from '#shared/moderation/domain/authority-order.ts';
import { noticeCategories } from '#shared/moderation/domain/taxonomy.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/** The register of Member State authorities' orders (DSA Art. 9 and 10). */

export const AuthorityOrderIdSchema = z.string().regex(idPattern('aor'), 'Must be an authority order id (aor_...)');
export const AuthorityOrderPathSchema = z.strictObject({ id: AuthorityOrderIdSchema });

export const AuthorityOrderRequestSchema = z
  .strictObject({
    type: z.enum(authorityOrderTypes).describe('act: an order to act against illegal content (Art. 9); provide_information: an order to provide information (Art. 10)'),
    memberState: z.enum(memberStates).describe('The issuing Member State, ISO 3166-1 alpha-2 (Greece: GR)'),
    authority: text(200, { singleLine: true }).describe('The issuing judicial or administrative authority, as it signs the order'),
    category: z.enum(noticeCategories).describe('The category of content concerned, as for notices'),
    receivedAt: isoTime.describe('When the order reached the platform (not in the future)'),
    reference: text(100, { singleLine: true }).describe("The authority's reference of the order: one order per Member State and reference"),
  })
  .meta({
    id: 'AuthorityOrderRequest',
    example: { type: 'act', memberState: 'FR', authority: 'Tribunal judiciaire de Paris', category: 'fraud_or_scam', receivedAt: '2026-11-03T09:15:00Z', reference: 'RG 26/01234' },
  });

/** When a step was taken; now when the body leaves it out. */
export const ConfirmationRequestSchema = z
  .strictObject({ confirmedAt: isoTime.optional().describe('When receipt was confirmed to the authority; now if left out') })
  .meta({ id: 'AuthorityOrderConfirmationRequest' });
export const EffectRequestSchema = z
  .strictObject({ effectGivenAt: isoTime.optional().describe('When the authority was informed of the effect given; now if left out') })
  .meta({ id: 'AuthorityOrderEffectRequest' });

export const AuthorityOrderSchema = z
  .object({
    id: AuthorityOrderIdSchema,
    type: z.enum(authorityOrderTypes),
    memberState: z.enum(memberStates),
    authority: z.string(),
    category: z.enum(noticeCategories),
    reference: z.string(),
    receivedAt: isoTime,
    recordedAt: isoTime,
    recordedBy: z.string(),
    confirmedAt: isoTime.optional(),
    effectGivenAt: isoTime.optional(),
  })
  .meta({ id: 'AuthorityOrder' });
export const AuthorityOrderPageSchema = z.object({ items: z.array(AuthorityOrderSchema), nextCursor: z.string().nullable() }).meta({ id: 'AuthorityOrderPage' });
