import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { CustomerServiceFiguresSchema } from '#shared/customer-service/http/figures-schemas.ts';
import {
  AssigneeRequestSchema,
  ChannelComplaintPathSchema,
  ChannelComplaintRequestSchema,
  ChannelMessageRequestSchema,
  ComplaintIdSchema,
  CreateComplaintRequestSchema,
  IntegrationChannelSchema,
  ListComplaintsQuerySchema,
  MessageRequestSchema,
  PageQuerySchema,
  PatchComplaintRequestSchema,
  StatusRequestSchema,
  WorkQueueQuerySchema,
} from '#shared/customer-service/http/schemas.ts';
import {
  ComplaintPageSchema,
  ComplaintReceiptSchema,
  ComplaintSchema,
  ComplaintSummarySchema,
  HistoryPageSchema,
  MessageSchema,
  MessagePageSchema,
  WorkQueuePageSchema,
} from '#shared/customer-service/http/response-schemas.ts';
import { IdempotencyKeySchema } from '#shared/http/request.ts';
import { accessReasonHeader, invalidOrUnexplainedRead } from '#shared/http/access-reason-openapi.ts';
import { authenticatedErrors, problem, tooManyRequests } from '#shared/http/problem-schema.ts';
import { FiguresQuerySchema } from '#shared/figures/query.ts';
import { fullScope } from '#shared/manifest/platform.ts';

const idPath = { path: z.object({ id: ComplaintIdSchema }) };
const complaintReadReason = accessReasonHeader('this complaint');
const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });
const onComplaintErrors: ZodOpenApiResponsesObject = {
  ...authenticatedErrors,
  '403': problem('Not allowed for your role, or an integration client'),
  '404': problem('No such complaint, or not yours'),
};
const channelSecurity = [
  { integration: (['complaints.intake.social', 'complaints.intake.email', 'complaints.intake.phone'] as const).map((s) => fullScope(s)) },
];
const onChannelComplaintErrors: ZodOpenApiResponsesObject = {
  ...authenticatedErrors,
  '403': problem('The token lacks the scope of this channel'),
  '404': problem('No complaint filed on this channel with this id'),
};
const commandErrors: ZodOpenApiResponsesObject = {
  ...onComplaintErrors,
  '403': problem(
    'Not allowed for your role, or an integration client; or conflict-of-interest: staff do not work (claim, assign, prioritise, note, wait on the owner of) a complaint they filed, where they act as its complainant',
  ),
  '409': problem(
    "The complaint's state does not allow it; `type` says why (already-claimed, reply-first, reopen-window-closed, complaint-closed, ...)",
  ),
  '415': problem('Body not sent as application/json'),
};

