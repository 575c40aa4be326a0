import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { categories, channels, statuses } from '#shared/customer-service/domain/complaint.ts';
import { priorities } from '#shared/customer-service/domain/sla-policy.ts';

/**
 * The customer-service section of a person's data export: what `exportOf` of the context's
 * personal-data holder returns, documented for the archive's JSON Schema.
 */

const party = describe(
  z.object({
    kind: describe(z.enum(['user', 'staff', 'integration', 'system']), 'Who acted: the person, staff, their channel integration, or the platform'),
    id: describe(z.optional(z.string()), "The person's own id, when they acted; staff are not named"),
  }),
  'Who acted',
);

const conversationMessage = describe(
  z.object({
    id: describe(z.string(), "The message's id"),
    author: party,
    createdAt: describe(z.iso.datetime(), 'When it was written'),
    body: describe(z.optional(z.string()), 'What was written, decrypted; absent once erased'),
  }),
  'A message of the public conversation (internal staff notes are not included)',
);

const historyLine = describe(
  z.object({
    at: describe(z.iso.datetime(), 'When'),
    actor: party,
    action: describe(z.string(), 'What happened, e.g. filed, replied, resolved, closed, erased'),
    details: describe(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), 'Classifications and ids of what happened'),
  }),
  'A line of the public history',
);

const exportedComplaint = describe(
  z.object({
    id: describe(z.string(), "The complaint's id"),
    channel: describe(z.enum(channels), 'How it was filed'),
    category: describe(z.enum(categories), 'What it is about'),
    priority: describe(z.enum(priorities), 'Its priority'),
    status: describe(z.enum(statuses), 'Its status'),
    createdAt: describe(z.iso.datetime(), 'When it was filed'),
    updatedAt: describe(z.iso.datetime(), 'When it last changed'),
    resolvedAt: describe(z.optional(z.iso.datetime()), 'When it was resolved'),
    closedAt: describe(z.optional(z.iso.datetime()), 'When it was closed'),
    erasedAt: describe(z.optional(z.iso.datetime()), 'When its personal fields and conversation were erased; they are then absent'),
    subject: describe(z.optional(z.string()), 'Its subject, as the person gave it'),
    description: describe(z.optional(z.string()), 'Its description, as the person gave it'),
    contact: describe(
      z.optional(
        z.object({ email: describe(z.optional(z.string()), 'Email address'), phone: describe(z.optional(z.string()), 'Phone number') }),
      ),
      'How the person asked to be reached',
    ),
    relatedContentUrl: describe(z.optional(z.string()), 'The address of the content the complaint is about'),
    externalRef: describe(
      z.optional(z.string()),
      'Who filed through a channel integration: a handle, an email address or a phone number',
    ),
    conversation: describe(z.array(conversationMessage), 'The public conversation, oldest first'),
    history: describe(z.array(historyLine), 'The public history, oldest first'),
  }),
  'A complaint the person filed, decrypted',
);

export const customerServiceExportSchema = describe(
  z.object({
    complaints: describe(z.array(exportedComplaint), "The person's complaints, newest first"),
  }),
  'Customer service: the complaints the person filed, with their public conversation and history',
);

export type CustomerServiceExport = z.infer<typeof customerServiceExportSchema>;
export type ExportedComplaint = z.infer<typeof exportedComplaint>;
