import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { lockedPageHeaders } from '#shared/http/html.ts';
import Negotiator from 'negotiator';
import { problems } from '#shared/http/problem.ts';
import { headerValue, readPath, readQuery } from '#shared/http/request.ts';
import { json, text } from '#shared/http/response.ts';
import { chooseLanguage } from '#shared/transparency/domain/language.ts';
import type { PolicyLanguage } from '#shared/transparency/domain/privacy-policy.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { partCsv, reportCsv } from '#shared/transparency/domain/report-csv.ts';
import type { ReportPartId } from '#shared/transparency/domain/report-parts.ts';
import { ReportPartPathSchema, ReportQuarterPathSchema, ReportVersionPathSchema } from '#shared/transparency/http/report-api-schemas.ts';
import { reportHtml } from '#shared/transparency/http/report-html.ts';
import { reportJsonSchemaText } from '#shared/transparency/http/report-json-schema.generated.ts';
import { LanguageQuerySchema } from '#shared/transparency/http/schemas.ts';

/**
 * The one place where the public reads of a report choose and build their representation: which
 * quarter (and version) a request names and in which format, and the answer in that format.
 * The format is the extension of the last path segment (`2026-Q4.csv`, `.../versions/2.html`)
 * when there is one, else the best of Accept (JSON when Accept is absent or says anything);
 * an unknown extension or an Accept that admits none of the three is a 406.
 */

const reportFormats = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The media type answered for each format (the charset is added to the text ones). */
const reportMediaTypes: Record<ReportFormat, string> = { json: 'application/json', csv: 'text/csv', html: 'text/html' };

/** What a public read of one report asks for: the quarter, the version (latest when absent), the format and the page's language. */
export interface ReportRequest {
  quarter: string;
  version?: number;
  format: ReportFormat;
  language: PolicyLanguage;
}

/** `2026-Q4.csv` → `['2026-Q4', 'csv']`; `2026-Q4` → `['2026-Q4', undefined]`. */
const splitExtension = (segment: string): [string, string | undefined] => {
  const dot = segment.lastIndexOf('.');
  return dot < 0 ? [segment, undefined] : [segment.slice(0, dot), segment.slice(dot + 1)];
};

const available = (formats: readonly ReportFormat[]) => formats.map((format) => reportMediaTypes[format]);

/** The format an extension names, else the best of Accept among `formats` (the first when Accept is absent). */
const chooseFormat = <F extends ReportFormat>(event: APIGatewayProxyEventV2, extension: string | undefined, formats: readonly F[]): F => {
  if (extension !== undefined) {
    const named = formats.find((format) => format === extension.toLowerCase());
    if (!named) throw problems.notAcceptable(available(formats));
    return named;
  }
  const accept = headerValue(event, 'accept');
  if (!accept?.trim()) return formats[0]!;
  const best = new Negotiator({ headers: { accept } }).mediaType(available(formats));
  const chosen = formats.find((format) => reportMediaTypes[format] === best);
  if (!chosen) throw problems.notAcceptable(available(formats));
  return chosen;
};

/** The quarter, version, format and language a public read names (400 for a malformed quarter or version, 406 for a format there is not). */
export const negotiateReport = (event: APIGatewayProxyEventV2): ReportRequest => {
  const parameters = { ...event.pathParameters };
  const last = parameters.version !== undefined ? 'version' : 'quarter';
  const [name, extension] = splitExtension(parameters[last] ?? '');
  parameters[last] = name;
  const named = { ...event, pathParameters: parameters };
  const path = last === 'version' ? readPath(named, ReportVersionPathSchema) : { ...readPath(named, ReportQuarterPathSchema), version: undefined };
  const language = chooseLanguage(readQuery(event, LanguageQuerySchema).lang, headerValue(event, 'accept-language'));
  return { quarter: path.quarter, ...(path.version !== undefined && { version: path.version }), format: chooseFormat(event, extension, reportFormats), language };
};

/** The path of a published version, without extension: the page's links to its data name the immutable version. */
const versionPath = (version: ReportVersion) => `/v1/transparency/reports/${version.quarter}/versions/${version.version}`;

const attachment = (name: string) => ({ 'content-disposition': `attachment; filename="${name}"` });

/**
 * The pages already rendered, by content hash and language: a published version never changes,
 * and drawing its charts is the slow part of an answer.
 */
const renderedPages = new Map<string, string>();
const RENDERED_PAGES_KEPT = 16;

const pageOf = (version: ReportVersion, language: PolicyLanguage): string => {
  const key = `${version.quarter}/${version.version}/${version.contentHash}/${language}`;
  let page = renderedPages.get(key);
  if (page === undefined) {
    page = reportHtml(version, language, versionPath(version));
    if (renderedPages.size >= RENDERED_PAGES_KEPT) renderedPages.delete(renderedPages.keys().next().value!);
    renderedPages.set(key, page);
  }
  return page;
};

/** A published version in `format`: the answer's body and content headers (the caller adds caching). */
export const reportRepresentation = (
  version: ReportVersion,
  format: ReportFormat,
  page: { language: PolicyLanguage } = { language: 'en' },
): APIGatewayProxyStructuredResultV2 => {
  const name = `transparency-report-${version.quarter}-v${version.version}`;
  switch (format) {
    case 'json':
      return json(200, version);
    case 'csv':
      return text(200, reportCsv(version), 'text/csv; charset=utf-8', attachment(`${name}.csv`));
    case 'html':
      return text(200, pageOf(version, page.language), 'text/html; charset=utf-8', { ...lockedPageHeaders, 'content-language': page.language });
  }
};

/** The quarter and part a read of one part names; the part is CSV only (406 when Accept refuses it). */
export const negotiateReportPart = (event: APIGatewayProxyEventV2): { quarter: string; part: ReportPartId } => {
  const { quarter, part } = readPath(event, ReportPartPathSchema);
  chooseFormat(event, undefined, ['csv'] as const);
  return { quarter, part };
};

/** One part of a published version as its own CSV file. */
export const reportPartRepresentation = (version: ReportVersion, part: ReportPartId): APIGatewayProxyStructuredResultV2 =>
  text(200, partCsv(version, part), 'text/csv; charset=utf-8', attachment(`transparency-report-${version.quarter}-v${version.version}-part-${part}.csv`));

/** The JSON Schema of a published report (draft 2020-12), as `npm run openapi` wrote it from the report's schema. */
export const reportSchemaRepresentation = (): APIGatewayProxyStructuredResultV2 =>
  text(200, reportJsonSchemaText, 'application/schema+json', { 'cache-control': 'public, max-age=3600' });
