import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { hasScope } from '#shared/auth/caller.ts';
import { ComplaintForbiddenError, type IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';
import type { Receipt } from '#shared/customer-service/domain/decisions.ts';
import { mapCustomerServiceError } from '#shared/customer-service/http/errors.ts';
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
  type CreateComplaintRequest,
} from '#shared/customer-service/http/schemas.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { addChannelMessage } from '#shared/customer-service/use-cases/add-channel-message.ts';
import { addMessage } from '#shared/customer-service/use-cases/add-message.ts';
import { assignComplaint } from '#shared/customer-service/use-cases/assign.ts';
import { changeStatus } from '#shared/customer-service/use-cases/change-status.ts';
import { claimComplaint } from '#shared/customer-service/use-cases/claim.ts';
import { fileComplaint } from '#shared/customer-service/use-cases/file-complaint.ts';
import { fileFromChannel } from '#shared/customer-service/use-cases/file-from-channel.ts';
import { customerServiceFigures } from '#shared/customer-service/use-cases/figures.ts';
import { getChannelComplaint } from '#shared/customer-service/use-cases/get-channel-complaint.ts';
import { getComplaint } from '#shared/customer-service/use-cases/get-complaint.ts';
import { listChannelMessages } from '#shared/customer-service/use-cases/list-channel-messages.ts';
import { listHistory } from '#shared/customer-service/use-cases/list-history.ts';
import { listMessages } from '#shared/customer-service/use-cases/list-messages.ts';
import { listOwnComplaints } from '#shared/customer-service/use-cases/list-own-complaints.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { setPriority } from '#shared/customer-service/use-cases/set-priority.ts';
import { workQueue } from '#shared/customer-service/use-cases/work-queue.ts';
import { FiguresQuerySchema, figuresRangeOf } from '#shared/figures/query.ts';
import { createApiHandler, type ApiEvent, type MachineCaller, type PersonCaller, type RouteHandlers } from '#shared/http/api-handler.ts';
import { readAccessReason, readIdempotencyKey, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import type { StagedLimitUse } from '#shared/http/request-limits.ts';
import type { createIdempotency } from '#shared/idempotency.ts';
import { fullScope } from '#shared/manifest/platform.ts';

const ComplaintPathSchema = z.strictObject({ id: ComplaintIdSchema });

/** Only an integration holding the channel's scope files for that channel; checked before the body is read. */
const requireChannelScope = (caller: MachineCaller, channel: IntegrationChannel): void => {
  if (!hasScope(caller, fullScope(`complaints.intake.${channel}`))) {
    throw new ComplaintForbiddenError(`This client may not file or follow complaints for the ${channel} channel.`);
  }
};

/** The path of a channel route, once the client is known to hold that channel's scope. */
const readChannelPath = <S extends z.ZodMiniType<{ channel: IntegrationChannel }>>(event: ApiEvent, caller: MachineCaller, schema: S): z.output<S> => {
  const path: z.output<S> = readPath(event, schema);
  requireChannelScope(caller, (path as { channel: IntegrationChannel }).channel);
  return path;
};

type Handlers = RouteHandlers<(typeof customerServiceManifest.routes)[number]>;
type FilingRequest = { scope: string; caller: PersonCaller; body: CreateComplaintRequest; limitUse?: StagedLimitUse };
type FileOnce = (request: FilingRequest, context: Context) => Promise<Receipt>;

/** A person's own complaints: filing (once per idempotency key), listing, reading one. */
const complaintRoutes = (ports: CustomerServicePorts, fileOnce: FileOnce): Pick<Handlers, 'POST /v1/complaints' | 'GET /v1/complaints' | 'GET /v1/complaints/{id}'> => ({
  'POST /v1/complaints': async ({ event, context, caller, limitUse }) => {
    const idempotencyKey = readIdempotencyKey(event);
    const body = readJsonBody(event, CreateComplaintRequestSchema);
    const receipt = idempotencyKey
      ? await fileOnce({ scope: `${caller.sub}#${idempotencyKey}`, caller, body, limitUse }, context)
      : await fileComplaint(ports, caller, body, limitUse);
    return json(201, receipt, { location: `/v1/complaints/${receipt.id}` });
  },

  'GET /v1/complaints': async ({ event, caller }) => json(200, await listOwnComplaints(ports, caller, readQuery(event, ListComplaintsQuerySchema))),

  'GET /v1/complaints/{id}': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    return json(200, await getComplaint(ports, caller, id, readAccessReason(event)));
  },
});

/** Working a complaint: priority, claim, assignee, status, and the staff's work queue and figures. */
const workRoutes = (
  ports: CustomerServicePorts,
): Pick<
  Handlers,
  | 'PATCH /v1/complaints/{id}'
  | 'POST /v1/complaints/{id}/claim'
  | 'PUT /v1/complaints/{id}/assignee'
  | 'POST /v1/complaints/{id}/status'
  | 'GET /v1/work-queue'
  | 'GET /v1/figures/customer-service'
