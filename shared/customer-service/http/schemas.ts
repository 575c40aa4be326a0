import * as z from 'zod';
import {
  categories,
  channels,
  integrationChannels,
  personChannels,
  statuses,
} from '#shared/customer-service/domain/complaint.ts';
import { priorities, slaTargets } from '#shared/customer-service/domain/sla-policy.ts';
import { LIST_LIMIT_MAX, pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { httpUrl, printableText } from '#shared/http/text.ts';
import { idPattern } from '#shared/ids.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/**
 * The complaint API's contract: request validation, the TypeScript types and the OpenAPI
 * document all come from these schemas.
 */

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 5000;

const text = printableText;

const ContactSchema = z
  .strictObject({
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'Must be a phone number such as +44 20 7946 0000')
      .optional(),
  })
  .refine((contact) => contact.email !== undefined || contact.phone !== undefined, {
    message: 'Give an email, a phone number or both',
  })
  .meta({ id: 'Contact', description: 'How the complainant can be reached. Personal data: stored encrypted.' });

export const CreateComplaintRequestSchema = z
  .strictObject({
    channel: z
      .enum(personChannels)
      .describe('Where the complaint was made: the website or the app (social, email and phone come through integrations)'),
    category: z.enum(categories),
    subject: text(SUBJECT_MAX).describe('Personal data: stored encrypted'),
    description: text(DESCRIPTION_MAX).describe('Personal data: stored encrypted'),
    contact: ContactSchema.optional(),
    relatedContentUrl: httpUrl.optional().describe('The content the complaint is about, if any'),
  })
  .meta({
    id: 'CreateComplaintRequest',
    example: {
      channel: 'web',
      category: 'service_quality',
      subject: 'Checkout page times out',
      description: 'Since Monday the checkout page times out after I press Pay.',
      contact: { email: 'ada@example.com' },
    },
  });
export type CreateComplaintRequest = z.output<typeof CreateComplaintRequestSchema>;

const isoTime = z.iso.datetime();
export const ComplaintIdSchema = z.string().regex(idPattern('cmp'), 'Must be a complaint id (cmp_...)');

export const ComplaintReceiptSchema = z
  .object({
    id: ComplaintIdSchema,
    status: z.enum(statuses),
    priority: z.enum(priorities),
    createdAt: isoTime,
    firstResponseDueAt: isoTime.describe(
      'The latest time of the first response under the SLA policy for this priority (24 hours at most)',
    ),
    commitmentDueAt: isoTime.describe("The platform's promise: a first response within 24 hours of filing"),
  })
  .meta({ id: 'ComplaintReceipt' });

const DeadlinesSchema = z
  .partialRecord(z.enum(slaTargets), isoTime)
  .describe('Deadlines of the SLA targets still running; time waiting on the user is added to them')
  .meta({ id: 'Deadlines' });

export const ComplaintSummarySchema = z
  .object({
    id: ComplaintIdSchema,
    status: z.enum(statuses),
    priority: z.enum(priorities),
    channel: z.enum(channels),
    category: z.enum(categories),
    subject: z.string(),
    createdAt: isoTime,
    updatedAt: isoTime,
    deadlines: DeadlinesSchema,
    assigneeId: z.string().optional().describe('Staff only: the agent working the complaint'),
    breached: z.array(z.enum(slaTargets)).optional().describe('Staff only: the targets already breached'),
  })
  .meta({ id: 'ComplaintSummary' });
export type ComplaintSummary = z.output<typeof ComplaintSummarySchema>;

export const ComplaintSchema = ComplaintSummarySchema.extend({
  description: z.string(),
  contact: z.object({ email: z.string().optional(), phone: z.string().optional() }).optional(),
  relatedContentUrl: z.string().optional(),
  firstRespondedAt: isoTime.optional(),
  waitingOnUserSince: isoTime.optional().describe('Set while the complaint waits on the user: the SLA clocks are paused'),
  resolvedAt: isoTime.optional(),
  reopenableUntil: isoTime.optional().describe('A resolved complaint can be reopened until then'),
  closedAt: isoTime.optional(),
  origin: z.enum(['account', 'integration']).optional().describe('Staff only'),
  externalRef: z.string().optional().describe('Staff only: who filed through an integration. Personal data'),
  commitment: z.enum(['met', 'missed']).optional().describe('Staff only: whether the 24-hour promise was kept'),
  firstResponseMinutes: z.number().optional().describe('Staff only: active minutes to the first response'),
}).meta({ id: 'Complaint' });
export type ComplaintView = z.output<typeof ComplaintSchema>;

export const ListComplaintsQuerySchema = z.strictObject({
  limit: pageLimit.describe(`Page size, 1 to ${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT})`),
  cursor: pageCursor,
});

