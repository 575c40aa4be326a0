import * as z from 'zod';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { holdReasons } from '#shared/personal-data/holder.ts';
import { manualHoldReasons } from '#shared/privacy/domain/legal-hold.ts';
import { requestKinds, requestStatuses } from '#shared/privacy/domain/request.ts';

const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'Must be printable text');

const idOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `Must be an id starting with ${prefix}_`);

export const RequestIdPathSchema = z.object({ id: idOf('prq') });
export const HoldIdPathSchema = z.object({ id: idOf('lgh') });
export const ChannelPathSchema = z.object({ channel: z.enum(['social', 'email', 'phone']) });
export const ChannelRequestPathSchema = ChannelPathSchema.extend({ id: idOf('prq') });

export const SubjectSchema = z
  .object({
    kind: z.enum(['account', 'integration']).describe('`account`: a person with an account (their subject id); `integration`: a person known through an integration channel (the pseudonym stored as owner)'),
    id: printable(200),
  })
  .meta({ id: 'DataSubject' });

const HeldItemSchema = z
  .object({
    category: z.string().describe('`<context>.<kind of item>`, e.g. `moderation.appeal`'),
    itemId: z.string(),
    reason: z.enum(holdReasons),
    explanation: z.string().describe('Why the item is kept, in plain words'),
    until: z.iso.datetime().optional().describe('When the hold ends on its own, if known; erasure runs again then'),
  })
  .meta({ id: 'HeldItem' });

const RequestStepSchema = z.object({
  at: z.iso.datetime(),
  step: z.enum(['requested', 'archive-ready', 'downloaded', 'archive-deleted', 'cancelled', 'erased', 'held', 'hold-ended']),
  detail: z.string().optional(),
});

export const PrivacyRequestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(requestKinds),
    status: z.enum(requestStatuses),
    requestedAt: z.iso.datetime(),
    deadlineAt: z.iso.datetime().describe("The platform's deadline to answer the request"),
    erasesAt: z.iso.datetime().optional().describe('Erasure: the end of the cooling-off, until which it can be cancelled'),
    expiresAt: z.iso.datetime().optional().describe('Export: until when the archive can be downloaded'),
    completedAt: z.iso.datetime().optional(),
    archive: z.object({ bytes: z.number().int(), parts: z.number().int() }).optional(),
    held: z.array(HeldItemSchema).describe('Erasure: what was kept, and why'),
    steps: z.array(RequestStepSchema),
  })
  .meta({ id: 'PrivacyRequest' });

export const StaffPrivacyRequestSchema = PrivacyRequestSchema.extend({
  subject: SubjectSchema,
  via: z.string().describe('`account`, or `channel:<channel>` for an integration'),
  overdue: z.boolean(),
}).meta({ id: 'StaffPrivacyRequest' });

export const PrivacyRequestListSchema = z.object({ items: z.array(PrivacyRequestSchema) });
export const StaffRequestPageSchema = z.object({ items: z.array(StaffPrivacyRequestSchema), nextCursor: z.string().nullable() });

export const ContactCorrectionSchema = z
  .strictObject({
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'Must be a phone number').optional(),
    name: printable(200).optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined || c.name !== undefined, { message: 'Give at least one of email, phone, name' });

export const CorrectionResultSchema = z.object({
  corrected: z.record(z.string(), z.number().int()).describe('Items changed per context'),
});

export const ChannelErasureSchema = z.strictObject({
  reference: printable(320).describe('The person as the channel knows them: the handle, email address or phone number the complaints were filed with'),
});

export const LegalHoldInputSchema = z.strictObject({
  subject: SubjectSchema,
  reason: z.enum(manualHoldReasons),
  reference: printable(200).describe("The authority order's or the incident's reference"),
  until: z.iso.datetime().optional(),
});

export const LegalHoldSchema = z
  .object({
    id: z.string(),
    subject: SubjectSchema,
    reason: z.enum(manualHoldReasons),
    reference: z.string(),
    placedBy: z.string(),
    placedAt: z.iso.datetime(),
    until: z.iso.datetime().optional(),
    releasedAt: z.iso.datetime().optional(),
    releasedBy: z.string().optional(),
  })
  .meta({ id: 'LegalHold' });
export const LegalHoldPageSchema = z.object({ items: z.array(LegalHoldSchema), nextCursor: z.string().nullable() });

export const PageQuerySchema = z.object({ limit: pageLimit, cursor: pageCursor });
export const FiguresQuerySchema = z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Must be a quarter such as 2026-Q4') });

const KindFiguresSchema = z.object({
  requested: z.number().int(),
  completed: z.number().int(),
  completedOnTime: z.number().int(),
  cancelled: z.number().int(),
  hoursToComplete: z.object({ median: z.number().nullable(), max: z.number().nullable() }),
  onTimeShare: z.number().nullable(),
  overdue: z.number().int(),
});
export const PrivacyFiguresSchema = z.object({ quarter: z.string(), export: KindFiguresSchema, erasure: KindFiguresSchema }).meta({ id: 'PrivacyRequestFigures' });

export const RetentionPolicySchema = z
  .object({
    rules: z.array(
      z.object({
        name: z.string(),
        category: z.string(),
        from: z.string(),
        months: z.number().int().optional(),
        days: z.number().int().optional(),
        enforcedBy: z.enum(['ttl', 'due-day']),
        description: z.string(),
      }),
    ),
    erasure: z.object({ coolingOffHours: z.number(), deadlineDays: z.number(), backups: z.string() }),
  })
  .meta({ id: 'RetentionPolicy' });

/** Page keys of the staff lists, checked before DynamoDB sees a cursor. */
export const awaitingKeySchema = z.strictObject({ pk: z.string().startsWith('REQUEST#'), sk: z.literal('REQUEST'), awaitingPk: z.literal('AWAITING'), awaitingSk: z.string().max(200) });
export const activeHoldKeySchema = z.strictObject({ pk: z.string().startsWith('HOLD#'), sk: z.literal('HOLD'), activePk: z.literal('ACTIVE_HOLDS'), activeSk: z.string().max(200) });
