import type { Logger } from '@aws-lambda-powertools/logger';
import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { AccessLogQuerySchema, MyAccessLogQuerySchema } from '#shared/access-log/http/schemas.ts';
import { myAccessLog, type AccessLogReadPorts } from '#shared/access-log/use-cases/my-access-log.ts';
import { queryAccessLog } from '#shared/access-log/use-cases/query-access-log.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';

/** The access-log function: security staff's queries, and each person's own access log. */
export const createAccessLogApiHandler = (deps: { ports: AccessLogReadPorts; logger: Logger }) =>
  createApiHandler({
    logger: deps.logger,
    routes: accessLogManifest.routes,
    handlers: {
      'GET /v1/me/access-log': async ({ event, caller }) => json(200, await myAccessLog(deps.ports, caller, readQuery(event, MyAccessLogQuerySchema))),
      'GET /v1/security/access-log': async ({ event, caller }) =>
        json(200, await queryAccessLog(deps.ports, caller, readQuery(event, AccessLogQuerySchema))),
    },
  });
