import * as z from 'zod';
import { categories, channels, statuses } from '#shared/customer-service/domain/complaint.ts';
import { priorities } from '#shared/customer-service/domain/sla-policy.ts';

/**
 * The customer-service section of a person's data export: what `exportOf` of the context's
 * personal-data holder returns, documented for the archive's JSON Schema.
 */

const party = z
  .object({
    kind: z.enum(['user', 'staff', 'integration', 'system']).describe('Who acted: the person, staff, their channel integration, or the platform'),
    id: z.string().optional().describe("The person's own id, when they acted; staff are not named"),
  })
  .describe('Who acted');

const conversationMessage = z
  .object({
    id: z.string().describe("The message's id"),
    author: party,
    createdAt: z.iso.datetime().describe('When it was written'),
    body: z.string().optional().describe('What was written, decrypted; absent once erased'),
  })
  .describe('A message of the public conversation (internal staff notes are not included)');

const historyLine = z
  .object({
    at: z.iso.datetime().describe('When'),
    actor: party,
    action: z.string().describe('What happened, e.g. filed, replied, resolved, closed, erased'),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).describe('Classifications and ids of what happened'),
  })
  .describe('A line of the public history');

const exportedComplaint = z
  .object({
    id: z.string().describe("The complaint's id"),
    channel: z.enum(channels).describe('How it was filed'),
    category: z.enum(categories).describe('What it is about'),
    priority: z.enum(priorities).describe('Its priority'),
    status: z.enum(statuses).describe('Its status'),
    createdAt: z.iso.datetime().describe('When it was filed'),
    updatedAt: z.iso.datetime().describe('When it last changed'),
    resolvedAt: z.iso.datetime().optional().describe('When it was resolved'),
    closedAt: z.iso.datetime().optional().describe('When it was closed'),
    erasedAt: z.iso.datetime().optional().describe('When its personal fields and conversation were erased; they are then absent'),
    subject: z.string().optional().describe('Its subject, as the person gave it'),
    description: z.string().optional().describe('Its description, as the person gave it'),
    contact: z
      .object({ email: z.string().optional().describe('Email address'), phone: z.string().optional().describe('Phone number') })
      .optional()
      .describe('How the person asked to be reached'),
    relatedContentUrl: z.string().optional().describe('The address of the content the complaint is about'),
    externalRef: z.string().optional().describe('Who filed through a channel integration: a handle, an email address or a phone number'),
    conversation: z.array(conversationMessage).describe('The public conversation, oldest first'),
    history: z.array(historyLine).describe('The public history, oldest first'),
  })
  .describe('A complaint the person filed, decrypted');

export const customerServiceExportSchema = z
  .object({
    complaints: z.array(exportedComplaint).describe("The person's complaints, newest first"),
  })
  .describe('Customer service: the complaints the person filed, with their public conversation and history');

export type CustomerServiceExport = z.infer<typeof customerServiceExportSchema>;
export type ExportedComplaint = z.infer<typeof exportedComplaint>;
