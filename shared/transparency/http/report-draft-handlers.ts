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
import { routesOfFunction } from '#shared/transparency/manifest.ts';
import { compileReportDraft } from '#shared/transparency/use-cases/compile-report-draft.ts';
import { publishReport } from '#shared/transparency/use-cases/publish-report.ts';
import { getReportDraft, reportDraftView } from '#shared/transparency/use-cases/read-report-draft.ts';
import { requireCommsForReports, type ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';
import { reviseReportDraft } from '#shared/transparency/use-cases/revise-report-draft.ts';

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

/** The report drafts function: comms compile a quarter's draft from the figures, write its sections and publish it. */
export const createTransparencyReportDraftsApiHandler = (deps: { ports: ReportPorts; logger: Logger }) => {
  const { ports } = deps;
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('transparencyReportDrafts'),
    mapError,
    handlers: {
      'POST /v1/transparency/reports': async ({ event, caller }) => {
        requireCommsForReports(caller);
        const { quarter } = readJsonBody(event, CompileReportRequestSchema);
        const { draft, created } = await compileReportDraft(ports, quarter);
        const view = reportDraftView(draft, await ports.reports.latestVersion(quarter));
        return json(created ? 201 : 200, view, draftLocation(quarter));
      },
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
    },
  });
};