export const ComplaintPageSchema = z
  .object({
    items: z.array(ComplaintSummarySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  })
  .meta({ id: 'ComplaintPage' });

export const PatchComplaintRequestSchema = z
  .strictObject({ priority: z.enum(priorities) })
  .meta({ id: 'PatchComplaintRequest', description: 'Staff: change the priority' });

export const AssigneeRequestSchema = z
  .strictObject({
    assigneeId: z
      .string()
      .regex(/^[\w.@:-]{1,128}$/, 'Must be a staff member id')
      .nullable()
      .describe('The agent to hand the complaint to; null to put it back in the queue'),
  })
  .meta({ id: 'AssigneeRequest' });

export const StatusRequestSchema = z
  .strictObject({
    status: z
      .enum(['open', 'waiting_on_user', 'resolved', 'closed'])
      .describe(
        'Staff: open, waiting_on_user (after asking the user), resolved (after replying), closed (after resolving). ' +
          'Users: open (reopen a resolved complaint within the reopen window) or closed (withdraw).',
      ),
  })
  .meta({ id: 'StatusRequest' });

const MESSAGE_MAX = 5000;
export const MessageRequestSchema = z
  .strictObject({
    body: text(MESSAGE_MAX).describe('Personal data: stored encrypted'),
    visibility: z
      .enum(['public', 'internal'])
      .default('public')
      .describe('public: a reply the user sees; internal: a note only staff see'),
    awaitUser: z
      .boolean()
      .optional()
      .describe('Staff: the reply asks the user for something; the complaint waits on the user and its clocks pause'),
  })
  .meta({ id: 'MessageRequest', example: { body: 'We have refunded the payment; it reaches you in 3 days.' } });
export type MessageRequest = z.output<typeof MessageRequestSchema>;

const ActorSchema = z
  .object({
    kind: z.enum(['user', 'staff', 'integration', 'system']),
    id: z.string().optional().describe('Shown to staff only'),
  })
  .meta({ id: 'Actor' });

export const MessageSchema = z
  .object({
    id: z.string(),
    author: ActorSchema,
    visibility: z.enum(['public', 'internal']),
    createdAt: isoTime,
    body: z.string(),
  })
  .meta({ id: 'Message' });
export type MessageView = z.output<typeof MessageSchema>;

export const MessagePageSchema = z
  .object({ items: z.array(MessageSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'MessagePage' });

const HistoryEntrySchema = z
  .object({
    at: isoTime,
    actor: ActorSchema,
    action: z.string(),
    visibility: z.enum(['public', 'staff']),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntryView = z.output<typeof HistoryEntrySchema>;

export const HistoryPageSchema = z
  .object({ items: z.array(HistoryEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'HistoryPage' });

const pageQuery = {
  limit: ListComplaintsQuerySchema.shape.limit,
  cursor: ListComplaintsQuerySchema.shape.cursor,
};
export const PageQuerySchema = z.strictObject(pageQuery);

export const WorkQueueQuerySchema = z.strictObject({
  status: z.enum(statuses).default('received').describe('The queue to list (default received: not yet taken)'),
  priority: z.enum(priorities).optional(),
  channel: z.enum(channels).optional(),
  category: z.enum(categories).optional(),
  assignee: z
    .string()
    .regex(/^(me|none|[\w.@:-]{1,128})$/, 'Must be me, none or a staff member id')
    .optional()
    .describe('me, none (unassigned) or a staff member id'),
  ...pageQuery,
});
export type WorkQueueQuery = z.output<typeof WorkQueueQuerySchema>;

export const WorkQueuePageSchema = z
  .object({ items: z.array(ComplaintSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'WorkQueuePage', description: 'Soonest deadline first; a filtered page may hold fewer items than the limit' });

/** A message's id on its channel (a post id, an email's Message-ID, a call reference). */
const ChannelMessageIdSchema = z
  .string()
  .regex(/^[\w.:@<>+=/-]{1,200}$/, 'Must be the channel message id: 1 to 200 printable characters without spaces');

export const ChannelComplaintRequestSchema = z
  .strictObject({
    messageId: ChannelMessageIdSchema.describe(
      'The id of the post, email or call on its channel: a repeat is recognised and not filed twice',
    ),
    externalRef: text(320).describe('Who complained on the channel (handle, address, number). Personal data: stored encrypted'),
    category: z.enum(categories),
    subject: text(SUBJECT_MAX).describe('Personal data: stored encrypted'),
    description: text(DESCRIPTION_MAX).describe('Personal data: stored encrypted'),
    contact: ContactSchema.optional(),
    relatedContentUrl: httpUrl.optional(),
  })
  .meta({
    id: 'ChannelComplaintRequest',
    example: {
      messageId: 'dm-1790012345',
      externalRef: '@ada_l',
      category: 'billing',
      subject: 'Charged twice',
      description: 'I was charged twice for my order last night.',
    },
  });
export type ChannelComplaintRequest = z.output<typeof ChannelComplaintRequestSchema>;
export const IntegrationChannelSchema = z.strictObject({ channel: z.enum(integrationChannels) });
export const ChannelComplaintPathSchema = z.strictObject({ channel: z.enum(integrationChannels), id: ComplaintIdSchema });

/** The person's answer, received on the channel the complaint came from and passed on by its integration. */
export const ChannelMessageRequestSchema = z
  .strictObject({
    messageId: ChannelMessageIdSchema.describe(
      'The id of the answer on its channel: a repeat is recognised and not added twice',
    ),
    body: text(MESSAGE_MAX).describe('What the person wrote. Personal data: stored encrypted'),
  })
  .meta({
    id: 'ChannelMessageRequest',
    example: { messageId: 'dm-1790012999', body: 'The second charge is still on my statement.' },
  });
export type ChannelMessageRequest = z.output<typeof ChannelMessageRequestSchema>;


