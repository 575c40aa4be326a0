import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { QUARTER_PATTERN } from '#shared/transparency/domain/report-quarter.ts';
import { QualitativeSectionsSchema, ReportFiguresSchema, ReportVersionSchema } from '#shared/transparency/http/report-schemas.ts';

/** The requests and answers of the report's routes (the report itself is in report-schemas.ts). */

const MAX_SUMMARY_CHARS = 4_000;
const MAX_HEADING_CHARS = 200;
const MAX_BODY_CHARS = 12_000;
const MAX_SECTIONS = 12;
const MAX_CORRECTION_CHARS = 2_000;

const Instant = z.iso.datetime({ offset: true });
const Hash = z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/));
const Revision = z.int().check(z.minimum(1));
const Quarter = meta(z.string().check(z.regex(QUARTER_PATTERN, 'Must be a quarter such as 2026-Q4')), {
  description: 'A calendar quarter (UTC), e.g. 2026-Q4',
});
const NotBlank = (max: number) => z.string().check(z.maxLength(max), z.regex(/\S/, 'Must not be blank'));

export const ReportQuarterPathSchema = z.strictObject({ quarter: Quarter });
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

const VersionReference = z.strictObject({ version: z.int().check(z.minimum(1)), publishedAt: Instant, contentHash: Hash });

export const ReportDraftSchema = meta(
  z.strictObject({
    quarter: Quarter,
    revision: Revision,
    figures: ReportFiguresSchema,
    qualitative: QualitativeSectionsSchema,
    createdAt: Instant,
    updatedAt: Instant,
    contentHash: meta(Hash, { description: 'The hash the draft’s content would be published under' }),
    latestVersion: meta(z.nullable(VersionReference), { description: 'The quarter’s latest published version; null before the first' }),
    unpublishedChanges: meta(z.boolean(), { description: 'false: the draft is what the latest version shows; publishing changes nothing' }),
    changedSinceLatest: meta(z.nullable(z.array(z.string())), {
      description:
        'The paths that differ from the latest version (`figures.customerService.received`; the first 100), for the correction; null before the first',
    }),
  }),
  { id: 'TransparencyReportDraft' },
);

const PublishedQuarterSchema = meta(
  z.strictObject({
    quarter: Quarter,
    version: meta(z.int().check(z.minimum(1)), { description: 'The latest version' }),
    publishedAt: meta(Instant, { description: 'When the latest version was published' }),
    firstPublishedAt: meta(Instant, { description: 'When the first version was published' }),
    contentHash: Hash,
    supersedes: z.nullable(z.int().check(z.minimum(1))),
  }),
  { id: 'TransparencyReportPublishedQuarter' },
);

export const PublishedQuarterListSchema = meta(
  z.strictObject({ items: meta(z.array(PublishedQuarterSchema), { description: 'Every published quarter, newest first' }) }),
  { id: 'TransparencyReportList' },
);

export const ReportPublishedSchema = meta(
  z.strictObject({
    version: ReportVersionSchema,
    created: meta(z.boolean(), { description: 'false: the latest version has this content already; nothing changed' }),
  }),
  { id: 'TransparencyReportPublished' },
);
