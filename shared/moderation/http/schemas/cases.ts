import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { printableText } from '#shared/http/text.ts';
import { actions, contentTypes } from '#shared/moderation/domain/index.ts';
import { AccountIdSchema } from '#shared/moderation/http/schemas/common.ts';
import { NoticeIdSchema } from '#shared/moderation/domain/ids.ts';
import { EU_EEA } from '#shared/moderation/domain/transparency-db.ts';

/**
 * Cases as moderators list and decide them: the requests. Their validation, their TypeScript types
 * and their part of the OpenAPI document come from these schemas. The answers' schemas are in
 * response-schemas/cases.ts, which only the OpenAPI document loads: a schema is built when its
 * module loads, and the function, which never parses an answer, would build them all at every cold
 * start.
 */

/** Shared with the answers (response-schemas/cases.ts). */
export const caseStatuses = ['open', 'decided', 'appealed', 'closed'] as const;

export const CasesQuerySchema = z.strictObject({
  status: z._default(z.enum(caseStatuses), 'open'),
  limit: pageLimit,
  cursor: pageCursor,
});

export const DecisionRequestSchema = meta(
  z.strictObject({
    action: z.enum(actions),
    ground: describe(z.optional(z.enum(['terms', 'illegal'])), 'Required for a restriction: the terms of service or the law'),
    // Published in the statement of reasons: printable text only (no control or bidi-override characters).
    groundReference: describe(
      z.optional(printableText(500, { singleLine: true })),
      'The clause of the terms or the legal provision (published; one line of printable text)',
    ),
    groundExplanation: describe(z.optional(printableText(2000)), 'Why the content is incompatible or illegal (published; printable text)'),
    facts: describe(
      z.optional(printableText(5000)),
      'The facts and circumstances relied on (published without personal data; printable text)',
    ),
    durationDays: describe(z.optional(z.int().check(z.minimum(1), z.maximum(3650))), 'Required for restrict_account and suspend_account'),
    affectedAccountId: describe(z.optional(AccountIdSchema), 'The account the measure affects, when the content has no known author'),
    accountType: z.optional(z.enum(['private', 'business'])),
    contentType: z.optional(z.enum(contentTypes)),
    contentDate: z.optional(z.iso.date()),
    territorialScope: z.optional(z.array(z.enum(EU_EEA)).check(z.maxLength(30))),
    contentLanguage: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'Must be an upper-case ISO 639-1 code'))),
    unfoundedNoticeIds: describe(
      z.optional(z.array(NoticeIdSchema).check(z.maxLength(100))),
      'With no_action: notices that were manifestly unfounded (Art. 23)',
    ),
  }),
  {
    id: 'DecisionRequest',
    example: {
      action: 'remove',
      ground: 'terms',
      groundReference: 'Terms of service 4.2: fraud and scams',
      groundExplanation: 'The post solicits payments with a promise of returns that are never made.',
      facts: 'Several notices and a blocklisted wallet address identify the post as an advance-fee scam.',
    },
  },
);
