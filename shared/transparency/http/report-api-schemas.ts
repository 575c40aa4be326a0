import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { reportPartIds } from '#shared/transparency/domain/report-parts.ts';
import { QUARTER_PATTERN } from '#shared/transparency/domain/report-quarter.ts';

/**
 * The requests of the report's routes: their validation, their TypeScript types and their part of
 * the OpenAPI document come from these schemas (the report itself is in report-schemas.ts). The
 * answers' schemas are in report-api-response-schemas.ts, which only the OpenAPI document loads:
 * a schema is built when its module loads, and the function, which never parses an answer, would
 * build them all at every cold start.
 */

const MAX_SUMMARY_CHARS = 4_000;
const MAX_HEADING_CHARS = 200;
const MAX_BODY_CHARS = 12_000;
const MAX_SECTIONS = 12;
const MAX_CORRECTION_CHARS = 2_000;

/** A draft's revision and a quarter, in the requests and in the answers. */
export const Revision = z.int().check(z.minimum(1));
export const Quarter = meta(z.string().check(z.regex(QUARTER_PATTERN, 'Must be a quarter such as 2026-Q4')), {
  description: 'A calendar quarter (UTC), e.g. 2026-Q4',
});
const NotBlank = (max: number) => z.string().check(z.maxLength(max), z.regex(/\S/, 'Must not be blank'));

export const ReportQuarterPathSchema = z.strictObject({ quarter: Quarter });

/** A quarter as the report itself names it (report-schemas.ts), and in the path of one of its parts. */
export const ReportedQuarter = meta(z.string().check(z.regex(/^\d{4}-Q[1-4]$/)), { description: 'A calendar quarter (UTC), e.g. 2026-Q4' });
export const ReportPartPathSchema = z.strictObject({
  quarter: ReportedQuarter,
  part: meta(z.enum(reportPartIds), {
    description: 'A part of the 2024/2835 template (1.1 to 1.8; 1.7 is for very large platforms only) or of the platform’s own',
  }),
});
export const ReportVersionPathSchema = z.strictObject({
  quarter: Quarter,
  version: meta(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(999_999)), { description: 'The version’s number (1, 2, …)' }),
});

export const CompileReportRequestSchema = meta(z.strictObject({ quarter: meta(Quarter, { description: 'A quarter that has ended' }) }), {
  id: 'TransparencyReportCompileRequest',
});

const languageSections = z.strictObject({
  summary: meta(z.string().check(z.maxLength(MAX_SUMMARY_CHARS)), {
    description: 'Markdown; required (not blank) in both languages before publishing',
  }),
  sections: z
    .array(z.strictObject({ heading: NotBlank(MAX_HEADING_CHARS), body: NotBlank(MAX_BODY_CHARS) }))
    .check(z.maxLength(MAX_SECTIONS)),
});

export const ReportDraftRevisionSchema = meta(
  z.strictObject({
    qualitative: z.strictObject({ en: languageSections, 'zh-CN': languageSections }),
    revision: meta(Revision, { description: 'The revision of the draft that was read (409 if it changed since)' }),
  }),
  { id: 'TransparencyReportDraftRevision' },
);

export const PublishReportRequestSchema = meta(
  z.strictObject({
    revision: meta(Revision, { description: 'The revision of the draft that was read and is to be published' }),
    correction: meta(
      z.optional(
        z.strictObject({ en: NotBlank(MAX_CORRECTION_CHARS).check(z.trim()), 'zh-CN': NotBlank(MAX_CORRECTION_CHARS).check(z.trim()) }),
      ),
      { description: 'What this version changes, in both languages: required once a version is published, refused before' },
    ),
  }),
  { id: 'TransparencyReportPublishRequest' },
);
