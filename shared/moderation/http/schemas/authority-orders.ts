import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { printableText as text } from '#shared/http/text.ts';
import { idPattern } from '#shared/ids.ts';
import { authorityOrderTypes, memberStates } from '#shared/moderation/domain/authority-order.ts';
import { noticeCategories } from '#shared/moderation/domain/taxonomy.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/**
 * The register of Member State authorities' orders (DSA Art. 9 and 10): the requests. Their
 * validation, their TypeScript types and their part of the OpenAPI document come from these
 * schemas. The answers' schemas are in response-schemas/authority-orders.ts, which only the OpenAPI
 * document loads: a schema is built when its module loads, and the function, which never parses an
 * answer, would build them all at every cold start.
 */

export const AuthorityOrderIdSchema = z.string().check(z.regex(idPattern('aor'), 'Must be an authority order id (aor_...)'));
export const AuthorityOrderPathSchema = z.strictObject({ id: AuthorityOrderIdSchema });

export const AuthorityOrderRequestSchema = meta(
  z.strictObject({
    type: describe(
      z.enum(authorityOrderTypes),
      'act: an order to act against illegal content (Art. 9); provide_information: an order to provide information (Art. 10)',
    ),
    memberState: describe(z.enum(memberStates), 'The issuing Member State, ISO 3166-1 alpha-2 (Greece: GR)'),
    authority: describe(text(200, { singleLine: true }), 'The issuing judicial or administrative authority, as it signs the order'),
    category: describe(z.enum(noticeCategories), 'The category of content concerned, as for notices'),
    receivedAt: describe(isoTime, 'When the order reached the platform (not in the future)'),
    reference: describe(
      text(100, { singleLine: true }),
      "The authority's reference of the order: one order per Member State and reference",
    ),
  }),
  {
    id: 'AuthorityOrderRequest',
    example: { type: 'act', memberState: 'FR', authority: 'Tribunal judiciaire de Paris', category: 'fraud_or_scam', receivedAt: '2026-11-03T09:15:00Z', reference: 'RG 26/01234' },
  },
);

/** When a step was taken; now when the body leaves it out. */
export const ConfirmationRequestSchema = meta(
  z.strictObject({ confirmedAt: describe(z.optional(isoTime), 'When receipt was confirmed to the authority; now if left out') }),
  { id: 'AuthorityOrderConfirmationRequest' },
);
export const EffectRequestSchema = meta(
  z.strictObject({ effectGivenAt: describe(z.optional(isoTime), 'When the authority was informed of the effect given; now if left out') }),
  { id: 'AuthorityOrderEffectRequest' },
);