/** The customer-service paths of the OpenAPI document. */
export const customerServicePaths: ZodOpenApiPathsObject = {
  '/v1/complaints': {
    post: {
      operationId: 'fileComplaint',
      summary: 'File a complaint',
      description:
        'Any authenticated caller files a complaint in their own name. Subject, description, contact ' +
        'and the related URL are encrypted before they are stored.',
      requestParams: {
        header: z.object({
          'idempotency-key': describe(
            z.optional(IdempotencyKeySchema),
            'Repeats with the same key and body return the first result for 24 hours; the same key with another body is refused with 422.',
          ),
        }),
      },
      requestBody: { required: true, content: { 'application/json': { schema: CreateComplaintRequestSchema } } },
      responses: {
        '201': {
          description: 'Filed',
          headers: z.object({ location: describe(z.string(), 'The URL of the new complaint') }),
          content: { 'application/json': { schema: ComplaintReceiptSchema } },
        },
        ...authenticatedErrors,
        '409': problem('A request with this Idempotency-Key is still in progress'),
        '413': problem('Body larger than 64 KiB'),
        '415': problem('Body not sent as application/json'),
        '403': problem('Integration clients file through their channel routes'),
        '422': problem('Idempotency-Key reused with a different body'),
        '429': tooManyRequests('Too many complaints filed by this person this hour'),
      },
    },
    get: {
      operationId: 'listMyComplaints',
      summary: "List the caller's own complaints, newest first",
      requestParams: { query: ListComplaintsQuerySchema },
      responses: {
        '200': { description: 'A page of complaints', content: { 'application/json': { schema: ComplaintPageSchema } } },
        ...authenticatedErrors,
        '403': problem('Integration clients read through their channel routes'),
      },
    },
  },
  '/v1/complaints/{id}': {
    get: {
      operationId: 'getComplaint',
      summary: 'Read one complaint',
      description:
        "The owner, agents and admins read it decrypted; anyone else gets 404. A staff read of someone else's complaint needs `X-Access-Reason` and is recorded in the access log.",
      requestParams: { path: z.object({ id: ComplaintIdSchema }), header: complaintReadReason },
      responses: {
        '200': { description: 'The complaint', content: { 'application/json': { schema: ComplaintSchema } } },
        ...authenticatedErrors,
        ...invalidOrUnexplainedRead,
        '403': problem('Integration clients read through their channel routes'),
        '404': problem('No such complaint, or not yours'),
      },
    },
    patch: {
      operationId: 'setComplaintPriority',
      summary: 'Staff: change the priority',
      requestParams: idPath,
      requestBody: { required: true, ...json(PatchComplaintRequestSchema) },
      responses: { '200': { description: 'Changed', ...json(ComplaintSummarySchema) }, ...commandErrors },
    },
  },
  '/v1/complaints/{id}/claim': {
    post: {
      operationId: 'claimComplaint',
      summary: 'Staff: take a complaint from the queue',
      description: 'Agents and admins. Of two simultaneous claims exactly one wins; the other gets 409 already-claimed.',
      requestParams: idPath,
      responses: { '200': { description: 'Claimed', ...json(ComplaintSummarySchema) }, ...commandErrors },
    },
  },
  '/v1/complaints/{id}/assignee': {
    put: {
      operationId: 'assignComplaint',
      summary: 'Staff: hand a complaint to an agent, or back to the queue',
      requestParams: idPath,
      requestBody: { required: true, ...json(AssigneeRequestSchema) },
      responses: { '200': { description: 'Assigned', ...json(ComplaintSummarySchema) }, ...commandErrors },
    },
  },
  '/v1/complaints/{id}/status': {
    post: {
      operationId: 'changeComplaintStatus',
      summary: 'Move a complaint through its lifecycle',
      description:
        'received → open → waiting_on_user ⇄ open → resolved → closed. Waiting on the user pauses every SLA clock. ' +
        'Resolving needs a public reply first. The user may reopen within 7 days of resolution, or withdraw.',
      requestParams: idPath,
      requestBody: { required: true, ...json(StatusRequestSchema) },
      responses: { '200': { description: 'The complaint after the change', ...json(ComplaintSchema) }, ...commandErrors },
    },
  },
  '/v1/complaints/{id}/messages': {
    get: {
      operationId: 'listComplaintMessages',
      summary: 'The conversation, oldest first',
      description:
        'The user sees public replies and their own messages; staff also see internal notes, and their read is recorded.',
      requestParams: { ...idPath, query: PageQuerySchema, header: accessReasonHeader("this complaint's conversation") },
      responses: { '200': { description: 'A page of messages', ...json(MessagePageSchema) }, ...onComplaintErrors, ...invalidOrUnexplainedRead },
    },
    post: {
      operationId: 'addComplaintMessage',
      summary: 'Reply (staff), add a note (staff, internal) or answer (the user)',
      description:
        "Staff's first public reply is the first response. A user's message resumes a complaint waiting on them and starts the next-response clock.",
      requestParams: idPath,
      requestBody: { required: true, ...json(MessageRequestSchema) },
      responses: {
        '201': { description: 'Stored (encrypted)', ...json(MessageSchema) },
        ...commandErrors,
        '429': tooManyRequests('Too many messages from this person this hour'),
      },
    },
  },
  '/v1/complaints/{id}/history': {
    get: {
      operationId: 'getComplaintHistory',
      summary: 'The append-only audit trail: who did what, when',
      description: 'Complete for staff (their read is recorded); the user sees the public entries, without staff identities.',
      requestParams: { ...idPath, query: PageQuerySchema, header: accessReasonHeader("this complaint's history") },
      responses: { '200': { description: 'A page of history entries', ...json(HistoryPageSchema) }, ...onComplaintErrors, ...invalidOrUnexplainedRead },
    },
  },
  '/v1/work-queue': {
    get: {
      operationId: 'listWorkQueue',
      summary: 'Staff: complaints of one status, soonest deadline first',
      description: 'Each complaint shown (with its subject) is a staff read, recorded in the access log with the `X-Access-Reason` given.',
      requestParams: { query: WorkQueueQuerySchema, header: accessReasonHeader('the work queue') },
      responses: {
        '200': { description: 'A page of the queue', ...json(WorkQueuePageSchema) },
        ...authenticatedErrors,
        ...invalidOrUnexplainedRead,
        '403': problem('Only agents and admins'),
      },
    },
  },
  '/v1/figures/customer-service': {
    get: {
      operationId: 'getCustomerServiceFigures',
      summary: 'Staff: the 24-hour commitment and the service levels, per day, month or quarter',
      description: 'Kept as events happen: first-response median and p90, share answered within 24 hours, breaches, backlog.',
      requestParams: { query: FiguresQuerySchema },
      responses: {
        '200': { description: 'The figures of the range', ...json(CustomerServiceFiguresSchema) },
        ...authenticatedErrors,
        '403': problem('Only agents, admins and comms'),
      },
    },
  },
  '/v1/channels/{channel}/complaints': {
    post: {
      operationId: 'fileChannelComplaint',
      summary: 'Integrations: file a complaint received on social media, by email or by phone',
      description:
        "The person is identified by their reference on the channel (kept encrypted; the owner id is a keyed pseudonym of it). A repeat of the channel's message id answers 200 with the first complaint.",
      security: channelSecurity,
      requestParams: { path: IntegrationChannelSchema },
      requestBody: { required: true, ...json(ChannelComplaintRequestSchema) },
      responses: {
        '201': {
          description: 'Filed',
          headers: z.object({ location: describe(z.string(), "Where the integration reads the complaint (this channel's route)") }),
          ...json(ComplaintReceiptSchema),
        },
        '200': { description: 'This channel message was filed before: its complaint', ...json(ComplaintReceiptSchema) },
        ...authenticatedErrors,
        '403': problem('The token lacks the scope of this channel'),
        '409': problem('The message id was taken in as an answer on a complaint (channel-message-taken)'),
        '413': problem('Body larger than 64 KiB'),
        '415': problem('Body not sent as application/json'),
        '429': tooManyRequests('Too many filings from this integration client this hour'),
      },
    },
  },
  '/v1/channels/{channel}/complaints/{id}': {
    get: {
      operationId: 'getChannelComplaint',
      summary: 'Integrations: a complaint filed on this channel, as its person sees it',
      description:
        'With `externalRef`, the reference it was filed under, so that the integration answers the right person. ' +
        'Complaints filed elsewhere do not exist for the integration (404).',
      security: channelSecurity,
      requestParams: { path: ChannelComplaintPathSchema },
      responses: { '200': { description: 'The complaint', ...json(ComplaintSchema) }, ...onChannelComplaintErrors },
    },
  },
  '/v1/channels/{channel}/complaints/{id}/messages': {
    get: {
      operationId: 'listChannelComplaintMessages',
      summary: 'Integrations: the public conversation of a complaint filed on this channel, to pass the replies on',
      description:
        'Oldest first, staff unnamed, internal notes left out. `complaint.responded` events (with `complaintId` and `channel`) say when to look.',
      security: channelSecurity,
      requestParams: { path: ChannelComplaintPathSchema, query: PageQuerySchema },
      responses: { '200': { description: 'A page of messages', ...json(MessagePageSchema) }, ...onChannelComplaintErrors },
    },
    post: {
      operationId: 'addChannelComplaintMessage',
      summary: "Integrations: add the person's answer received on the channel",
      description:
        "It counts as the person's own message: a complaint waiting on them is open again and the next-response clock starts. " +
        "A resolved complaint is reopened by it within the reopen window (after it: 409 reopen-window-closed). " +
        "A repeat of the channel's message id answers 200 with the first message.",
      security: channelSecurity,
      requestParams: { path: ChannelComplaintPathSchema },
      requestBody: { required: true, ...json(ChannelMessageRequestSchema) },
      responses: {
        '201': { description: 'Added', ...json(MessageSchema) },
        '200': { description: 'This channel message was added before: the first message', ...json(MessageSchema) },
        ...onChannelComplaintErrors,
        '409': problem(
          'The complaint is closed or past its reopen window, or the message id was taken in as something else (channel-message-taken)',
        ),
        '413': problem('Body larger than 64 KiB'),
        '415': problem('Body not sent as application/json'),
        '429': tooManyRequests('Too many answers from this integration client this hour'),
      },
    },
  },
};
