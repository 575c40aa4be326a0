import { complaintsManifest } from '#shared/complaints/manifest.ts';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { callerFromRequest, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { ComplaintConflictError, ComplaintForbiddenError } from '#shared/complaints/domain.ts';
import { FiguresQuerySchema, figuresRangeOf } from '#shared/figures/query.ts';
import { VersionConflictError } from '#shared/complaints/repository.ts';
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
} from '#shared/complaints/schemas.ts';
import { requireChannelScope, type ComplaintService } from '#shared/complaints/service.ts';
import { createApiHandler, type ApiEvent } from '#shared/http/api-handler.ts';
import { problems } from '#shared/http/problem.ts';
import { readAccessReason, readIdempotencyKey, readJsonBody, readQuery, validate } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { idempotencyProblem, type createIdempotency } from '#shared/idempotency.ts';

const ComplaintPathSchema = z.strictObject({ id: ComplaintIdSchema });
const pathId = (event: ApiEvent) => validate(ComplaintPathSchema, event.pathParameters ?? {}, 'path').id;

/**
 * People's routes: a machine client's token (which the gateway accepts for the channel route)
 * is refused here with 403 rather than treated as somebody's.
 */
const personFrom = (event: ApiEvent): Caller => {
  const caller = callerFromRequest(event.requestContext);
  if (caller.kind !== 'person') throw problems.forbidden('Integration clients file and follow complaints under /v1/channels/{channel}/complaints.');
  return caller;
};

const mapError = (error: unknown) => {
  if (error instanceof ComplaintForbiddenError) return problems.forbidden(error.message);
  if (error instanceof ComplaintConflictError) return problems.conflict(error.reason, error.message);
  if (error instanceof VersionConflictError) {
    return problems.conflict('concurrent-update', 'The complaint is being changed by others right now; retry.');
  }
  return idempotencyProblem(error);
};

/** The complaints function: every customer-service route, wired to the complaint service. */
export const createComplaintsHandler = (deps: {
  service: ComplaintService;
  idempotency: ReturnType<typeof createIdempotency>;
  clock: Clock;
  logger: Logger;
}) => {
  const { service, idempotency, clock, logger } = deps;

  const fileOnce = idempotency.wrap(
    async ({ caller, body }: { scope: string; caller: Caller; body: CreateComplaintRequest }) =>
      service.fileComplaint(caller, body),
    { keyPrefix: 'complaints.file' },
  );

  return createApiHandler({
    logger,
    mapError,
    routes: complaintsManifest.routes,
    refusals: { machine: 'Integration clients file and follow complaints under /v1/channels/{channel}/complaints.', person: 'This route is for the channel integrations, each with its channel scope.' },
    handlers: {
      'POST /v1/complaints': async ({ event, context }) => {
        const caller = personFrom(event);
        const idempotencyKey = readIdempotencyKey(event);
        const body = readJsonBody(event, CreateComplaintRequestSchema);
        const receipt = idempotencyKey
          ? await fileOnce({ scope: `${caller.sub}#${idempotencyKey}`, caller, body }, context)
          : await service.fileComplaint(caller, body);
        return json(201, receipt, { location: `/v1/complaints/${receipt.id}` });
      },

      'GET /v1/complaints': async ({ event }) => {
        const caller = personFrom(event);
        return json(200, await service.listOwnComplaints(caller, readQuery(event, ListComplaintsQuerySchema)));
      },

      'GET /v1/complaints/{id}': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const reason = readAccessReason(event);
        return json(200, await service.getComplaint(caller, id, reason));
      },

      'PATCH /v1/complaints/{id}': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const { priority } = readJsonBody(event, PatchComplaintRequestSchema);
        return json(200, await service.setPriority(caller, id, priority));
      },

      'POST /v1/complaints/{id}/claim': async ({ event }) => {
        const caller = personFrom(event);
        return json(200, await service.claim(caller, pathId(event)));
      },

      'PUT /v1/complaints/{id}/assignee': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const { assigneeId } = readJsonBody(event, AssigneeRequestSchema);
        return json(200, await service.assign(caller, id, assigneeId));
      },

      'POST /v1/complaints/{id}/status': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const { status } = readJsonBody(event, StatusRequestSchema);
        return json(200, await service.changeStatus(caller, id, status));
      },

      'GET /v1/complaints/{id}/messages': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const reason = readAccessReason(event);
        return json(200, await service.listMessages(caller, id, readQuery(event, PageQuerySchema), reason));
      },

      'POST /v1/complaints/{id}/messages': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const message = await service.addMessage(caller, id, readJsonBody(event, MessageRequestSchema));
        return json(201, message, { location: `/v1/complaints/${id}/messages` });
      },

      'GET /v1/complaints/{id}/history': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathId(event);
        const reason = readAccessReason(event);
        return json(200, await service.listHistory(caller, id, readQuery(event, PageQuerySchema), reason));
      },

      'GET /v1/work-queue': async ({ event }) => {
        const caller = personFrom(event);
        return json(200, await service.workQueue(caller, readQuery(event, WorkQueueQuerySchema)));
      },

      'GET /v1/figures/customer-service': async ({ event }) => {
        const caller = personFrom(event);
        const query = figuresRangeOf(readQuery(event, FiguresQuerySchema), clock.now());
        return json(200, await service.figures(caller, query));
      },

      'POST /v1/channels/{channel}/complaints': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { channel } = validate(IntegrationChannelSchema, event.pathParameters ?? {}, 'path');
        requireChannelScope(caller, channel);
        const body = readJsonBody(event, ChannelComplaintRequestSchema);
        const { receipt, duplicate } = await service.fileFromChannel(caller, channel, body);
        // A repeat of the same channel message answers the first complaint, as a replay would.
        // Where the integration itself reads the complaint (the people's route is not its).
        return json(duplicate ? 200 : 201, receipt, { location: `/v1/channels/${channel}/complaints/${receipt.id}` });
      },

      'GET /v1/channels/{channel}/complaints/{id}': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { channel, id } = validate(ChannelComplaintPathSchema, event.pathParameters ?? {}, 'path');
        return json(200, await service.getChannelComplaint(caller, channel, id));
      },

      'GET /v1/channels/{channel}/complaints/{id}/messages': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { channel, id } = validate(ChannelComplaintPathSchema, event.pathParameters ?? {}, 'path');
        return json(200, await service.listChannelMessages(caller, channel, id, readQuery(event, PageQuerySchema)));
      },

      'POST /v1/channels/{channel}/complaints/{id}/messages': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { channel, id } = validate(ChannelComplaintPathSchema, event.pathParameters ?? {}, 'path');
        requireChannelScope(caller, channel);
        const body = readJsonBody(event, ChannelMessageRequestSchema);
        const { message, duplicate } = await service.addChannelMessage(caller, channel, id, body);
        return json(duplicate ? 200 : 201, message, { location: `/v1/channels/${channel}/complaints/${id}/messages` });
      },
    },
  });
};
