import { readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { StatementPathSchema } from '#shared/moderation/http/paths.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { listQuarantinedStatements, releaseQuarantinedStatement } from '#shared/moderation/use-cases/statement-quarantine.ts';

type StatementQuarantineRoutes =
  | 'GET /v1/moderation/transparency-database/quarantine'
  | 'POST /v1/moderation/transparency-database/quarantine/{puid}/release';

/** The statements the Transparency Database refused as invalid: moderators read the errors and release them once fixed. */
export const statementQuarantineRoutes = (ports: ModerationPorts): Pick<ModerationHandlers, StatementQuarantineRoutes> => ({
  'GET /v1/moderation/transparency-database/quarantine': async ({ event, caller }) =>
    json(200, await listQuarantinedStatements(ports, caller, readQuery(event, PageQuerySchema))),

  'POST /v1/moderation/transparency-database/quarantine/{puid}/release': async ({ event, caller }) =>
    json(200, await releaseQuarantinedStatement(ports, caller, readPath(event, StatementPathSchema).puid)),
});
