import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { holdReasons } from '#shared/personal-data/holder.ts';
import { manualHoldReasons } from '#shared/privacy/domain/legal-hold.ts';
import { requestKinds, requestStatuses } from '#shared/privacy/domain/request.ts';

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

const HeldItemSchema = meta(
  z.object({
    category: describe(z.string(), '`<context>.<kind of item>`, e.g. `moderation.appeal`'),
    itemId: z.string(),
    reason: z.enum(holdReasons),
    explanation: describe(z.string(), 'Why the item is kept, in plain words'),
    until: describe(z.optional(z.iso.datetime()), 'When the hold ends on its own, if known; erasure runs again then'),
  }),
  { id: 'HeldItem' },
);

const RequestStepSchema = z.object({
  at: z.iso.datetime(),
  step: z.enum(['requested', 'archive-ready', 'downloaded', 'archive-deleted', 'cancelled', 'erased', 'held', 'hold-ended']),
  detail: z.optional(z.string()),
});

export const PrivacyRequestSchema = meta(
  z.object({
    id: z.string(),
    kind: z.enum(requestKinds),
    status: z.enum(requestStatuses),
    requestedAt: z.iso.datetime(),
    deadlineAt: describe(z.iso.datetime(), "The platform's deadline to answer the request"),
    erasesAt: describe(z.optional(z.iso.datetime()), 'Erasure: the end of the cooling-off, until which it can be cancelled'),
    expiresAt: describe(z.optional(z.iso.datetime()), 'Export: until when the archive can be downloaded'),
    completedAt: z.optional(z.iso.datetime()),
    archive: z.optional(z.object({ bytes: z.int(), parts: z.int() })),
    held: describe(z.array(HeldItemSchema), 'Erasure: what was kept, and why'),
    steps: z.array(RequestStepSchema),
  }),
  { id: 'PrivacyRequest' },
);

export const StaffPrivacyRequestSchema = meta(
  z.extend(PrivacyRequestSchema, {
    subject: SubjectSchema,
    via: describe(z.string(), '`account`, or `channel:<channel>` for an integration'),
    overdue: z.boolean(),
  }),
  { id: 'StaffPrivacyRequest' },
);

export const PrivacyRequestListSchema = z.object({ items: z.array(PrivacyRequestSchema) });
export const StaffRequestPageSchema = z.object({ items: z.array(StaffPrivacyRequestSchema), nextCursor: z.nullable(z.string()) });

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

export const CorrectionResultSchema = z.object({
  corrected: describe(z.record(z.string(), z.int()), 'Items changed per context'),
});

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

export const LegalHoldSchema = meta(
  z.object({
    id: z.string(),
    subject: SubjectSchema,
    reason: z.enum(manualHoldReasons),
    reference: z.string(),
    placedBy: z.string(),
    placedAt: z.iso.datetime(),
    until: z.optional(z.iso.datetime()),
    releasedAt: z.optional(z.iso.datetime()),
    releasedBy: z.optional(z.string()),
  }),
  { id: 'LegalHold' },
);
export const LegalHoldPageSchema = z.object({ items: z.array(LegalHoldSchema), nextCursor: z.nullable(z.string()) });

export const PageQuerySchema = z.object({ limit: pageLimit, cursor: pageCursor });
export const FiguresQuerySchema = z.object({
  quarter: z.string().check(z.regex(/^\d{4}-Q[1-4]$/, 'Must be a quarter such as 2026-Q4')),
});

const KindFiguresSchema = z.object({
  requested: z.int(),
  completed: z.int(),
  completedOnTime: z.int(),
  cancelled: z.int(),
  hoursToComplete: z.object({ median: z.nullable(z.number()), max: z.nullable(z.number()) }),
  onTimeShare: z.nullable(z.number()),
  overdue: z.int(),
});
export const PrivacyFiguresSchema = meta(z.object({ quarter: z.string(), export: KindFiguresSchema, erasure: KindFiguresSchema }), {
  id: 'PrivacyRequestFigures',
});

export const RetentionPolicySchema = meta(
  z.object({
    rules: z.array(
      z.object({
        name: z.string(),
        category: z.string(),
        from: z.string(),
        months: z.optional(z.int()),
        days: z.optional(z.int()),
        enforcedBy: z.enum(['ttl', 'due-day']),
        description: z.string(),
      }),
    ),
    erasure: z.object({ coolingOffHours: z.number(), deadlineDays: z.number(), backups: z.string() }),
  }),
  { id: 'RetentionPolicy' },
);

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
