import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import {
  IncidentChangeSchema,
  IncidentFiguresQuerySchema,
  IncidentIdPathSchema,
  IncidentNoteSchema,
  IncidentReportSchema,
  IncidentsQuerySchema,
} from '#shared/security/http/incident-schemas.ts';
import { routesOfFunction } from '#shared/security/manifest.ts';
import { addIncidentNote } from '#shared/security/use-cases/add-incident-note.ts';
import { changeIncident } from '#shared/security/use-cases/change-incident.ts';
import { readIncidentFigures } from '#shared/security/use-cases/incident-figures.ts';
import type { IncidentPorts } from '#shared/security/use-cases/incident-ports.ts';
import { getIncident, listIncidents } from '#shared/security/use-cases/read-incidents.ts';
import { recordIncident } from '#shared/security/use-cases/record-incident.ts';

/** The security-incidents function: the incident register and its figures, for security staff only. */
export const createIncidentApiHandler = (deps: { ports: IncidentPorts; logger: Logger }) => {
  const { ports } = deps;
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('securityIncidents'),
    handlers: {
      'POST /v1/security/incidents': async ({ event, caller }) => {
        const incident = await recordIncident(ports, caller, readJsonBody(event, IncidentReportSchema));
        return json(201, incident, { location: `/v1/security/incidents/${incident.id}` });
      },
      'GET /v1/security/incidents': async ({ event, caller }) => json(200, await listIncidents(ports, caller, readQuery(event, IncidentsQuerySchema))),
      'GET /v1/security/incidents/figures': async ({ event, caller }) =>
        json(200, await readIncidentFigures(ports, caller, readQuery(event, IncidentFiguresQuerySchema).quarter)),
      'GET /v1/security/incidents/{id}': async ({ event, caller }) => json(200, await getIncident(ports, caller, readPath(event, IncidentIdPathSchema).id)),
      'PATCH /v1/security/incidents/{id}': async ({ event, caller }) => {
        const { id } = readPath(event, IncidentIdPathSchema);
        return json(200, await changeIncident(ports, caller, id, readJsonBody(event, IncidentChangeSchema)));
      },
      'POST /v1/security/incidents/{id}/notes': async ({ event, caller }) => {
        const { id } = readPath(event, IncidentIdPathSchema);
        return json(201, await addIncidentNote(ports, caller, id, readJsonBody(event, IncidentNoteSchema).text));
      },
    },
  });
};
