import * as z from 'zod';
import { QUARTER_PATTERN } from '#shared/transparency/domain/report-quarter.ts';
import { QualitativeSectionsSchema, ReportFiguresSchema, ReportVersionSchema } from '#shared/transparency/http/report-schemas.ts';

/** The requests and answers of the report's routes (the report itself is in report-schemas.ts). */

const MAX_SUMMARY_CHARS = 4_000;
const MAX_HEADING_CHARS = 200;
const MAX_BODY_CHARS = 12_000;
const MAX_SECTIONS = 12;
const MAX_CORRECTION_CHARS = 2_000;

const Instant = z.iso.datetime({ offset: true });
const Hash = z.string().regex(/^sha256:[0-9a-f]{64}$/);
const Revision = z.number().int().min(1);
const Quarter = z.string().regex(QUARTER_PATTERN, 'Must be a quarter such as 2026-Q4').meta({ description: 'A calendar quarter (UTC), e.g. 2026-Q4' });
const NotBlank = (max: number) => z.string().max(max).regex(/\S/, 'Must not be blank');

export const ReportQuarterPathSchema = z.strictObject({ quarter: Quarter });
export const ReportVersionPathSchema = z.strictObject({
  quarter: Quarter,
  version: z.coerce.number().int().min(1).max(999_999).meta({ description: 'The version’s number (1, 2, …)' }),
});

export const CompileReportRequestSchema = z
  .strictObject({ quarter: Quarter.meta({ description: 'A quarter that has ended' }) })
  .meta({ id: 'TransparencyReportCompileRequest' });

const languageSections = z.strictObject({
  summary: z.string().max(MAX_SUMMARY_CHARS).meta({ description: 'Markdown; required (not blank) in both languages before publishing' }),
  sections: z.array(z.strictObject({ heading: NotBlank(MAX_HEADING_CHARS), body: NotBlank(MAX_BODY_CHARS) })).max(MAX_SECTIONS),
});

export const ReportDraftRevisionSchema = z
  .strictObject({
    qualitative: z.strictObject({ en: languageSections, 'zh-CN': languageSections }),
    revision: Revision.meta({ description: 'The revision of the draft that was read (409 if it changed since)' }),
  })
  .meta({ id: 'TransparencyReportDraftRevision' });

export const PublishReportRequestSchema = z
  .strictObject({
    revision: Revision.meta({ description: 'The revision of the draft that was read and is to be published' }),
    correction: z
      .strictObject({ en: NotBlank(MAX_CORRECTION_CHARS).trim(), 'zh-CN': NotBlank(MAX_CORRECTION_CHARS).trim() })
      .optional()
      .meta({ description: 'What this version changes, in both languages: required once a version is published, refused before' }),
  })
  .meta({ id: 'TransparencyReportPublishRequest' });

const VersionReference = z.strictObject({ version: z.number().int().min(1), publishedAt: Instant, contentHash: Hash });

export const ReportDraftSchema = z
  .strictObject({
    quarter: Quarter,
    revision: Revision,
    figures: ReportFiguresSchema,
    qualitative: QualitativeSectionsSchema,
    createdAt: Instant,
    updatedAt: Instant,
    contentHash: Hash.meta({ description: 'The hash the draft’s content would be published under' }),
    latestVersion: VersionReference.nullable().meta({ description: 'The quarter’s latest published version; null before the first' }),
    unpublishedChanges: z.boolean().meta({ description: 'false: the draft is what the latest version shows; publishing changes nothing' }),
    changedSinceLatest: z
      .array(z.string())
      .nullable()
      .meta({ description: 'The paths that differ from the latest version (`figures.customerService.received`; the first 100), for the correction; null before the first' }),
  })
  .meta({ id: 'TransparencyReportDraft' });

const PublishedQuarterSchema = z
  .strictObject({
    quarter: Quarter,
    version: z.number().int().min(1).meta({ description: 'The latest version' }),
    publishedAt: Instant.meta({ description: 'When the latest version was published' }),
    firstPublishedAt: Instant.meta({ description: 'When the first version was published' }),
    contentHash: Hash,
    supersedes: z.number().int().min(1).nullable(),
  })
  .meta({ id: 'TransparencyReportPublishedQuarter' });

export const PublishedQuarterListSchema = z
  .strictObject({ items: z.array(PublishedQuarterSchema).meta({ description: 'Every published quarter, newest first' }) })
  .meta({ id: 'TransparencyReportList' });

export const ReportPublishedSchema = z
  .strictObject({
    version: ReportVersionSchema,
    created: z.boolean().meta({ description: 'false: the latest version has this content already; nothing changed' }),
  })
  .meta({ id: 'TransparencyReportPublished' });
