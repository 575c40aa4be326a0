import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, jsonBodyErrors, problem, tooManyRequests } from '#shared/http/problem-schema.ts';
import { incidentPaths } from '#shared/security/http/incident-openapi.ts';
import { educationPaths } from '#shared/security/http/education-openapi.ts';
import { SecurityFiguresSchema } from '#shared/security/http/figures-schemas.ts';
import {
  FindingIdPathSchema,
  FindingsQuerySchema,
  RunIdPathSchema,
  RunsQuerySchema,
  SecurityFiguresQuerySchema,
  StatusChangeSchema,
} from '#shared/security/http/schemas.ts';
import {
  AuditRunAcceptedSchema,
  AuditRunDetailSchema,
  AuditRunPageSchema,
  FindingPageSchema,
  FindingSchema,
} from '#shared/security/http/response-schemas.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });

const staffOnly = { ...authenticatedErrors, '403': problem('Only security staff may use this route (people of other roles and integration clients are refused)') };

/** The security programme's paths of the OpenAPI document. */
export const securityPaths: ZodOpenApiPathsObject = {
  ...incidentPaths,
  '/v1/security/figures': {
    get: {
      operationId: 'getSecurityFigures',
      summary: 'Security staff: the programme’s figures of a quarter (audits, findings, incidents, education), as the transparency report states them',
      requestParams: { query: SecurityFiguresQuerySchema },
      responses: { '200': { description: 'The quarter’s figures', ...json(SecurityFiguresSchema) }, ...staffOnly },
    },
  },
  '/v1/security/audits': {
    post: {
      operationId: 'requestSecurityAudit',
      summary: 'Security staff: run the security audit now; the run is recorded and carried out in the background',
      responses: {
        '202': {
          description: 'The run is recorded as requested; read it at Location',
          headers: { location: { description: 'The run’s URL', schema: { type: 'string' } } },
          ...json(AuditRunAcceptedSchema),
        },
        ...staffOnly,
        '429': tooManyRequests('Too many audits requested by this person this hour'),
      },
    },
    get: {
      operationId: 'listSecurityAudits',
      summary: 'Security staff: audit runs, newest first',
      requestParams: { query: RunsQuerySchema },
      responses: { '200': { description: 'A page of audit runs', ...json(AuditRunPageSchema) }, ...staffOnly },
    },
  },
  '/v1/security/audits/{id}': {
    get: {
      operationId: 'getSecurityAudit',
      summary: 'Security staff: one audit run, its counts, duration and every check result',
      requestParams: { path: RunIdPathSchema },
      responses: {
        '200': { description: 'The run (results once it has completed)', ...json(AuditRunDetailSchema) },
        ...staffOnly,
        '404': problem('No such audit run'),
      },
    },
  },
  '/v1/security/findings': {
    get: {
      operationId: 'listSecurityFindings',
      summary: 'Security staff: findings by status, severity, check and owner team, most urgent first',
      requestParams: { query: FindingsQuerySchema },
      responses: { '200': { description: 'A page of findings', ...json(FindingPageSchema) }, ...staffOnly },
    },
  },
  '/v1/security/findings/{id}': {
    get: {
      operationId: 'getSecurityFinding',
      summary: 'Security staff: one finding with its history',
      requestParams: { path: FindingIdPathSchema },
      responses: { '200': { description: 'The finding', ...json(FindingSchema) }, ...staffOnly, '404': problem('No such finding') },
    },
  },
  '/v1/security/findings/{id}/status': {
    post: {
      operationId: 'changeSecurityFindingStatus',
      summary: 'Security staff: acknowledge, resolve, suppress (with a reason and an expiry) or reopen a finding, with a note',
      requestParams: { path: FindingIdPathSchema },
      requestBody: { content: { 'application/json': { schema: StatusChangeSchema } } },
      responses: {
        ...jsonBodyErrors,
        '200': { description: 'The finding after the change', ...json(FindingSchema) },
        ...staffOnly,
        '404': problem('No such finding'),
        '409': problem('The finding’s status does not allow this action (finding-status-conflict)'),
      },
    },
  },
  ...educationPaths,
};
