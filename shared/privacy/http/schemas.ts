import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { manualHoldReasons } from '#shared/privacy/domain/legal-hold.ts';

/**
 * The privacy API's requests: their validation and their part of the OpenAPI document come from
 * these schemas, with the page keys the staff lists check before a cursor reaches DynamoDB. The
 * answers' schemas are in response-schemas.ts, which only the OpenAPI document loads: a schema is
 * built when its module loads, and the function, which never parses an answer, would build them
 * all at every cold start. The data subject is in both a request (a legal hold) and answers, so it
 * stays here and response-schemas.ts imports it.
 */

const printable = (max: number) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}\p{Cf}]*$/u, 'Must be printable text'));

const idOf = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `Must be an id starting with ${prefix}_`));

export const RequestIdPathSchema = z.object({ id: idOf('prq') });
export const HoldIdPathSchema = z.object({ id: idOf('lgh') });
export const ChannelPathSchema = z.object({ channel: z.enum(['social', 'email', 'phone']) });
export const ChannelRequestPathSchema = z.extend(ChannelPathSchema, { id: idOf('prq') });

export const SubjectSchema = meta(
  z.object({
    kind: describe(
      z.enum(['account', 'integration']),
      '`account`: a person with an account (their subject id); `integration`: a person known through an integration channel (the pseudonym stored as owner)',
    ),
    id: printable(200),
  }),
  { id: 'DataSubject' },
);

export const ContactCorrectionSchema = z
  .strictObject({
    email: z.optional(z.email().check(z.maxLength(254))),
    phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ()-]{6,20}$/, 'Must be a phone number'))),
    name: z.optional(printable(200)),
  })
  .check(
    z.refine((c) => c.email !== undefined || c.phone !== undefined || c.name !== undefined, {
      message: 'Give at least one of email, phone, name',
    }),
  );

export const ChannelErasureSchema = z.strictObject({
  reference: describe(
    printable(320),
    'The person as the channel knows them: the handle, email address or phone number the complaints were filed with',
  ),
});

export const LegalHoldInputSchema = z.strictObject({
  subject: SubjectSchema,
  reason: z.enum(manualHoldReasons),
  reference: describe(printable(200), "The authority order's or the incident's reference"),
  until: z.optional(z.iso.datetime()),
});

export const PageQuerySchema = z.object({ limit: pageLimit, cursor: pageCursor });
export const FiguresQuerySchema = z.object({
  quarter: z.string().check(z.regex(/^\d{4}-Q[1-4]$/, 'Must be a quarter such as 2026-Q4')),
});

/** Page keys of the staff lists, checked before DynamoDB sees a cursor. */
export const awaitingKeySchema = z.strictObject({
  pk: z.string().check(z.startsWith('REQUEST#')),
  sk: z.literal('REQUEST'),
  awaitingPk: z.literal('AWAITING'),
  awaitingSk: z.string().check(z.maxLength(200)),
});
export const activeHoldKeySchema = z.strictObject({
  pk: z.string().check(z.startsWith('HOLD#')),
  sk: z.literal('HOLD'),
  activePk: z.literal('ACTIVE_HOLDS'),
  activeSk: z.string().check(z.maxLength(200)),
});
