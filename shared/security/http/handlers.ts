import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import {
  FindingIdPathSchema,
  FindingsQuerySchema,
  RunIdPathSchema,
  RunsQuerySchema,
  SecurityFiguresQuerySchema,
  StatusChangeSchema,
} from '#shared/security/http/schemas.ts';
import { routesOfFunction } from '#shared/security/manifest.ts';
import { changeFindingStatus } from '#shared/security/use-cases/change-finding-status.ts';
import type { SecurityApiPorts } from '#shared/security/use-cases/ports.ts';
import { getFinding, listFindings } from '#shared/security/use-cases/read-findings.ts';
import { getAuditRun, listAuditRuns } from '#shared/security/use-cases/read-runs.ts';
import { requestAudit } from '#shared/security/use-cases/request-audit.ts';
import { readSecurityFigures, type SecurityFiguresPorts } from '#shared/security/use-cases/security-figures.ts';

/** The security function: audit runs, findings and the programme's figures, for security staff only. */
export const createSecurityApiHandler = (deps: { ports: SecurityApiPorts; figures: SecurityFiguresPorts; logger: Logger }) => {
  const { ports, figures } = deps;
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('security'),
    handlers: {
      'POST /v1/security/audits': async ({ caller }) => {
        const run = await requestAudit(ports, caller);
        return json(202, { id: run.id, status: run.status }, { location: `/v1/security/audits/${run.id}` });
      },
      'GET /v1/security/audits': async ({ event, caller }) => json(200, await listAuditRuns(ports, caller, readQuery(event, RunsQuerySchema))),
      'GET /v1/security/audits/{id}': async ({ event, caller }) => json(200, await getAuditRun(ports, caller, readPath(event, RunIdPathSchema).id)),
      'GET /v1/security/findings': async ({ event, caller }) => {
        const { check, ...query } = readQuery(event, FindingsQuerySchema);
        return json(200, await listFindings(ports, caller, { ...query, ...(check && { checkId: check }) }));
      },
      'GET /v1/security/figures': async ({ event, caller }) =>
        json(200, await readSecurityFigures(figures, caller, readQuery(event, SecurityFiguresQuerySchema).quarter)),
      'GET /v1/security/findings/{id}': async ({ event, caller }) => json(200, await getFinding(ports, caller, readPath(event, FindingIdPathSchema).id)),
      'POST /v1/security/findings/{id}/status': async ({ event, caller }) => {
        const { id } = readPath(event, FindingIdPathSchema);
        return json(200, await changeFindingStatus(ports, caller, id, readJsonBody(event, StatusChangeSchema)));
      },
    },
  });
};
