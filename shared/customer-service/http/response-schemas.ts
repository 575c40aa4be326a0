import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { categories, channels, statuses } from '#shared/customer-service/domain/complaint.ts';
import { priorities, slaTargets } from '#shared/customer-service/domain/sla-policy.ts';
import { ComplaintIdSchema } from '#shared/customer-service/http/schemas.ts';
import { pageOf } from '#shared/http/page-query.ts';

/**
 * The complaint API's answers: their TypeScript types and their part of the OpenAPI document
 * come from these schemas. Nothing parses an answer at run time, so the functions import this
 * module for its types only and never build these schemas (requests are in schemas.ts).
 */

const isoTime = z.iso.datetime();

export const ComplaintReceiptSchema = meta(
  z.object({
    id: ComplaintIdSchema,
    status: z.enum(statuses),
    priority: z.enum(priorities),
    createdAt: isoTime,
    firstResponseDueAt: describe(
      isoTime,
      'The latest time of the first response under the SLA policy for this priority (24 hours at most)',
    ),
    commitmentDueAt: describe(isoTime, "The platform's promise: a first response within 24 hours of filing"),
  }),
  { id: 'ComplaintReceipt' },
);

const DeadlinesSchema = meta(
  describe(
    z.partialRecord(z.enum(slaTargets), isoTime),
    'Deadlines of the SLA targets still running; time waiting on the user is added to them',
  ),
  { id: 'Deadlines' },
);

export const ComplaintSummarySchema = meta(
  z.object({
    id: ComplaintIdSchema,
    status: z.enum(statuses),
    priority: z.enum(priorities),
    channel: z.enum(channels),
    category: z.enum(categories),
    subject: z.string(),
    createdAt: isoTime,
    updatedAt: isoTime,
    deadlines: DeadlinesSchema,
    assigneeId: describe(z.optional(z.string()), 'Staff only: the agent working the complaint'),
    breached: describe(z.optional(z.array(z.enum(slaTargets))), 'Staff only: the targets already breached'),
  }),
  { id: 'ComplaintSummary' },
);
export type ComplaintSummary = z.output<typeof ComplaintSummarySchema>;

export const ComplaintSchema = meta(
  z.extend(ComplaintSummarySchema, {
    description: z.string(),
    contact: z.optional(z.object({ email: z.optional(z.string()), phone: z.optional(z.string()) })),
    relatedContentUrl: z.optional(z.string()),
    firstRespondedAt: z.optional(isoTime),
    waitingOnUserSince: describe(z.optional(isoTime), 'Set while the complaint waits on the user: the SLA clocks are paused'),
    resolvedAt: z.optional(isoTime),
    reopenableUntil: describe(z.optional(isoTime), 'A resolved complaint can be reopened until then'),
    closedAt: z.optional(isoTime),
    origin: describe(z.optional(z.enum(['account', 'integration'])), 'Staff only'),
    externalRef: describe(z.optional(z.string()), 'Staff only: who filed through an integration. Personal data'),
    commitment: describe(z.optional(z.enum(['met', 'missed'])), 'Staff only: whether the 24-hour promise was kept'),
    firstResponseMinutes: describe(z.optional(z.number()), 'Staff only: active minutes to the first response'),
  }),
  { id: 'Complaint' },
);
export type ComplaintView = z.output<typeof ComplaintSchema>;

export const ComplaintPageSchema = meta(
  z.object({
    items: z.array(ComplaintSummarySchema),
    nextCursor: describe(z.nullable(z.string()), 'Pass as `cursor` to get the next page; null on the last page'),
  }),
  { id: 'ComplaintPage' },
);

const ActorSchema = meta(
  z.object({
    kind: z.enum(['user', 'staff', 'integration', 'system']),
    id: describe(z.optional(z.string()), 'Shown to staff only'),
  }),
  { id: 'Actor' },
);

export const MessageSchema = meta(
  z.object({
    id: z.string(),
    author: ActorSchema,
    visibility: z.enum(['public', 'internal']),
    createdAt: isoTime,
    body: z.string(),
  }),
  { id: 'Message' },
);
export type MessageView = z.output<typeof MessageSchema>;

export const MessagePageSchema = pageOf(MessageSchema, 'MessagePage');

const HistoryEntrySchema = meta(
  z.object({
    at: isoTime,
    actor: ActorSchema,
    action: z.string(),
    visibility: z.enum(['public', 'staff']),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }),
  { id: 'HistoryEntry' },
);
export type HistoryEntryView = z.output<typeof HistoryEntrySchema>;

export const HistoryPageSchema = pageOf(HistoryEntrySchema, 'HistoryPage');

export const WorkQueuePageSchema = meta(z.object({ items: z.array(ComplaintSummarySchema), nextCursor: z.nullable(z.string()) }), {
  id: 'WorkQueuePage',
  description: 'Soonest deadline first; a filtered page may hold fewer items than the limit',
});