> => ({
  'PATCH /v1/complaints/{id}': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    const { priority } = readJsonBody(event, PatchComplaintRequestSchema);
    return json(200, await setPriority(ports, caller, id, priority));
  },

  'POST /v1/complaints/{id}/claim': async ({ event, caller }) => json(200, await claimComplaint(ports, caller, readPath(event, ComplaintPathSchema).id)),

  'PUT /v1/complaints/{id}/assignee': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    const { assigneeId } = readJsonBody(event, AssigneeRequestSchema);
    return json(200, await assignComplaint(ports, caller, id, assigneeId));
  },

  'POST /v1/complaints/{id}/status': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    const { status } = readJsonBody(event, StatusRequestSchema);
    return json(200, await changeStatus(ports, caller, id, status));
  },

  'GET /v1/work-queue': async ({ event, caller }) =>
    json(200, await workQueue(ports, caller, readQuery(event, WorkQueueQuerySchema), readAccessReason(event))),

  'GET /v1/figures/customer-service': async ({ event, caller }) => {
    const query = figuresRangeOf(readQuery(event, FiguresQuerySchema), ports.clock.now());
    return json(200, await customerServiceFigures(ports, caller, query));
  },
});

/** The conversation on a complaint and its audit trail, for its owner and for staff. */
const conversationRoutes = (
  ports: CustomerServicePorts,
): Pick<Handlers, 'GET /v1/complaints/{id}/messages' | 'POST /v1/complaints/{id}/messages' | 'GET /v1/complaints/{id}/history'> => ({
  'GET /v1/complaints/{id}/messages': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    const reason = readAccessReason(event);
    return json(200, await listMessages(ports, caller, id, readQuery(event, PageQuerySchema), reason));
  },

  'POST /v1/complaints/{id}/messages': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    const message = await addMessage(ports, caller, id, readJsonBody(event, MessageRequestSchema));
    return json(201, message, { location: `/v1/complaints/${id}/messages` });
  },

  'GET /v1/complaints/{id}/history': async ({ event, caller }) => {
    const { id } = readPath(event, ComplaintPathSchema);
    const reason = readAccessReason(event);
    return json(200, await listHistory(ports, caller, id, readQuery(event, PageQuerySchema), reason));
  },
});

/** The channel integrations: filing for someone, following the complaint, passing on the person's answers. */
const channelRoutes = (
  ports: CustomerServicePorts,
): Pick<
  Handlers,
  | 'POST /v1/channels/{channel}/complaints'
  | 'GET /v1/channels/{channel}/complaints/{id}'
  | 'GET /v1/channels/{channel}/complaints/{id}/messages'
  | 'POST /v1/channels/{channel}/complaints/{id}/messages'
> => ({
  'POST /v1/channels/{channel}/complaints': async ({ event, caller }) => {
    const { channel } = readChannelPath(event, caller, IntegrationChannelSchema);
    const body = readJsonBody(event, ChannelComplaintRequestSchema);
    const { receipt, duplicate } = await fileFromChannel(ports, caller, channel, body);
    // A repeat of the same channel message answers the first complaint, as a replay would;
    // the location is where the integration itself reads the complaint.
    return json(duplicate ? 200 : 201, receipt, { location: `/v1/channels/${channel}/complaints/${receipt.id}` });
  },

  'GET /v1/channels/{channel}/complaints/{id}': async ({ event, caller }) => {
    const { channel, id } = readChannelPath(event, caller, ChannelComplaintPathSchema);
    return json(200, await getChannelComplaint(ports, channel, id));
  },

  'GET /v1/channels/{channel}/complaints/{id}/messages': async ({ event, caller }) => {
    const { channel, id } = readChannelPath(event, caller, ChannelComplaintPathSchema);
    return json(200, await listChannelMessages(ports, caller, channel, id, readQuery(event, PageQuerySchema)));
  },

  'POST /v1/channels/{channel}/complaints/{id}/messages': async ({ event, caller }) => {
    const { channel, id } = readChannelPath(event, caller, ChannelComplaintPathSchema);
    const body = readJsonBody(event, ChannelMessageRequestSchema);
    const { message, duplicate } = await addChannelMessage(ports, channel, id, body);
    return json(duplicate ? 200 : 201, message, { location: `/v1/channels/${channel}/complaints/${id}/messages` });
  },
});

/** The complaints function: every customer-service route, each handed to its use case. */
export const createComplaintsApiHandler = (deps: {
  ports: CustomerServicePorts;
  idempotency: ReturnType<typeof createIdempotency>;
  logger: Logger;
}) => {
  const { ports, idempotency, logger } = deps;
  const fileOnce = idempotency.wrap(async ({ caller, body, limitUse }: FilingRequest) => fileComplaint(ports, caller, body, limitUse), {
    keyPrefix: 'complaints.file',
  });
  return createApiHandler({
    logger,
    mapError: mapCustomerServiceError,
    routes: customerServiceManifest.routes,
    refusals: {
      machine: 'Integration clients file and follow complaints under /v1/channels/{channel}/complaints.',
      person: 'This route is for the channel integrations, each with its channel scope.',
    },
    handlers: { ...complaintRoutes(ports, fileOnce), ...workRoutes(ports), ...conversationRoutes(ports), ...channelRoutes(ports) },
  });
};
