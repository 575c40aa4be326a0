import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, jsonBodyErrors, problem } from '#shared/http/problem-schema.ts';
import {
  IncidentChangeSchema,
  IncidentFiguresQuerySchema,
  IncidentIdPathSchema,
  IncidentNoteSchema,
  IncidentReportSchema,
  IncidentsQuerySchema,
} from '#shared/security/http/incident-schemas.ts';
import {
  IncidentDetailSchema,
  IncidentFiguresSchema,
  IncidentNoteViewSchema,
  IncidentPageSchema,
  IncidentSchema,
} from '#shared/security/http/incident-response-schemas.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });
const body = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });

const staffOnly = { ...authenticatedErrors, '403': problem('Only security staff may use this route (people of other roles and integration clients are refused)') };
const noSuchIncident = { '404': problem('No such incident') };

/** The incident register's paths of the OpenAPI document. */
export const incidentPaths: ZodOpenApiPathsObject = {
  '/v1/security/incidents': {
    post: {
      operationId: 'recordSecurityIncident',
      summary: 'Security staff: record an incident; with personal data involved, its 72-hour regulator deadline runs from awareness',
      requestBody: body(IncidentReportSchema),
      responses: {
        ...jsonBodyErrors,
        '201': {
          description: 'The incident as recorded; read it at Location',
          headers: { location: { description: 'The incident’s URL', schema: { type: 'string' } } },
          ...json(IncidentDetailSchema),
        },
        ...staffOnly,
      },
    },
    get: {
      operationId: 'listSecurityIncidents',
      summary: 'Security staff: incidents by status and category, newest detection first (without their notes)',
      requestParams: { query: IncidentsQuerySchema },
      responses: { '200': { description: 'A page of incidents', ...json(IncidentPageSchema) }, ...staffOnly },
    },
  },
  '/v1/security/incidents/figures': {
    get: {
      operationId: 'getSecurityIncidentFigures',
      summary: 'Security staff: the incident figures of a quarter, with the security-incident rate per million active people',
      requestParams: { query: IncidentFiguresQuerySchema },
      responses: { '200': { description: 'The quarter’s figures', ...json(IncidentFiguresSchema) }, ...staffOnly },
    },
  },
  '/v1/security/incidents/{id}': {
    get: {
      operationId: 'getSecurityIncident',
      summary: 'Security staff: one incident with its deadline and its timeline notes',
      requestParams: { path: IncidentIdPathSchema },
      responses: { '200': { description: 'The incident', ...json(IncidentDetailSchema) }, ...staffOnly, ...noSuchIncident },
    },
    patch: {
      operationId: 'changeSecurityIncident',
      summary: 'Security staff: change an incident’s times, counts, links and the decisions on notifying the regulator and the people',
      requestParams: { path: IncidentIdPathSchema },
      requestBody: body(IncidentChangeSchema),
      responses: { '200': { description: 'The incident after the change (without its notes)', ...json(IncidentSchema) }, ...staffOnly, ...noSuchIncident, ...jsonBodyErrors },
    },
  },
  '/v1/security/incidents/{id}/notes': {
    post: {
      operationId: 'addSecurityIncidentNote',
      summary: 'Security staff: add a note to an incident’s timeline (stored encrypted)',
      requestParams: { path: IncidentIdPathSchema },
      requestBody: body(IncidentNoteSchema),
      responses: { '201': { description: 'The note as added', ...json(IncidentNoteViewSchema) }, ...staffOnly, ...noSuchIncident, ...jsonBodyErrors },
    },
  },
};
