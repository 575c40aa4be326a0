import type { Logger } from '@aws-lambda-powertools/logger';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { type ProblemError, problemOf, problems } from '#shared/http/problem.ts';
import { readJsonBody, readPath } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { ReportRefusal } from '#shared/transparency/domain/report-lifecycle.ts';
import {
  CompileReportRequestSchema,
  PublishReportRequestSchema,
  ReportDraftRevisionSchema,
  ReportQuarterPathSchema,
} from '#shared/transparency/http/report-api-schemas.ts';
import {
  negotiateReport,
  negotiateReportPart,
  type ReportRequest,
  reportPartRepresentation,
  reportRepresentation,
  reportSchemaRepresentation,
} from '#shared/transparency/http/report-representation.ts';
import { routesOfFunction } from '#shared/transparency/manifest.ts';
import { compileReportDraft } from '#shared/transparency/use-cases/compile-report-draft.ts';
import { publishReport } from '#shared/transparency/use-cases/publish-report.ts';
import { getReportDraft, reportDraftView } from '#shared/transparency/use-cases/read-report-draft.ts';
import { latestReport, listPublishedReports, reportVersion } from '#shared/transparency/use-cases/read-reports.ts';
import { requireCommsForReports, type ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';
import { reviseReportDraft } from '#shared/transparency/use-cases/revise-report-draft.ts';

/** The latest version and the list change when comms publish: cached briefly. A numbered version never changes. */
const latestCache = { 'cache-control': 'public, max-age=60', vary: 'accept, accept-language' };
const versionCache = { 'cache-control': 'public, max-age=86400, immutable', vary: 'accept, accept-language' };

/** A refusal of the lifecycle's rules: 422 for a request the draft cannot satisfy as it is, 409 for a conflict with time or what is stored. */
const mapError = (error: unknown): ProblemError | undefined => {
  if (error instanceof ReportRefusal) {
    if (error.reason === 'quarter-not-started' || error.reason === 'revision-conflict') return problems.conflict(error.reason, error.message);
    return problemOf(422, error.reason, 'The draft cannot be published as asked', error.message);
  }
  // A conditional write of a draft lost to another save or a compilation in between.
  if (error instanceof ConditionFailedError) return problems.conflict('revision-conflict', 'The draft changed while this request was handled; read it again.');
  return undefined;
};

const draftLocation = (quarter: string) => ({ location: `/v1/transparency/reports/drafts/${quarter}` });

/** The transparency reports function: drafts compiled, written and published by comms; the versions, public. */
export const createTransparencyReportsApiHandler = (deps: { ports: ReportPorts; logger: Logger }) => {
  const { ports } = deps;
  /** A published report in the format asked for: the latest version, or the one the request names. */
  const publicRead = async (request: ReportRequest) => {
    const version = request.version === undefined ? await latestReport(ports, request.quarter) : await reportVersion(ports, request.quarter, request.version);
    const answer = reportRepresentation(version, request.format, request);
    return { ...answer, headers: { ...answer.headers, ...(request.version === undefined ? latestCache : versionCache) } };
  };
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('transparencyReports'),
    mapError,
    handlers: {
      'POST /v1/transparency/reports': async ({ event, caller }) => {
        requireCommsForReports(caller);
        const { quarter } = readJsonBody(event, CompileReportRequestSchema);
        const { draft, created } = await compileReportDraft(ports, quarter);
        const view = reportDraftView(draft, await ports.reports.latestVersion(quarter));
        return json(created ? 201 : 200, view, draftLocation(quarter));
      },
      'GET /v1/transparency/reports': async () => json(200, await listPublishedReports(ports), latestCache),
      'GET /v1/transparency/reports/drafts/{quarter}': async ({ event, caller }) => {
        requireCommsForReports(caller);
        return json(200, await getReportDraft(ports, caller, readPath(event, ReportQuarterPathSchema).quarter));
      },
      'PUT /v1/transparency/reports/drafts/{quarter}': async ({ event, caller }) => {
        requireCommsForReports(caller);
        const { quarter } = readPath(event, ReportQuarterPathSchema);
        const draft = await reviseReportDraft(ports, caller, quarter, readJsonBody(event, ReportDraftRevisionSchema));
        return json(200, reportDraftView(draft, await ports.reports.latestVersion(quarter)));
      },
      'POST /v1/transparency/reports/drafts/{quarter}/publish': async ({ event, caller }) => {
        requireCommsForReports(caller);
        const { quarter } = readPath(event, ReportQuarterPathSchema);
        const { version, created } = await publishReport(ports, caller, quarter, readJsonBody(event, PublishReportRequestSchema));
        return json(created ? 201 : 200, { version, created }, { location: `/v1/transparency/reports/${quarter}/versions/${version.version}` });
      },
      'GET /v1/transparency/reports/schema': async () => reportSchemaRepresentation(),
      'GET /v1/transparency/reports/{quarter}': async ({ event }) => publicRead(negotiateReport(event)),
      'GET /v1/transparency/reports/{quarter}/parts/{part}': async ({ event }) => {
        const { quarter, part } = negotiateReportPart(event);
        const answer = reportPartRepresentation(await latestReport(ports, quarter), part);
        return { ...answer, headers: { ...answer.headers, ...latestCache } };
      },
      'GET /v1/transparency/reports/{quarter}/versions/{version}': async ({ event }) => publicRead(negotiateReport(event)),
    },
  });
};
