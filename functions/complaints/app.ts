import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { callerFromRequest, type Caller } from '#shared/auth/caller.ts';
import {
  ComplaintIdSchema,
  CreateComplaintRequestSchema,
  IdempotencyKeySchema,
  ListComplaintsQuerySchema,
  type CreateComplaintRequest,
} from '#shared/complaints/schemas.ts';
import type { ComplaintService } from '#shared/complaints/service.ts';
import { InvalidCursorError, NotFoundError } from '#shared/errors.ts';
import { createApiHandler, type ApiEvent } from '#shared/http/api-handler.ts';
import { problems } from '#shared/http/problem.ts';
import { readHeader, readJsonBody, readQuery, validate } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { idempotencyProblem, type createIdempotency } from '#shared/idempotency.ts';

const AccessReasonSchema = z.string().trim().min(1).max(200).optional();

const pathId = (event: ApiEvent) =>
  validate(z.strictObject({ id: ComplaintIdSchema }), event.pathParameters ?? {}, 'path').id;

/** The complaints function: routes of the complaint intake, wired to the complaint service. */
export const createComplaintsHandler = (deps: {
  service: ComplaintService;
  idempotency: ReturnType<typeof createIdempotency>;
  logger: Logger;
}) => {
  const { service, idempotency, logger } = deps;

  const fileOnce = idempotency.wrap(
    async ({ caller, body }: { scope: string; caller: Caller; body: CreateComplaintRequest }) =>
      service.fileComplaint(caller, body),
  );

  return createApiHandler({
    logger,
    mapError: (error) => {
      if (error instanceof NotFoundError) return problems.notFound();
      if (error instanceof InvalidCursorError)
        return problems.validation([{ in: 'query', path: 'cursor', message: error.message }]);
      return idempotencyProblem(error);
    },
    routes: {
      'POST /v1/complaints': async (event, context) => {
        const caller = callerFromRequest(event.requestContext);
        const idempotencyKey = readHeader(event, 'idempotency-key', IdempotencyKeySchema.optional());
        const body = readJsonBody(event, CreateComplaintRequestSchema);
        const receipt = idempotencyKey
          ? await fileOnce({ scope: `${caller.sub}#${idempotencyKey}`, caller, body }, context)
          : await service.fileComplaint(caller, body);
        return json(201, receipt, { location: `/v1/complaints/${receipt.id}` });
      },

      'GET /v1/complaints': async (event) => {
        const caller = callerFromRequest(event.requestContext);
        const query = readQuery(event, ListComplaintsQuerySchema);
        return json(200, await service.listOwnComplaints(caller, query));
      },

      'GET /v1/complaints/{id}': async (event) => {
        const caller = callerFromRequest(event.requestContext);
        const id = pathId(event);
        const reason = readHeader(event, 'x-access-reason', AccessReasonSchema);
        return json(200, await service.getComplaint(caller, id, reason));
      },
    },
  });
};
