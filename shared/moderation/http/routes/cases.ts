import { readAccessReason, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { CasePathSchema, StatementPathSchema } from '#shared/moderation/http/paths.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import { CasesQuerySchema, DecisionRequestSchema } from '#shared/moderation/http/schemas/cases.ts';
import { ExportQuerySchema } from '#shared/moderation/http/schemas/statements.ts';
import { claimCase } from '#shared/moderation/use-cases/claim-case.ts';
import { decideCase } from '#shared/moderation/use-cases/decide-case.ts';
import { exportStatements } from '#shared/moderation/use-cases/export-statements.ts';
import { getCase } from '#shared/moderation/use-cases/get-case.ts';
import { getStatement } from '#shared/moderation/use-cases/get-statement.ts';
import { listCases } from '#shared/moderation/use-cases/list-cases.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

type CaseRoutes =
  | 'GET /v1/moderation/cases'
  | 'GET /v1/moderation/cases/{id}'
  | 'POST /v1/moderation/cases/{id}/claim'
  | 'POST /v1/moderation/cases/{id}/decision'
  | 'GET /v1/statements/{puid}'
  | 'GET /v1/transparency/statements';

/** Cases as moderators work them, and the statements of reasons their decisions issue. */
export const caseRoutes = (ports: ModerationPorts): Pick<ModerationHandlers, CaseRoutes> => ({
  'GET /v1/moderation/cases': async ({ event, caller }) => json(200, await listCases(ports, caller, readQuery(event, CasesQuerySchema))),

  'GET /v1/moderation/cases/{id}': async ({ event, caller }) => json(200, await getCase(ports, caller, readPath(event, CasePathSchema).id, readAccessReason(event))),

  'POST /v1/moderation/cases/{id}/claim': async ({ event, caller }) => json(200, await claimCase(ports, caller, readPath(event, CasePathSchema).id)),

  'POST /v1/moderation/cases/{id}/decision': async ({ event, caller }) => {
    const { id } = readPath(event, CasePathSchema);
    return json(200, await decideCase(ports, caller, id, readJsonBody(event, DecisionRequestSchema)));
  },

  'GET /v1/statements/{puid}': async ({ event, caller }) => json(200, await getStatement(ports, caller, readPath(event, StatementPathSchema).puid)),

  'GET /v1/transparency/statements': async ({ event, caller }) => json(200, await exportStatements(ports, caller, readQuery(event, ExportQuerySchema))),
});
