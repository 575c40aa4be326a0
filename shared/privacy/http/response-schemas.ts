import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { holdReasons } from '#shared/personal-data/holder.ts';
import { manualHoldReasons } from '#shared/privacy/domain/legal-hold.ts';
import { requestKinds, requestStatuses } from '#shared/privacy/domain/request.ts';
import { SubjectSchema } from '#shared/privacy/http/schemas.ts';

/**
 * The privacy API's answers: their part of the OpenAPI document (and the requests' section of the
 * data export's archive, archive-schema.ts) comes from these schemas. Nothing parses an answer at
 * run time, so the privacy function never imports this module and never builds these schemas
 * (requests are in schemas.ts; the answers' TypeScript types come from the domain and the use
 * cases, not from here).
 */

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

export const CorrectionResultSchema = z.object({
  corrected: describe(z.record(z.string(), z.int()), 'Items changed per context'),
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
