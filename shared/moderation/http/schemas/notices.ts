import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { httpUrl, printableText as text } from '#shared/http/text.ts';
import { noticeCategories } from '#shared/moderation/domain/index.ts';
import { ContentIdSchema } from '#shared/moderation/http/schemas/common.ts';

/**
 * Notices (DSA Art. 16) as filed, received and followed; the wire names say "report". The
 * requests: their validation, their TypeScript types and their part of the OpenAPI document come
 * from these schemas. The answers' schemas (receipts and notices as their notifiers see them) are in
 * response-schemas/notices.ts, which the functions import for its types only: a schema is built
 * when its module loads, and a function, which never parses an answer, would build them all at
 * every cold start.
 */

const noticeFields = {
  contentId: describe(ContentIdSchema, 'The platform id of the content reported'),
  contentUrl: describe(httpUrl, 'Where the content is (its exact location, DSA Art. 16(2)(b))'),
  category: z.enum(noticeCategories),
  explanation: describe(text(5000), 'Why the content is fraud, false information, ... (substantiated). Personal data: stored encrypted'),
  goodFaith: z.literal(true, 'Confirm that the notice is accurate and complete, in good faith (DSA Art. 16(2)(d))'),
  financialHarm: describe(z.optional(z.boolean()), 'The content caused or attempts a financial loss'),
  notifierName: describe(z.optional(text(200)), 'Your name, if you wish to give it. Personal data: stored encrypted'),
};

export const CreateNoticeRequestSchema = meta(z.strictObject(noticeFields), {
  id: 'CreateReportRequest',
  example: {
    contentId: 'post-8812',
    contentUrl: 'https://platform.example/p/post-8812',
    category: 'fraud_or_scam',
    explanation: 'The post promises to double any bitcoin sent to the address and links to a fake exchange.',
    goodFaith: true,
    financialHarm: true,
  },
});
export type CreateNoticeRequest = z.output<typeof CreateNoticeRequestSchema>;

export const AnonymousNoticeRequestSchema = meta(
  z.strictObject({
    ...noticeFields,
    contactEmail: describe(
      z.email().check(z.maxLength(254)),
      'Where the decision is sent. Personal data: stored encrypted, used pseudonymised for limits',
    ),
  }),
  { id: 'AnonymousReportRequest' },
);
export type AnonymousNoticeRequest = z.output<typeof AnonymousNoticeRequestSchema>;

/* ------------------------------------------------- people without an account (DSA Art. 16, 20) */

/** 160 bits in base64url (the follow-up token of the domain). */
export const FollowUpTokenSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{27}$/, 'Must be the follow-up token of the receipt (27 characters of A-Z, a-z, 0-9, "-", "_")'));
