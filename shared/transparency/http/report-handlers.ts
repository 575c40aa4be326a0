import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/response.ts';
import {
  negotiateReport,
  negotiateReportPart,
  type ReportRequest,
  reportPartRepresentation,
  reportRepresentation,
  reportSchemaRepresentation,
} from '#shared/transparency/http/report-representation.ts';
import { routesOfFunction } from '#shared/transparency/manifest.ts';
import { latestReport, listPublishedReports, reportVersion } from '#shared/transparency/use-cases/read-reports.ts';
import type { ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';

/** The latest version and the list change when comms publish: cached briefly. A numbered version never changes. */
const latestCache = { 'cache-control': 'public, max-age=60', vary: 'accept, accept-language' };
const versionCache = { 'cache-control': 'public, max-age=86400, immutable', vary: 'accept, accept-language' };

/**
 * The report pages: the published versions, public, in the format asked for (JSON, CSV, the HTML
 * page), and the report's JSON Schema. Comms' drafts are another function's
 * (report-draft-handlers.ts), so the pages carry neither the compilation nor its sources.
 */
export const createTransparencyReportsApiHandler = (deps: { ports: Pick<ReportPorts, 'reports'>; logger: Logger }) => {
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
    handlers: {
      'GET /v1/transparency/reports': async () => json(200, await listPublishedReports(ports), latestCache),
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
