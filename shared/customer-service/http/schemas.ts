import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import {
  categories,
  channels,
  integrationChannels,
  personChannels,
  statuses,
} from '#shared/customer-service/domain/complaint.ts';
import { priorities } from '#shared/customer-service/domain/sla-policy.ts';
import { LIST_LIMIT_MAX, pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { httpUrl, printableText } from '#shared/http/text.ts';
import { idPattern } from '#shared/ids.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/**
 * The complaint API's requests: their validation, their TypeScript types and their part of the
 * OpenAPI document come from these schemas. The answers' schemas are in response-schemas.ts,
 * which only the OpenAPI document loads: a schema is built when its module loads, and the
 * function, which never parses an answer, would build them all at every cold start.
 */

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 5000;

const text = printableText;

const ContactSchema = meta(
  z
    .strictObject({
      email: z.optional(z.email().check(z.maxLength(254))),
      phone: z.optional(z.string().check(z.regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'Must be a phone number such as +44 20 7946 0000'))),
    })
    .check(
      z.refine((contact) => contact.email !== undefined || contact.phone !== undefined, {
        message: 'Give an email, a phone number or both',
      }),
    ),
  { id: 'Contact', description: 'How the complainant can be reached. Personal data: stored encrypted.' },
);

export const CreateComplaintRequestSchema = meta(
  z.strictObject({
    channel: describe(
      z.enum(personChannels),
      'Where the complaint was made: the website or the app (social, email and phone come through integrations)',
    ),
    category: z.enum(categories),
    subject: describe(text(SUBJECT_MAX), 'Personal data: stored encrypted'),
    description: describe(text(DESCRIPTION_MAX), 'Personal data: stored encrypted'),
    contact: z.optional(ContactSchema),
    relatedContentUrl: describe(z.optional(httpUrl), 'The content the complaint is about, if any'),
  }),
  {
    id: 'CreateComplaintRequest',
    example: {
      channel: 'web',
      category: 'service_quality',
      subject: 'Checkout page times out',
      description: 'Since Monday the checkout page times out after I press Pay.',
      contact: { email: 'ada@example.com' },
    },
  },
);
export type CreateComplaintRequest = z.output<typeof CreateComplaintRequestSchema>;

export const ComplaintIdSchema = z.string().check(z.regex(idPattern('cmp'), 'Must be a complaint id (cmp_...)'));

export const ListComplaintsQuerySchema = z.strictObject({
  limit: describe(pageLimit, `Page size, 1 to ${LIST_LIMIT_MAX} (default ${LIST_LIMIT_DEFAULT})`),
  cursor: pageCursor,
});

export const PatchComplaintRequestSchema = meta(z.strictObject({ priority: z.enum(priorities) }), {
  id: 'PatchComplaintRequest',
  description: 'Staff: change the priority',
});

export const AssigneeRequestSchema = meta(
  z.strictObject({
    assigneeId: describe(
      z.nullable(z.string().check(z.regex(/^[\w.@:-]{1,128}$/, 'Must be a staff member id'))),
      'The agent to hand the complaint to; null to put it back in the queue',
    ),
  }),
  { id: 'AssigneeRequest' },
);

export const StatusRequestSchema = meta(
  z.strictObject({
    status: describe(
      z.enum(['open', 'waiting_on_user', 'resolved', 'closed']),
      'Staff: open, waiting_on_user (after asking the user), resolved (after replying), closed (after resolving). ' +
        'Users: open (reopen a resolved complaint within the reopen window) or closed (withdraw).',
    ),
  }),
  { id: 'StatusRequest' },
);

const MESSAGE_MAX = 5000;
export const MessageRequestSchema = meta(
  z.strictObject({
    body: describe(text(MESSAGE_MAX), 'Personal data: stored encrypted'),
    visibility: describe(
      z._default(z.enum(['public', 'internal']), 'public'),
      'public: a reply the user sees; internal: a note only staff see',
    ),
    awaitUser: describe(
      z.optional(z.boolean()),
      'Staff: the reply asks the user for something; the complaint waits on the user and its clocks pause',
    ),
  }),
  { id: 'MessageRequest', example: { body: 'We have refunded the payment; it reaches you in 3 days.' } },
);
export type MessageRequest = z.output<typeof MessageRequestSchema>;

const pageQuery = {
  limit: ListComplaintsQuerySchema.shape.limit,
  cursor: ListComplaintsQuerySchema.shape.cursor,
};
export const PageQuerySchema = z.strictObject(pageQuery);

export const WorkQueueQuerySchema = z.strictObject({
  status: describe(z._default(z.enum(statuses), 'received'), 'The queue to list (default received: not yet taken)'),
  priority: z.optional(z.enum(priorities)),
  channel: z.optional(z.enum(channels)),
  category: z.optional(z.enum(categories)),
  assignee: describe(
    z.optional(z.string().check(z.regex(/^(me|none|[\w.@:-]{1,128})$/, 'Must be me, none or a staff member id'))),
    'me, none (unassigned) or a staff member id',
  ),
  ...pageQuery,
});
export type WorkQueueQuery = z.output<typeof WorkQueueQuerySchema>;

/** A message's id on its channel (a post id, an email's Message-ID, a call reference). */
const ChannelMessageIdSchema = z
  .string()
  .check(z.regex(/^[\w.:@<>+=/-]{1,200}$/, 'Must be the channel message id: 1 to 200 printable characters without spaces'));

export const ChannelComplaintRequestSchema = meta(
  z.strictObject({
    messageId: describe(
      ChannelMessageIdSchema,
      'The id of the post, email or call on its channel: a repeat is recognised and not filed twice',
    ),
    externalRef: describe(text(320), 'Who complained on the channel (handle, address, number). Personal data: stored encrypted'),
    category: z.enum(categories),
    subject: describe(text(SUBJECT_MAX), 'Personal data: stored encrypted'),
    description: describe(text(DESCRIPTION_MAX), 'Personal data: stored encrypted'),
    contact: z.optional(ContactSchema),
    relatedContentUrl: z.optional(httpUrl),
  }),
  {
    id: 'ChannelComplaintRequest',
    example: {
      messageId: 'dm-1790012345',
      externalRef: '@ada_l',
      category: 'billing',
      subject: 'Charged twice',
      description: 'I was charged twice for my order last night.',
    },
  },
);
export type ChannelComplaintRequest = z.output<typeof ChannelComplaintRequestSchema>;
export const IntegrationChannelSchema = z.strictObject({ channel: z.enum(integrationChannels) });
export const ChannelComplaintPathSchema = z.strictObject({ channel: z.enum(integrationChannels), id: ComplaintIdSchema });

/** The person's answer, received on the channel the complaint came from and passed on by its integration. */
export const ChannelMessageRequestSchema = meta(
  z.strictObject({
    messageId: describe(ChannelMessageIdSchema, 'The id of the answer on its channel: a repeat is recognised and not added twice'),
    body: describe(text(MESSAGE_MAX), 'What the person wrote. Personal data: stored encrypted'),
  }),
  {
    id: 'ChannelMessageRequest',
    example: { messageId: 'dm-1790012999', body: 'The second charge is still on my statement.' },
  },
);
export type ChannelMessageRequest = z.output<typeof ChannelMessageRequestSchema>;

